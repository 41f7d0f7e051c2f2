// Probe: Lighthouse runs on one URL (mobile or desktop preset), printing per run the score, TBT and LCP, and the
// page's observed main-thread tasks over 40 ms (MIN_MS=… to change; unthrottled, from Lighthouse's own trace) with their main parts:
// which tasks the blocking time and the simulated paint are made of.
// Usage: node bench/probes/lighthouse-tasks.mjs <url> [mobile|desktop] [runs]   (an app or floor page must be running)
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const [url, preset = "mobile", runs = "3"] = process.argv.slice(2);
const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"];
const PARTS = new Set(["EvaluateScript", "FunctionCall", "UpdateLayoutTree", "Layout", "RunMicrotasks", "TimerFire", "ParseHTML",
  "MajorGC", "MinorGC", "DocumentLoader::CommitNavigation", "EventDispatch", "FireAnimationFrame"]);
const config = preset === "desktop"
  ? { ...desktopConfig, settings: { ...desktopConfig.settings, onlyCategories: ["performance"] } }
  : { extends: "lighthouse:default", settings: { onlyCategories: ["performance"] } };

const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium", chromeFlags: FLAGS, logLevel: "silent" });
try {
  for (let i = 0; i < Number(runs); i++) {
    const r = await lighthouse(url, { port: chrome.port, logLevel: "error", output: "json" }, config);
    const a = r.lhr.audits;
    const fcp = a["first-contentful-paint"].numericValue;
    console.log(`\n${preset} run ${i + 1}: performance ${r.lhr.categories.performance.score}, TBT ${a["total-blocking-time"].numericValue.toFixed(0)} ms, ` +
      `LCP ${a["largest-contentful-paint"].numericValue.toFixed(0)} ms, FCP ${fcp.toFixed(0)} ms (simulated)`);
    // (Lighthouse 12.2.3's largest-contentful-paint-element audit fails with this Chromium's traces: "frame_sequence".)
    const lcpObserved = r.artifacts.Trace.traceEvents.filter((e) => e.name === "largestContentfulPaint::Candidate").map((e) => e.ts);
    // The page's main thread: the renderer main thread with the most task time.
    const events = r.artifacts.Trace.traceEvents;
    const busy = {};
    for (const e of events) if (e.name === "RunTask" && e.ph === "X") busy[`${e.pid}:${e.tid}`] = (busy[`${e.pid}:${e.tid}`] ?? 0) + e.dur;
    const main = events.filter((e) => e.name === "thread_name" && e.args.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`)
      .sort((x, y) => (busy[y] ?? 0) - (busy[x] ?? 0))[0];
    const mine = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === "X").sort((x, y) => x.ts - y.ts);
    const paint = events.find((e) => e.name === "firstContentfulPaint" && `${e.pid}:${e.tid}` === main);
    const t0 = mine[0].ts;
    if (paint) console.log(`  first contentful paint observed at ${((paint.ts - t0) / 1000).toFixed(0)} ms`);
    if (lcpObserved.length) console.log(`  largest paint candidates observed at ${lcpObserved.map((ts) => ((ts - t0) / 1000).toFixed(0)).join(", ")} ms`);
    for (const t of mine.filter((e) => e.name === "RunTask" && e.dur > Number(process.env.MIN_MS ?? 40) * 1000)) {
      const parts = mine.filter((e) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e !== t && e.dur > 8_000 && PARTS.has(e.name))
        .slice(0, 5)
        .map((e) => `${e.name}${e.args?.data?.url ? `(${e.args.data.url.replace(/^.*\//, "")})` : ""} ${(e.dur / 1000).toFixed(0)}`);
      console.log(`  at ${((t.ts - t0) / 1000).toFixed(0).padStart(5)} ms  ${(t.dur / 1000).toFixed(1).padStart(6)} ms  ${parts.join(" | ")}`);
    }
  }
} finally {
  await chrome.kill();
}
