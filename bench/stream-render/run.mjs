// Streaming-render benchmark (issue 7 item 2, issue 3 item 10): streams a 20,000-character answer
// in 20–40 character deltas into <Markdown> and into a whole-message react-markdown baseline, in
// the same Chromium run, and reports main-thread time per update, long tasks and frames.
// Standalone: `node bench/stream-render/run.mjs` against an app already running at BASE_URL.
import { pathToFileURL } from "node:url";

const PATH = "/bench/markdown";
const CHARS = 20_000;
// The last tenth of the answer: "ms per update at 20,000 characters".
const END_FROM = CHARS * 0.9;

// Same flags as playwright.config.ts (CHROMIUM_ARGS).
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

const quantile = (values, q) => {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function summarize(r) {
  const end = r.updates.filter(([n]) => n >= END_FROM);
  return {
    endMedian: quantile(end.map((u) => u[1]), 0.5),
    endP95: quantile(end.map((u) => u[1]), 0.95),
    endLayoutMedian: quantile(end.map((u) => u[2]), 0.5),
    allMedian: quantile(r.updates.map((u) => u[1]), 0.5),
    allP95: quantile(r.updates.map((u) => u[1]), 0.95),
    max: Math.max(...r.updates.map((u) => u[2])),
    final: r.final[1],
    longTasks: r.longTasks.length,
    longestTask: r.longTasks.length ? Math.max(...r.longTasks) : 0,
    fps: r.frames / (r.durationMs / 1000),
    updates: r.updates.length,
  };
}

/** @returns {Promise<{ rows: Array<{ name: string, value: number, unit: string, target: string }> }>} */
export async function benchStreamRender({ baseURL, browser }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(new URL(PATH, baseURL).href, { waitUntil: "load" });
    await page.waitForFunction(() => !!window.__streamRender, undefined, { timeout: 30_000 });
    await page.evaluate((chars) => window.__streamRender.warmUp(chars), CHARS);
    // One streamed run of each renderer first (the baseline's shorter: it is slow, and parsing warms up fast),
    // so the measured runs see a settled JIT; the first run's figures are reported too.
    const cold = summarize(await page.evaluate((chars) => window.__streamRender.run({ mode: "blocks", chars }), CHARS));
    await page.evaluate(() => window.__streamRender.run({ mode: "whole", chars: 5_000 }));
    // Same run, same page: the ratio holds even when absolute times drift with machine load.
    const ours = summarize(await page.evaluate((chars) => window.__streamRender.run({ mode: "blocks", chars }), CHARS));
    const base = summarize(await page.evaluate((chars) => window.__streamRender.run({ mode: "whole", chars }), CHARS));
    const p = "stream render";
    return {
      rows: [
        { name: `${p}: ms/update at 18-20k chars, median (block render)`, value: round(ours.endMedian), unit: "ms", target: "≤ 1" },
        { name: `${p}: ms/update at 18-20k chars, p95 (block render)`, value: round(ours.endP95), unit: "ms", target: "≤ 1" },
        { name: `${p}: ms/update incl. style+layout at 18-20k, median (block render)`, value: round(ours.endLayoutMedian), unit: "ms", target: "report" },
        { name: `${p}: ms/update, all ${ours.updates} updates, median / p95 (block render)`, value: round(ours.allMedian), unit: `ms (p95 ${round(ours.allP95)})`, target: "report" },
        { name: `${p}: first streamed run (cold JIT), ms/update at 18-20k chars, median / p95 (block render)`, value: round(cold.endMedian), unit: `ms (p95 ${round(cold.endP95)})`, target: "report" },
        { name: `${p}: final update, stream ends (its highlighting follows in a deferred render) (block render)`, value: round(ours.final), unit: "ms", target: "< 50" },
        { name: `${p}: long tasks > 50 ms (block render)`, value: ours.longTasks, unit: "count", target: "0" },
        { name: `${p}: frames/s while streaming (block render)`, value: round(ours.fps, 1), unit: "fps", target: "report" },
        { name: `${p}: ms/update at 18-20k chars, median (whole re-render baseline)`, value: round(base.endMedian), unit: "ms", target: "NextChat: 43" },
        { name: `${p}: ms/update at 18-20k chars, p95 (whole re-render baseline)`, value: round(base.endP95), unit: "ms", target: "report" },
        { name: `${p}: long tasks > 50 ms (whole re-render baseline)`, value: base.longTasks, unit: `count (longest ${round(base.longestTask, 0)} ms)`, target: "report" },
        { name: `${p}: frames/s while streaming (whole re-render baseline)`, value: round(base.fps, 1), unit: "fps", target: "report" },
        { name: `${p}: speed-up at 18-20k chars (baseline / block render, medians)`, value: round(base.endMedian / ours.endMedian, 1), unit: "×", target: "report" },
      ],
    };
  } finally {
    await context.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { chromium } = await import("@playwright/test");
  const baseURL = process.env.BASE_URL ?? "http://127.0.0.1:3000";
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const { rows } = await benchStreamRender({ baseURL, browser });
    const width = Math.max(...rows.map((r) => r.name.length));
    for (const r of rows) console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(8)} ${r.unit.padEnd(22)} target ${r.target}`);
  } finally {
    await browser.close();
  }
}
