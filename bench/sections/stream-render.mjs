// Section 2: the markdown engineer's streaming-render bench (bench/stream-render/run.mjs), when it exists.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { row } from "../lib/report.mjs";
import { ROOT } from "../lib/stack.mjs";

const S = "2 stream render";

export async function benchStreamRenderSection({ baseURL, browser }) {
  const file = path.join(ROOT, "bench/stream-render/run.mjs");
  if (!existsSync(file)) return [row(S, "streaming render", "not available", "", "≤ 1 ms per update at 20,000 chars; no long task", undefined, "bench/stream-render/run.mjs not written yet")];
  const mod = await import(pathToFileURL(file).href);
  if (typeof mod.benchStreamRender !== "function") return [row(S, "streaming render", "not available", "", "", undefined, "run.mjs exports no benchStreamRender")];
  const { rows } = await mod.benchStreamRender({ baseURL, browser });
  return rows.map((r) => row(S, r.name, r.value, r.unit ?? "", r.target ?? "", judge(r), r.note ?? ""));
}

/** Judges "≤ N", "< N", "≥ N", "> N" and plain-number targets; anything else is left unjudged. */
function judge(r) {
  if (typeof r.meets === "boolean") return r.meets;
  if (typeof r.value !== "number" || r.target === undefined || r.target === null) return undefined;
  const t = String(r.target).trim();
  const m = /^(≤|<=|<|≥|>=|>|=)?\s*(-?[\d.]+)/.exec(t);
  if (!m) return undefined;
  const n = Number(m[2]);
  switch (m[1]) {
    case "≤": case "<=": return r.value <= n;
    case "<": return r.value < n;
    case "≥": case ">=": return r.value >= n;
    case ">": return r.value > n;
    default: return r.value === n;
  }
}
