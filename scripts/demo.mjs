#!/usr/bin/env node
// `npm run demo`: the whole UI without a real key. Starts the simulated gateway, builds the app if needed,
// and runs it wired to the simulator with DEMO_MODE on (the UI says answers are simulated).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { startGateway } from "../e2e/sim/gateway.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (spawnSync("bash", ["scripts/setup.sh"], { stdio: "inherit" }).status !== 0) process.exit(1);
if (!existsSync(".next/BUILD_ID") && spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit", env }).status !== 0) process.exit(1);

const key = `sk-demo-${randomBytes(12).toString("hex")}`;
const sim = await startGateway({ port: Number(process.env.SIM_PORT ?? 0), apiKey: key });
console.log(`simulated gateway at ${sim.url}`);
const app = spawn(
  "npx",
  ["--no-install", "next", "start", "-H", process.env.HOST ?? "127.0.0.1", "-p", process.env.PORT ?? "3000"],
  { stdio: "inherit", env: { ...env, GATEWAY_BASE_URL: sim.url, GATEWAY_API_KEY: key, DEMO_MODE: "1" } },
);
const stop = () => {
  app.kill("SIGTERM");
  void sim.close();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
app.on("exit", (code) => {
  void sim.close();
  process.exit(code ?? 0);
});
