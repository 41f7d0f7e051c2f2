// `npm run bench`: builds into .next-bench (unless fresh or --no-build), starts the simulated gateway and
// `next start` wired to it, runs each section, stops everything, and prints ONE table (stdout; progress on
// stderr), also written to bench/out/latest-bench.{json,md}. A benchmark, not a test: it always exits 0.
// Options: --no-build, --rebuild, --only=proxy,server,bundle,thread,render,lighthouse, --runs=N.
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { errorRow, renderText, row, writeReport } from "./lib/report.mjs";
import { ensureBuild, killAllSync, newApiKey, OUT, progress, RATE_LIMIT_OFF, ROOT, startFloor, startServer, startSim } from "./lib/stack.mjs";
import { benchBundle } from "./sections/bundle.mjs";
import { benchLighthouse } from "./sections/lighthouse.mjs";
import { benchLongThread } from "./sections/long-thread.mjs";
import { benchProxy } from "./sections/proxy.mjs";
import { benchServerCpu, benchServerIdle } from "./sections/server.mjs";
import { benchStreamRenderSection } from "./sections/stream-render.mjs";

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    rebuild: { type: "boolean", default: false },
    only: { type: "string" },
    runs: { type: "string", default: "30" },
  },
});
const only = args.only ? new Set(args.only.split(",")) : null;
const want = (name) => !only || only.has(name);
const ORDER = ["1 proxy", "2 stream render", "3 long thread", "4 bundle", "5 lighthouse", "6 server", "setup"];

const rows = [];
const startedAt = new Date().toISOString();
const loadAtStart = os.loadavg();
const started = performance.now();

/** Runs one section; a failure becomes an "error: …" row and the others still run. */
async function section(name, fn) {
  progress(`— ${name}`);
  const t0 = performance.now();
  try {
    server?.assertAlive();
    rows.push(...(await fn()));
    server?.assertAlive();
  } catch (err) {
    progress(`${name} failed: ${err.stack ?? err}`);
    rows.push(errorRow(name, err));
  }
  progress(`  ${name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

let sim;
let server;
let floor;
let browser;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    progress(`${signal}: stopping`);
    void browser?.close().catch(() => {});
    killAllSync();
    process.exit(130);
  });
}
try {
  const b = await ensureBuild({ skip: args["no-build"], force: args.rebuild });
  rows.push(row("setup", "build", b.value, "", "", b.ok, b.note));
  rows.push(row("setup", "rate limits", "off", "", "", undefined, `${Object.entries(RATE_LIMIT_OFF).map(([k, v]) => `${k}=${v}`).join(" ")}: every request comes from 127.0.0.1`));

  const apiKey = newApiKey();
  sim = await startSim(apiKey);
  progress(`simulated gateway at ${sim.url}`);
  server = await startServer({ simUrl: sim.url, apiKey });
  progress(`next start at ${server.baseURL} (pid ${server.pid}), listening after ${server.listeningMs.toFixed(0)} ms`);
  const ctx = { baseURL: server.baseURL, simUrl: sim.url, apiKey, server };
  if (want("thread") || want("lighthouse")) {
    // The framework's floor for sections 3 and 5: a bare Next page, measured beside the app in the same run.
    try {
      floor = await startFloor();
      progress(`floor page at ${floor.baseURL}`);
    } catch (err) {
      progress(`floor page did not start: ${err.message}`);
      rows.push(errorRow("setup", new Error(`floor page: ${err.message}`)));
    }
  }

  if (want("proxy")) await section("1 proxy", () => benchProxy({ ...ctx, runs: Number(args.runs) }));
  if (want("server")) {
    await section("6 server", () => benchServerIdle(ctx));
    await section("6 server", () => benchServerCpu(ctx));
  }
  if (want("bundle")) await section("4 bundle", () => benchBundle(ctx));

  if (want("thread") || want("render")) {
    try {
      const { chromium } = await import("@playwright/test");
      browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
        args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
          "--disable-component-update", "--no-first-run", "--disable-sync"],
      });
    } catch (err) {
      for (const [name, section] of [["render", "2 stream render"], ["thread", "3 long thread"]]) {
        if (want(name)) rows.push(errorRow(section, new Error(`Chromium did not start: ${err.message}`)));
      }
    }
  }
  if (browser && want("render")) await section("2 stream render", () => benchStreamRenderSection({ ...ctx, browser }));
  if (browser && want("thread")) await section("3 long thread", () => benchLongThread({ ...ctx, browser, floor }));
  await browser?.close().catch(() => {});
  browser = undefined;
  if (want("lighthouse")) await section("5 lighthouse", () => benchLighthouse({ ...ctx, floor }));
} catch (err) {
  progress(`setup failed: ${err.stack ?? err}`);
  rows.push(errorRow("setup", err));
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  await floor?.stop();
  await sim?.stop();
}

rows.sort((a, b) => ORDER.indexOf(a.section) - ORDER.indexOf(b.section));
const meta = {
  startedAt,
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`,
  seconds: Math.round((performance.now() - started) / 1000),
  // Absolute times mean little when other work shares the 2 cores; the load average says how much did.
  loadAverage: `${loadAtStart.map((x) => x.toFixed(1)).join(" ")} at start, ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} at end (1/5/15 min)`,
};
const file = writeReport(OUT, "bench", rows, meta);
process.stdout.write(`\nGateway Studio benchmark, ${meta.startedAt} (${meta.seconds} s), ${meta.machine}\n`);
process.stdout.write(`command: ${meta.command}\nload average: ${meta.loadAverage}\n\n${renderText(rows)}\n\n`);
progress(`written to ${path.relative(ROOT, file)} (and .json)`);
process.exit(0);
