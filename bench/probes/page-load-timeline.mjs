// Probe: a saved 50-message conversation's full page load in Chromium, with resource timings (which chunk was
// fetched when), paints, long tasks and the moment its first message is on screen with the composer present.
// Usage: node bench/probes/page-load-timeline.mjs http://127.0.0.1:3000   (ALL=1 prints every load in full)
import { chromium } from "@playwright/test";
import { seed } from "../sections/long-thread.mjs";
const base = process.argv[2];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
await context.addInitScript(() => {
  const b = (window.__tl = { ready: null, lt: [] });
  const check = () => { if (b.ready === null && document.body?.textContent.includes("s0001") && document.getElementById("chat-composer")) b.ready = performance.now(); requestAnimationFrame(check); };
  requestAnimationFrame(check);
  new PerformanceObserver((l) => { for (const e of l.getEntries()) b.lt.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: "longtask", buffered: true });
});
const page = await context.newPage();
await page.goto("/chat", { waitUntil: "networkidle" });
await page.waitForTimeout(1000);
await page.evaluate(seed, { big: "bench-thread-1000", small: "bench-thread-small", count: 50 });
for (let i = 0; i < 3; i++) {
  const p = await context.newPage();
  await p.goto("/chat/bench-thread-small", { waitUntil: "commit" });
  await p.waitForFunction(() => window.__tl.ready !== null, null, { timeout: 20000, polling: 50 });
  await p.waitForTimeout(300);
  const r = await p.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const res = performance.getEntriesByType("resource").filter((e) => e.initiatorType !== "img").map((e) => [e.name.replace(/^.*\//, "").slice(0, 24), Math.round(e.startTime), Math.round(e.responseEnd)]);
    const paints = performance.getEntriesByType("paint").map((e) => [e.name, Math.round(e.startTime)]);
    return { ttfb: Math.round(nav.responseStart), htmlEnd: Math.round(nav.responseEnd), dcl: Math.round(nav.domContentLoadedEventEnd), load: Math.round(nav.loadEventEnd), ready: Math.round(window.__tl.ready), res, paints, lt: window.__tl.lt };
  });
  if (i === 2 || process.env.ALL) console.log(JSON.stringify(r, null, 0));
  else console.log("ready", r.ready);
  await p.close();
}
await browser.close();
