// Probe: two builds' page loads of a saved conversation, interleaved in one browser so drift lands on both: the
// median time until its first message is on screen with the composer, and the median longest task.
// Usage: node bench/probes/page-load-ab.mjs http://127.0.0.1:3002,http://127.0.0.1:3000 [path] [loads=15]
// (two `next start`s of the builds to compare, both on the same simulator)
// PHONE=1 loads each page as a phone on a mobile network would (Lighthouse's mobile throttling, applied by the
// browser: 150 ms round trips, 1.6 Mbit/s down, 4× slower CPU); COLD=1 also bypasses the HTTP cache, as a first
// visit after a deploy (otherwise the chunks come from the cache, as for a returning person).
import { chromium } from "@playwright/test";
import { seed } from "../sections/long-thread.mjs";

const bases = process.argv[2].split(",");
const path = process.argv[3] ?? "/chat/bench-thread-small";
const N = Number(process.argv[4] ?? 15);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
const arms = [];
for (const base of bases) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    const b = (window.__tl = { ready: null, lt: [] });
    const check = () => {
      const marker = location.pathname !== "/chat/bench-thread-small" || document.body?.textContent.includes("s0001");
      if (b.ready === null && marker && document.getElementById("chat-composer")) b.ready = performance.now();
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
    new PerformanceObserver((l) => { for (const e of l.getEntries()) b.lt.push(e.duration); }).observe({ type: "longtask", buffered: true });
  });
  const page = await context.newPage();
  await page.goto("/chat", { waitUntil: "networkidle" });
  await page.evaluate(seed, { big: "bench-thread-1000", small: "bench-thread-small", count: 50 });
  arms.push({ base, context, ready: [], longest: [] });
}
for (let i = 0; i < N; i++) {
  for (const arm of arms) {
    const p = await arm.context.newPage();
    if (process.env.PHONE) {
      const cdp = await arm.context.newCDPSession(p);
      await cdp.send("Network.enable");
      if (process.env.COLD) await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    }
    await p.goto(path, { waitUntil: "commit" });
    await p.waitForFunction(() => window.__tl.ready !== null, null, { timeout: 60000, polling: 50 });
    await p.waitForTimeout(1200);
    const r = await p.evaluate(() => window.__tl);
    arm.ready.push(r.ready);
    arm.longest.push(Math.max(0, ...r.lt));
    await p.close();
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const profile = process.env.PHONE ? ` (phone profile${process.env.COLD ? ", cold cache" : ""})` : "";
for (const arm of arms) console.log(`${arm.base} ${path}${profile}: ready median ${med(arm.ready).toFixed(0)} ms, longest task median ${med(arm.longest).toFixed(0)} ms (${N} loads)`);
await browser.close();
