// Probe: the JS a full page load fetches until the network settles (lazy chunks included), per URL, and the modules
// that more than one of those chunks carries (bench/lib/chunks.mjs). Seeds section 3's conversations first, so
// /chat/bench-thread-small opens a saved conversation. DETAIL=1 lists the repeated modules.
// Usage: node bench/probes/js-fetched.mjs <app base URL> [build folder, default .next] [paths, comma-separated]
import { chromium } from "@playwright/test";
import { seed } from "../sections/long-thread.mjs";
import { chunkReport, fetchedChunks } from "../lib/chunks.mjs";

const [base, dist = ".next", paths = "/chat,/chat/bench-thread-small,/images,/transcribe,/settings"] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
await page.goto("/chat", { waitUntil: "networkidle" });
await page.waitForTimeout(1000);
await page.evaluate(seed, { big: "bench-thread-1000", small: "bench-thread-small", count: 50 });
for (const url of paths.split(",")) {
  const p = await context.newPage();
  await p.goto(url, { waitUntil: "networkidle" });
  const scripts = await fetchedChunks(p);
  const r = chunkReport(dist, scripts);
  console.log(url.padEnd(26), `${r.files} files, ${r.gzKB.toFixed(1)} kB gz (${r.rawKB.toFixed(0)} raw); repeated: ${r.repeatedModules} modules, ${r.repeatedRawKB.toFixed(1)} kB raw, ~${r.repeatedGzKB.toFixed(1)} kB gz`);
  if (process.env.DETAIL) for (const m of r.repeated) console.log("   ", String(m.id).padStart(6), String(m.bytes).padStart(6), m.chunks.join(" "), "|", m.head.replace(/\s+/g, " ").slice(0, 100));
  await p.close();
}
await browser.close();
