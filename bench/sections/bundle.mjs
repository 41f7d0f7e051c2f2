// Section 4: first-load JS per route, gzipped, from the build's own manifests: the root main files (runtime,
// framework) plus every chunk the page's client-reference manifest lists for its segments (layouts, page,
// loading, error). When the server is up, the route's HTML is the cross-check: every <script src> it references.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { firstLoadByRoute } from "../../scripts/compile-hints.mjs";
import { row } from "../lib/report.mjs";
import { DIST, ROOT } from "../lib/stack.mjs";

const S = "4 bundle";
const TARGET_KB = 150;

// Strings that survive minification and mark a heavy library that must load only when needed.
const HEAVY = [
  ["KaTeX", "KaTeX parse error"],
  ["highlight.js", "Falling back to no-highlight mode"],
];

const gzCache = new Map();
function gzipBytes(dist, file) {
  const rel = file.replace(/^\/?_next\//, "").replace(/^\//, "");
  if (!gzCache.has(rel)) {
    const buf = readFileSync(path.join(dist, rel));
    gzCache.set(rel, { gz: zlib.gzipSync(buf, { level: 9 }).length, raw: buf.length, text: buf.toString("latin1") });
  }
  return gzCache.get(rel);
}

/** Each page route's first-load JS with its sizes, and the heavy libraries it includes. */
export function firstLoadSizes(dist = path.join(ROOT, DIST)) {
  return firstLoadByRoute(dist).map(({ route, files }) => {
    let gz = 0;
    let raw = 0;
    const heavy = new Set();
    for (const f of files) {
      const s = gzipBytes(dist, f);
      gz += s.gz;
      raw += s.raw;
      for (const [name, mark] of HEAVY) if (s.text.includes(mark)) heavy.add(name);
    }
    return { route, files, gzKB: gz / 1024, rawKB: raw / 1024, heavy: [...heavy] };
  });
}

/** Every script the route's server-rendered HTML references (nomodule polyfills excluded: modern browsers skip them). */
async function htmlScripts(baseURL, route) {
  const res = await fetch(`${baseURL}${route}`, { redirect: "manual" });
  if (res.status !== 200) throw new Error(`${route} answered ${res.status}${res.headers.get("location") ? ` → ${res.headers.get("location")}` : ""}`);
  const html = await res.text();
  const srcs = new Set();
  for (const m of html.matchAll(/<script\b([^>]*)>/g)) {
    if (/\bnomodule\b/i.test(m[1])) continue;
    const src = /\bsrc="([^"]+)"/.exec(m[1])?.[1];
    if (src?.startsWith("/_next/")) srcs.add(decodeURIComponent(src.split("?")[0]));
  }
  return [...srcs];
}

export async function benchBundle({ baseURL, sampleId } = {}) {
  const dist = path.join(ROOT, DIST);
  if (!existsSync(path.join(dist, "build-manifest.json"))) throw new Error(`no build in ${DIST}`);
  const rows = [];
  for (const r of firstLoadSizes(dist)) {
    const isChat = r.route === "/chat" || r.route.startsWith("/chat/");
    let note = `${r.files.length} files, ${r.rawKB.toFixed(0)} kB raw`;
    if (baseURL && !r.route.includes("[")) {
      try {
        const scripts = await htmlScripts(baseURL, r.route);
        const gz = scripts.reduce((n, f) => n + gzipBytes(dist, f).gz, 0) / 1024;
        note += `; its HTML references ${scripts.length} scripts = ${gz.toFixed(1)} kB gz`;
      } catch (err) {
        note += `; HTML check skipped: ${err.message}`;
      }
    } else if (baseURL && sampleId && r.route.includes("[")) {
      const concrete = r.route.replace(/\[[^\]]+\]/, sampleId);
      try {
        const scripts = await htmlScripts(baseURL, concrete);
        const gz = scripts.reduce((n, f) => n + gzipBytes(dist, f).gz, 0) / 1024;
        note += `; HTML of ${concrete.slice(0, 16)}… references ${scripts.length} scripts = ${gz.toFixed(1)} kB gz`;
      } catch (err) {
        note += `; HTML check skipped: ${err.message}`;
      }
    }
    if (r.heavy.length) note += `; eagerly includes ${r.heavy.join(", ")}`;
    rows.push(row(S, `first-load JS ${r.route} (gzip)`, r.gzKB, "kB", isChat ? `≤ ${TARGET_KB} kB` : "", isChat ? r.gzKB <= TARGET_KB : undefined, note));
  }
  // Pages under /bench are measuring harnesses that load the renderer eagerly on purpose; they are listed, not judged.
  const heavy = firstLoadSizes(dist).filter((r) => r.heavy.length);
  const product = heavy.filter((r) => !r.route.startsWith("/bench"));
  const list = (rs) => rs.map((r) => `${r.route}: ${r.heavy.join("+")}`).join("; ");
  rows.push(row(S, "KaTeX / highlight.js in a product page's first load", product.length ? list(product) : "none",
    "", "none (load on demand)", product.length === 0, heavy.length > product.length ? `bench harness pages: ${list(heavy.filter((r) => r.route.startsWith("/bench")))}` : ""));
  return rows;
}
