// Probe: the first /api/chat after `next start`, sent the moment the port accepts and again with the server left
// to settle first. Tells Next's own start-up work (it loads every route's code right after it starts listening;
// a request in that window waits for it) from this app's cold path (the route's first run, the model-list fetch
// that P-2's check needs, a new upstream connection).
// Usage: node bench/probes/first-request.mjs [settleMs=3000] [runs=3]   (needs a build in .next-bench, the
// simulator on 127.0.0.1:4010 with key K: node e2e/sim/cli.mjs --port 4010 --key K)
import { spawn } from "node:child_process";
import net from "node:net";
import { chatBody, proxyChat } from "../sections/proxy.mjs";

const settle = Number(process.argv[2] ?? 3000);
const runs = Number(process.argv[3] ?? 3);
const PORT = 3005;
const env = {
  ...process.env, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-bench", GATEWAY_BASE_URL: "http://127.0.0.1:4010/v1", GATEWAY_API_KEY: "K",
  RATE_LIMIT_SCALE: "0", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production",
};
const accepts = () => new Promise((r) => { const s = net.connect(PORT, "127.0.0.1", () => { s.destroy(); r(true); }); s.on("error", () => r(false)); });

for (const wait of [0, settle]) {
  for (let i = 0; i < runs; i++) {
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT)], { env, stdio: "ignore" });
    const t0 = performance.now();
    while (!(await accepts())) await new Promise((r) => setTimeout(r, 10));
    const listening = performance.now() - t0;
    await new Promise((r) => setTimeout(r, wait));
    const first = await proxyChat(`http://127.0.0.1:${PORT}`, chatBody("pace=0"));
    const second = await proxyChat(`http://127.0.0.1:${PORT}`, chatBody("pace=0"));
    console.log(`sent ${wait} ms after the port accepted (listening after ${listening.toFixed(0)} ms): first TTFB ${first.ttfbMs.toFixed(1)} ms, second ${second.ttfbMs.toFixed(1)} ms`);
    child.kill();
    await new Promise((r) => child.once("exit", r));
  }
}
