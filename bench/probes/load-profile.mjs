// Probe: where a page load's main-thread time goes, by original source file: a CPU profile (100 µs sampling) of
// each load until ready (the marker text on screen and #chat-composer present), its self time mapped through the
// build's source maps and summed per file and per package. Time in module factories shows as Turbopack's
// build-base.ts (their lazy compilation is counted at the caller); "(program)" is the browser's own work (parsing,
// style, layout, paint).
// Usage: node bench/probes/load-profile.mjs <base> <distDir> [path=/chat/bench-thread-small] [loads=5]
// The build needs source maps: PROFILE_MAPS=1 NEXT_DIST_DIR=.next-p npx next build, then serve it with
// NEXT_DIST_DIR=.next-p next start (the simulator on 127.0.0.1:4010, as for section 3).
import { chromium } from "@playwright/test";
import fs from "node:fs";
import { SourceMapConsumer } from "source-map-js";
import { seed } from "../sections/long-thread.mjs";

const [base, dist, path = "/chat/bench-thread-small", loads = "5"] = process.argv.slice(2);
const MARKER = path === "/chat/bench-thread-small" ? "s0001" : "";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
await context.addInitScript((marker) => {
  const check = () => {
    if (document.body?.textContent.includes(marker) && document.getElementById("chat-composer")) window.__ready = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}, MARKER);
const setup = await context.newPage();
await setup.goto("/chat", { waitUntil: "networkidle" });
await setup.evaluate(seed, { big: "bench-thread-1000", small: "bench-thread-small", count: 50 });

// A chunk's map is named by the sourceMappingURL comment at its end.
const maps = new Map();
function mapOf(url) {
  const file = url.split("/_next/")[1]?.replace(/\?.*/, "");
  if (!file) return null;
  if (!maps.has(file)) {
    const js = `${dist}/${file}`;
    const name = fs.existsSync(js) ? /sourceMappingURL=(\S+)/.exec(fs.readFileSync(js, "utf8").slice(-300))?.[1] : undefined;
    const map = name ? js.replace(/[^/]+$/, name) : "";
    maps.set(file, fs.existsSync(map) ? new SourceMapConsumer(JSON.parse(fs.readFileSync(map, "utf8"))) : null);
  }
  return maps.get(file);
}
const short = (s) => s.replace(/.*node_modules\//, "node_modules/").replace(/^turbopack:\/\/\/\[project\]\//, "");
const packageOf = (s) => (s.startsWith("node_modules/") ? s.split("/").slice(0, s.startsWith("node_modules/@") ? 3 : 2).join("/") : s.split("/").slice(0, 2).join("/"));

const perFile = {};
for (let i = 0; i < Number(loads); i++) {
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  await p.goto(path, { waitUntil: "commit" });
  await p.waitForFunction(() => window.__ready, null, { polling: 50, timeout: 30_000 });
  const ready = await p.evaluate(() => window.__ready);
  const { profile } = await cdp.send("Profiler.stop");
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, k) => self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[k]));
  let busy = 0;
  for (const [id, us] of self) {
    const { url, functionName, lineNumber, columnNumber } = nodes.get(id).callFrame;
    if (functionName === "(idle)") continue;
    let key = url ? url.split("/").pop() : `(${functionName || "native"})`;
    const map = url ? mapOf(url) : null;
    const source = map?.originalPositionFor({ line: lineNumber + 1, column: columnNumber }).source;
    if (source) key = short(source);
    perFile[key] = (perFile[key] ?? 0) + us / 1000;
    busy += us / 1000;
  }
  console.log(`load ${i + 1}: ready ${ready.toFixed(0)} ms, main thread busy ${busy.toFixed(0)} ms`);
  await p.close();
}
const perPackage = {};
for (const [k, v] of Object.entries(perFile)) perPackage[packageOf(k)] = (perPackage[packageOf(k)] ?? 0) + v;
const table = (o, n) => Object.entries(o).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${(v / Number(loads)).toFixed(1).padStart(7)}  ${k}`).join("\n");
console.log(`\nself time per package or folder (ms per load):\n${table(perPackage, 25)}\n\nper file (ms per load):\n${table(perFile, 40)}`);
await browser.close();
