import { defineConfig, devices } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";

// Set ONCE: workers re-evaluate this file but inherit process.env.
// A fresh canary key per run: the key-leak checks search everything for it (K-2..K-5).
process.env.CANARY_KEY ??= `sk-canary-${randomBytes(16).toString("hex")}`;
process.env.E2E_OUT ??= ".ci-out";
mkdirSync(process.env.E2E_OUT, { recursive: true });

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
  // Each worker runs its own simulated gateway and `next start` (e2e/support/stack.ts), so tests in different
  // workers never share the simulator's request log.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // On the shared 2-core CI machine a test that fails once gets one more try; the summary line of .ci/run
  // reports every such test as flaky, by name, so a retry never hides one.
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  outputDir: `${process.env.E2E_OUT}/test-results`,
  // Tracing every test costs CI minutes on 2 cores; locally, failures keep a trace.
  use: { trace: process.env.CI ? "off" : "retain-on-failure" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
      },
    },
  ],
});
