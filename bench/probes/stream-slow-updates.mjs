// Probe: which updates of a streamed answer are the slow ones. Streams the bench's 20,000-character answer into
// <Markdown> on /bench/markdown (as section 2 does, after the same warm-up), RUNS times, and prints per run the
// median, p95 and max ms per update over the last tenth, then every update there over SLOW ms with the delta it
// added: a block finishing, a code fence growing, a formula, or a pause unrelated to the text (GC).
// Usage: node bench/probes/stream-slow-updates.mjs http://127.0.0.1:3000   (an app started with BENCH_PAGES=1)
import { chromium } from "@playwright/test";
import { realisticAnswer } from "../stream-render/answer.mjs";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const SLOW = Number(process.env.SLOW ?? 0.85);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`${base}/bench/markdown`);
await page.waitForFunction(() => !!window.__streamRender);
await page.evaluate(() => window.__streamRender.warmUp(20000));
await page.evaluate(() => window.__streamRender.run({ mode: "blocks", chars: 20000 }));
await page.evaluate(() => window.__streamRender.run({ mode: "whole", chars: 5000 }));
const text = realisticAnswer(20000);
for (let k = 0; k < Number(process.env.RUNS ?? 3); k++) {
  const r = await page.evaluate(() => window.__streamRender.run({ mode: "blocks", chars: 20000 }));
  const end = r.updates.filter(([n]) => n >= 18000);
  const s = end.map((u) => u[1]).sort((a, b) => a - b);
  console.log(`run ${k + 1}: ${end.length} updates, median ${s[Math.floor(s.length / 2)].toFixed(2)} p95 ${s[Math.floor(s.length * 0.95)].toFixed(2)} max ${s.at(-1).toFixed(2)} ms`);
  for (const [i, u] of end.entries()) {
    if (u[1] <= SLOW) continue;
    const prev = end[i - 1]?.[0] ?? 18000;
    console.log(`   at ${u[0]} chars: ${u[1].toFixed(2)} ms, delta ${JSON.stringify(text.slice(prev, u[0]))}`);
  }
}
await browser.close();
