import { defineConfig, devices } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";

// Chosen ONCE: workers re-evaluate this file but inherit process.env.
const freePort = () =>
  execFileSync(process.execPath, [
    "-e",
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
process.env.E2E_PORT ??= freePort();
process.env.SIM_PORT ??= freePort();
// A fresh canary key per run: the key-leak checks search everything for it (K-2..K-5).
process.env.CANARY_KEY ??= `sk-canary-${randomBytes(16).toString("hex")}`;
process.env.E2E_OUT ??= ".ci-out";
mkdirSync(process.env.E2E_OUT, { recursive: true });

const BASE = `http://127.0.0.1:${process.env.E2E_PORT}`;
export const SIM = `http://127.0.0.1:${process.env.SIM_PORT}`;

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  outputDir: `${process.env.E2E_OUT}/test-results`,
  use: { baseURL: BASE, trace: "retain-on-failure" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: [
    {
      command: `node e2e/sim/cli.mjs --port ${process.env.SIM_PORT}`,
      url: `${SIM}/__sim/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      env: { ...process.env, SIM_API_KEY: process.env.CANARY_KEY } as Record<string, string>,
    },
    {
      // The server log is kept so the key-leak suite can search it (K-4).
      command: `sh -c 'npx --no-install next start -H 127.0.0.1 -p ${process.env.E2E_PORT} 2>&1 | tee -a ${process.env.E2E_OUT}/server.log'`,
      url: `${BASE}/settings`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        GATEWAY_BASE_URL: `${SIM}/v1`,
        GATEWAY_API_KEY: process.env.CANARY_KEY,
        UPSTREAM_IDLE_TIMEOUT_MS: "8000",
      } as Record<string, string>,
    },
  ],
});
