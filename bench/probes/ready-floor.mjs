// Probe: section 3's "full page load → ready" for any URLs. Loads pages the way the bench does (a new tab in a
// warm context, ready = the first frame with the marker text "s0001" in the DOM and #chat-composer enabled),
// interleaving the URLs given, and prints the median per URL: two builds of the app side by side (an ablation), or
// the app against the floor page (bench/floor-app, which `npm run bench` also measures).
// Usage: node bench/probes/ready-floor.mjs <url>,<url>... [loads]
// The app's URLs need the seeded conversation: pass SEED=<app base URL>[,<another>] to seed them first (section 3's seed()).
import { chromium } from "@playwright/test";
import { seed } from "../sections/long-thread.mjs";
const urls = process.argv[2].split(",");
const loads = Number(process.argv[3] ?? 8);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
function probe() {
  const b = (window.__r = { ready: null, fcp: null });
  const check = () => {
    const c = document.getElementById("chat-composer");
    if (b.ready === null && c && !c.disabled && document.body?.textContent.includes("s0001")) b.ready = performance.now();
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === "first-contentful-paint") b.fcp = e.startTime; }).observe({ type: "paint", buffered: true });
}
const contexts = [];
for (const url of urls) {
  const origin = new URL(url).origin;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(probe);
  const p = await context.newPage();
  await p.goto(`${origin}/`, { waitUntil: "networkidle" }).catch(() => {});
  if (process.env.SEED && process.env.SEED.split(",").some((o) => new URL(o).origin === origin)) {
    await p.goto(`${origin}/chat`, { waitUntil: "networkidle" });
    await p.waitForTimeout(500);
    await p.evaluate(seed, { big: "bench-thread-1000", small: "bench-thread-small", count: 50 });
  }
  await p.goto(url, { waitUntil: "networkidle" }); // warms the HTTP cache
  await p.close();
  contexts.push({ url, context, ready: [], fcp: [] });
}
for (let i = 0; i < loads; i++) {
  for (const c of contexts) {
    const p = await c.context.newPage();
    await p.goto(c.url, { waitUntil: "commit" });
    await p.waitForFunction(() => window.__r.ready !== null, null, { timeout: 30_000, polling: 50 });
    await p.waitForTimeout(200);
    const r = await p.evaluate(() => window.__r);
    c.ready.push(r.ready); c.fcp.push(r.fcp ?? NaN);
    await p.close();
  }
}
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
for (const c of contexts) console.log(`${c.url}: ready median ${median(c.ready).toFixed(0)} ms (runs ${c.ready.map((x) => x.toFixed(0)).join(" ")}); first contentful paint median ${median(c.fcp).toFixed(0)} ms`);
await browser.close();
