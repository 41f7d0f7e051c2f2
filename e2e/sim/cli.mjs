#!/usr/bin/env node
// CLI: node e2e/sim/cli.mjs --port 4010 --key sk-xyz [--host 127.0.0.1] [--latency ms] [--pace ms] [--max-body-mb N]
import { parseArgs } from "node:util";
import { startGateway } from "./gateway.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string" }, host: { type: "string" }, key: { type: "string" },
    latency: { type: "string" }, jitter: { type: "string" }, pace: { type: "string" },
    "max-body-mb": { type: "string" }, "retry-delay": { type: "string" }, "loose-models": { type: "boolean" },
  },
});

const n = (v, d) => (v === undefined ? d : Number(v));
const sim = await startGateway({
  port: n(values.port ?? process.env.SIM_PORT, 4010),
  host: values.host ?? process.env.SIM_HOST ?? "127.0.0.1",
  apiKey: values.key ?? process.env.SIM_API_KEY ?? undefined,
  latencyMs: n(values.latency, 0), jitterMs: n(values.jitter, 0), paceMs: n(values.pace, 15),
  maxBodyMB: n(values["max-body-mb"] ?? process.env.SIM_MAX_BODY_MB, 32),
  retryDelayMs: n(values["retry-delay"], 500),
  strictModels: !values["loose-models"],
});
console.log(`sim gateway listening on ${sim.url}`);

const stop = () => sim.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
