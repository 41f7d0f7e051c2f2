// Probe: Lighthouse 12 mobile on a running app's URL with every JS chunk that is not in the page's HTML (the
// lazy ones) and /api/models blocked: what the first load alone scores. NOBLOCK=1 for the same runs unblocked.
// Usage: node bench/probes/lighthouse-first-load.mjs http://127.0.0.1:3000/chat [runs=3]  (DIST=.next by default)
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { readdirSync } from "node:fs";
const url = process.argv[2];
const html = await (await fetch(url)).text();
const first = new Set([...html.matchAll(/src="[^"]*\/([^/"]+\.js)"/g)].map((m) => m[1]));
const lazy = readdirSync(`${process.env.DIST ?? ".next"}/static/chunks`).filter((f) => f.endsWith(".js") && !first.has(f));
const blocked = process.env.NOBLOCK ? [] : [...lazy.map((f) => `*${f}`), "*/api/models"];
console.log("first-load", first.size, "blocked", blocked.length);
const chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"], logLevel: "silent" });
for (let i = 0; i < Number(process.argv[3] ?? 3); i++) {
  const { lhr } = await lighthouse(url, { port: chrome.port, logLevel: "error", output: "json", blockedUrlPatterns: blocked }, { extends: "lighthouse:default", settings: { onlyCategories: ["performance"], blockedUrlPatterns: blocked } });
  const a = lhr.audits;
  console.log(`perf ${lhr.categories.performance.score} FCP ${a["first-contentful-paint"].numericValue.toFixed(0)} LCP ${a["largest-contentful-paint"].numericValue.toFixed(0)} TBT ${a["total-blocking-time"].numericValue.toFixed(0)}`);
}
await chrome.kill();
