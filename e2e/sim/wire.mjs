// Serialising bodies that embed multi-MB base64 without copying it into every response (load test: 200 streams).
const TOKEN = (i) => `\u0000SIMBLOB${i}\u0000`;
const TOKEN_JSON = (i) => `\\u0000SIMBLOB${i}\\u0000`; // how JSON.stringify prints TOKEN(i)

/** A string placeholder to put inside objects; `blobs[i]` (Buffer/string) is spliced in verbatim. */
export const blobRef = (i) => TOKEN(i);

/** JSON.stringify(obj) → array of string/Buffer parts with the blobs spliced where their tokens were. */
export function jsonParts(obj, blobs = []) {
  const s = JSON.stringify(obj);
  if (!blobs.length) return [s];
  const parts = [];
  let rest = s;
  for (let i = 0; i < blobs.length; i++) {
    const t = TOKEN_JSON(i);
    const at = rest.indexOf(t);
    if (at < 0) continue;
    parts.push(rest.slice(0, at), blobs[i]);
    rest = rest.slice(at + t.length);
  }
  parts.push(rest);
  return parts.filter((p) => p.length);
}

export const partsLength = (parts) => parts.reduce((n, p) => n + (typeof p === "string" ? Buffer.byteLength(p) : p.length), 0);

/** Plain-text expansion of a string that contains blob tokens (used to build split-image pieces). */
export function expand(str, blobs) {
  return str.replace(/\u0000SIMBLOB(\d+)\u0000/g, (_, i) => blobs[Number(i)].toString("latin1"));
}
