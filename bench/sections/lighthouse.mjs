// Section 5: Lighthouse 12.2.3 on /chat with Debian's Chromium, mobile and desktop presets, 3 runs each, medians.
// One Chromium per preset (Lighthouse clears the site's storage before every run).
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { median } from "../lib/stats.mjs";
import { row } from "../lib/report.mjs";
import { progress, trackPid } from "../lib/stack.mjs";

const S = "5 lighthouse";
const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"];
const CATEGORIES = ["performance", "accessibility", "best-practices"];

async function runPreset(url, preset, runs) {
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium", chromeFlags: FLAGS, logLevel: "silent" });
  const forget = trackPid(chrome.pid);
  const out = [];
  try {
    for (let i = 0; i < runs; i++) {
      progress(`lighthouse: ${preset} run ${i + 1}/${runs}`);
      const config = preset === "desktop"
        ? { ...desktopConfig, settings: { ...desktopConfig.settings, onlyCategories: CATEGORIES } }
        : { extends: "lighthouse:default", settings: { onlyCategories: CATEGORIES } };
      const result = await lighthouse(url, { port: chrome.port, logLevel: "error", output: "json" }, config);
      const { categories, audits, runtimeError, runWarnings } = result.lhr;
      if (runtimeError) throw new Error(`${runtimeError.code}: ${runtimeError.message}`);
      const failing = (id) => Object.values(result.lhr.categories[id].auditRefs)
        .filter((ref) => ref.weight > 0 && audits[ref.id]?.score !== null && audits[ref.id]?.score < 1)
        .map((ref) => {
          // Name the DevTools issue kinds, so "inspector-issues" says what to fix.
          const kinds = (audits[ref.id].details?.items ?? []).map((item) => item.issueType).filter(Boolean);
          return kinds.length ? `${ref.id} (${[...new Set(kinds)].join(", ")})` : ref.id;
        });
      out.push({
        performance: categories.performance.score,
        accessibility: categories.accessibility.score,
        bestPractices: categories["best-practices"].score,
        lcp: audits["largest-contentful-paint"].numericValue,
        tbt: audits["total-blocking-time"].numericValue,
        fcp: audits["first-contentful-paint"].numericValue,
        cls: audits["cumulative-layout-shift"].numericValue,
        failing: { accessibility: failing("accessibility"), bestPractices: failing("best-practices") },
        warnings: runWarnings,
      });
    }
  } finally {
    await chrome.kill();
    forget();
  }
  return out;
}

export async function benchLighthouse({ baseURL, runs = 3, path = "/chat", floor }) {
  const rows = [];
  // One plain load first, so no measured run pays for the server rendering this route the first time.
  await fetch(`${baseURL}${path}`).then((r) => r.text()).catch(() => {});
  if (floor) await fetch(`${floor.baseURL}${floor.path}`).then((r) => r.text()).catch(() => {});
  for (const preset of ["mobile", "desktop"]) {
    const r = await runPreset(`${baseURL}${path}`, preset, runs);
    const m = (k) => median(r.map((x) => x[k]));
    const perf = m("performance");
    const perfTarget = preset === "mobile" ? 0.95 : 1;
    const failing = (k) => [...new Set(r.flatMap((x) => x.failing[k]))].join(", ");
    rows.push(
      row(S, `${path} ${preset}: performance`, perf, "", preset === "mobile" ? "≥ 0.95" : "1.00", perf >= perfTarget,
        `runs ${r.map((x) => x.performance.toFixed(2)).join(" ")}; FCP ${m("fcp").toFixed(0)} ms, CLS ${m("cls").toFixed(3)}`),
      row(S, `${path} ${preset}: accessibility`, m("accessibility") * 100, "", "100", m("accessibility") === 1, failing("accessibility") && `failing: ${failing("accessibility")}`),
      row(S, `${path} ${preset}: best practices`, m("bestPractices") * 100, "", "100", m("bestPractices") === 1, failing("bestPractices") && `failing: ${failing("bestPractices")}`),
      row(S, `${path} ${preset}: largest contentful paint`, m("lcp"), "ms", "", undefined, `runs ${r.map((x) => x.lcp.toFixed(0)).join(" ")} (simulated throttling)`),
      row(S, `${path} ${preset}: total blocking time`, m("tbt"), "ms", "", undefined, `runs ${r.map((x) => x.tbt.toFixed(0)).join(" ")}`),
    );
    if (floor) {
      // The same preset on a bare Next page (bench/floor-app), in the same run: what the framework alone scores here.
      const f = await runPreset(`${floor.baseURL}${floor.path}`, preset, runs);
      const fm = (k) => median(f.map((x) => x[k]));
      rows.push(row(S, `floor: a bare Next page, ${preset}: performance`, fm("performance"), "", "report", undefined,
        `runs ${f.map((x) => x.performance.toFixed(2)).join(" ")}; TBT ${fm("tbt").toFixed(0)} ms, LCP ${fm("lcp").toFixed(0)} ms, FCP ${fm("fcp").toFixed(0)} ms (bench/floor-app: one client textarea, nothing of ours)`));
    }
  }
  return rows;
}
