export type RasterMime = "image/png" | "image/jpeg" | "image/gif" | "image/webp";

const startsWith = (b: Uint8Array, bytes: number[], at = 0) => bytes.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, text: string, at = 0) => startsWith(b, [...text].map((c) => c.charCodeAt(0)), at);

/** The raster type the bytes really are, or null: anything else (SVG, HTML) is never shown as a picture. */
export function sniffImage(b: Uint8Array): RasterMime | null {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (ascii(b, "GIF87a") || ascii(b, "GIF89a")) return "image/gif";
  if (ascii(b, "RIFF") && ascii(b, "WEBP", 8)) return "image/webp";
  return null;
}

export function base64ToBytes(data: string): Uint8Array<ArrayBuffer> {
  const bin = atob(data.replace(/\s+/g, ""));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = "";
  // Chunked: String.fromCharCode(...bigArray) overflows the call stack on multi-MB pictures.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Aspect ratio of a "WxH" size preset, e.g. "1536x1024" → 1.5; 1 when unknown. */
export function aspectOf(size: string | undefined): number {
  const m = size?.match(/^(\d+)x(\d+)$/);
  return m ? Number(m[1]) / Number(m[2]) : 1;
}
