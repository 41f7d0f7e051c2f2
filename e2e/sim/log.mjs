// Request records for tests, and their JSON-safe form for GET /__sim/log.
import { createHash } from "node:crypto";

export const sha256 = (buf) => createHash("sha256").update(buf).digest("hex");

const DATA_URL = /^data:([^;,]+)?(;base64)?,/;

/** Long strings (data URLs, big prompts) become short descriptors with a digest of what they carried. */
function compact(v) {
  if (typeof v === "string") {
    if (v.length <= 2048) return v;
    const m = DATA_URL.exec(v);
    if (m) {
      const bytes = Buffer.from(v.slice(m[0].length), m[2] ? "base64" : "utf8");
      return `[sim:data-url mime=${m[1] ?? ""} bytes=${bytes.length} sha256=${sha256(bytes)}]`;
    }
    return `[sim:string chars=${v.length} sha256=${sha256(v)}] ${v.slice(0, 200)}`;
  }
  if (Array.isArray(v)) return v.map(compact);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x)]));
  return v;
}

export function publicEntry(e) {
  const { parts, body, rawBody, ...rest } = e;
  const out = { ...rest, modes: Object.fromEntries(Object.entries(rest.modes ?? {}).filter(([k]) => !k.startsWith("__"))) };
  if (body !== undefined) out.body = compact(body);
  if (rawBody !== undefined) out.rawBody = compact(rawBody);
  const withoutBytes = (x) => Object.fromEntries(Object.entries(x).filter(([k]) => k !== "data"));
  if (parts) out.parts = parts.map(withoutBytes);
  if (rest.file) out.file = withoutBytes(rest.file);
  return out;
}
