/** The picture types the gateway accepts as chat input (the contract's ImageDataUrl). */
export type PictureMime = "image/png" | "image/jpeg" | "image/webp" | "image/gif";

/**
 * The type of a picture judged by its first bytes, never by its name or declared type (U-4, X-5).
 * SVG is not a picture here: it can carry script.
 */
export function sniffPicture(head: Uint8Array): PictureMime | null {
  const at = (i: number) => head[i] ?? -1;
  const ascii = (from: number, text: string) => [...text].every((ch, i) => at(from + i) === ch.charCodeAt(0));
  if (at(0) === 0x89 && ascii(1, "PNG") && at(4) === 0x0d && at(5) === 0x0a && at(6) === 0x1a && at(7) === 0x0a) return "image/png";
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "image/jpeg";
  if (ascii(0, "GIF87a") || ascii(0, "GIF89a")) return "image/gif";
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return "image/webp";
  return null;
}

export async function sniffBlob(blob: Blob): Promise<PictureMime | null> {
  return sniffPicture(new Uint8Array(await blob.slice(0, 16).arrayBuffer()));
}

export class PictureRejected extends Error {
  constructor(name: string) {
    super(`“${name}” is not a picture we can send: only PNG, JPEG, WebP and GIF images are accepted (judged by the file's content, not its name).`);
    this.name = "PictureRejected";
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** base64 without a prefix → Blob, for pictures arriving in the stream. */
export function base64ToBlob(data: string, mime: string): Blob {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

export async function blobToDataUrl(blob: Blob, mime: string): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return `data:${mime};base64,${btoa(binary)}`;
}
