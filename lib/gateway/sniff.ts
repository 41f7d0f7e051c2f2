import "server-only";

export type RasterMime = "image/png" | "image/jpeg" | "image/gif" | "image/webp";

const startsWith = (b: Uint8Array, bytes: number[], at = 0) => bytes.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, text: string, at = 0) => startsWith(b, [...text].map((c) => c.charCodeAt(0)), at);

/** The raster type the bytes really are, or null (SVG, HTML, anything else: never shown as a picture, X-5). */
export function sniffImage(b: Uint8Array): RasterMime | null {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (ascii(b, "GIF87a") || ascii(b, "GIF89a")) return "image/gif";
  if (ascii(b, "RIFF") && ascii(b, "WEBP", 8)) return "image/webp";
  return null;
}

export interface AudioType {
  ext: "wav" | "mp3" | "m4a" | "mp4" | "ogg" | "flac" | "webm" | "aac";
  mime: string;
}

/** The audio container the bytes really are, from magic bytes only; the client's filename and type are ignored (U-4). */
export function sniffAudio(b: Uint8Array): AudioType | null {
  if (ascii(b, "RIFF") && ascii(b, "WAVE", 8)) return { ext: "wav", mime: "audio/wav" };
  if (ascii(b, "OggS")) return { ext: "ogg", mime: "audio/ogg" };
  if (ascii(b, "fLaC")) return { ext: "flac", mime: "audio/flac" };
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return { ext: "webm", mime: "audio/webm" };
  if (ascii(b, "ftyp", 4)) return ascii(b, "M4A", 8) ? { ext: "m4a", mime: "audio/mp4" } : { ext: "mp4", mime: "audio/mp4" };
  if (ascii(b, "ID3")) return { ext: "mp3", mime: "audio/mpeg" };
  const b1 = b[1] ?? 0;
  if (b[0] === 0xff && (b1 & 0xf6) === 0xf0) return { ext: "aac", mime: "audio/aac" };
  if (b[0] === 0xff && (b1 & 0xe0) === 0xe0 && ((b1 >> 1) & 3) !== 0) return { ext: "mp3", mime: "audio/mpeg" };
  return null;
}
