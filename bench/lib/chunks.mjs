// What a set of Turbopack client chunks holds: each chunk's modules (by id) and the bytes that more than one chunk
// carries. Turbopack builds an async chunk per import() site and context, so the same module can ship in several
// chunks; the browser then downloads and parses it once per chunk (it runs only once).
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";
import { HINT } from "../../scripts/compile-hints.mjs";

/** Module id → its factory's source, for one chunk file (an empty map for the runtime or non-module files). */
function modulesOf(file) {
  const text = readFileSync(file, "utf8");
  // The build's compile hint (scripts/compile-hints.mjs) is a first line of comment above the registration.
  const src = text.startsWith(HINT) ? text.slice(HINT.length) : text;
  const modules = new Map();
  if (!src.startsWith("(globalThis.TURBOPACK")) return modules;
  const sandbox = { document: undefined };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(src, sandbox);
  for (const registration of sandbox.TURBOPACK ?? []) {
    let ids = [];
    for (const item of registration.slice(1)) {
      if (typeof item === "function") {
        // Compressed format: several ids can share one factory; it is counted once, under the first.
        const source = item.toString();
        ids.forEach((id, i) => modules.set(id, i === 0 ? source : ""));
        ids = [];
      } else ids.push(item);
    }
  }
  return modules;
}

/**
 * For chunk paths like `/_next/static/chunks/x.js` (as fetched), relative to the build folder `dist`: their total
 * size (raw and gzip) and the modules found in more than one of them, with the bytes the extra copies add.
 */
export function chunkReport(dist, urls) {
  const files = [...new Set(urls.map((u) => decodeURIComponent(u.replace(/^.*\/_next\//, "")).split("?")[0]))];
  const seen = new Map();
  let raw = 0;
  let gz = 0;
  for (const rel of files) {
    const buf = readFileSync(path.join(dist, rel));
    raw += buf.length;
    gz += zlib.gzipSync(buf, { level: 9 }).length;
    for (const [id, source] of modulesOf(path.join(dist, rel))) {
      if (!seen.has(id)) seen.set(id, { source, chunks: [] });
      seen.get(id).chunks.push(rel);
    }
  }
  let repeatedRaw = 0;
  let repeatedSources = "";
  const repeated = [];
  for (const [id, { source, chunks }] of seen) {
    if (chunks.length < 2 || !source) continue;
    repeated.push({ id, bytes: source.length, chunks: chunks.map((c) => path.basename(c)), head: source.slice(0, 160) });
    repeatedRaw += source.length * (chunks.length - 1);
    repeatedSources += source.repeat(chunks.length - 1);
  }
  return {
    files: files.length,
    rawKB: raw / 1024,
    gzKB: gz / 1024,
    repeatedModules: repeated.length,
    repeated: repeated.sort((a, b) => b.bytes * b.chunks.length - a.bytes * a.chunks.length),
    repeatedRawKB: repeatedRaw / 1024,
    // Gzip of the extra copies on their own: roughly what they add to the transfer.
    repeatedGzKB: repeatedSources ? zlib.gzipSync(repeatedSources, { level: 9 }).length / 1024 : 0,
  };
}

/** The Turbopack chunks a Playwright page has fetched so far (its resource timing entries), as URLs. */
export function fetchedChunks(page) {
  return page.evaluate(() =>
    performance.getEntriesByType("resource").map((e) => e.name).filter((n) => /\/_next\/static\/chunks\/.+\.js$/.test(n)));
}
