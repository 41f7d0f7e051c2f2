/**
 * What an audio file really is, from its first bytes (never from its name or the browser's guess).
 * `convert`: the gateway cannot measure its duration (webm, §5.3 of the protocol notes) or does not take it
 * (raw AAC), so the browser turns it into WAV first.
 */
export type AudioKind = {
  format: "wav" | "mp3" | "m4a" | "mp4" | "ogg" | "flac" | "webm" | "aac";
  ext: string;
  mime: string;
  convert: boolean;
};

const ascii = (b: Uint8Array, at: number, text: string) =>
  b.length >= at + text.length && [...text].every((c, i) => b[at + i] === c.charCodeAt(0));

/** How many bytes sniffAudio needs to see. */
export const SNIFF_BYTES = 64;

export function sniffAudio(b: Uint8Array): AudioKind | null {
  if (ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) return { format: "wav", ext: "wav", mime: "audio/wav", convert: false };
  if (ascii(b, 0, "OggS")) return { format: "ogg", ext: "ogg", mime: "audio/ogg", convert: false };
  if (ascii(b, 0, "fLaC")) return { format: "flac", ext: "flac", mime: "audio/flac", convert: false };
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    return { format: "webm", ext: "webm", mime: "audio/webm", convert: true };
  }
  if (ascii(b, 4, "ftyp")) {
    // M4A / M4B / M4P brands are audio-only; anything else (isom, mp42, qt…) is a video container.
    const brand = String.fromCharCode(...b.subarray(8, 12));
    return brand.startsWith("M4")
      ? { format: "m4a", ext: "m4a", mime: "audio/mp4", convert: false }
      : { format: "mp4", ext: "mp4", mime: "video/mp4", convert: false };
  }
  if (ascii(b, 0, "ID3")) return { format: "mp3", ext: "mp3", mime: "audio/mpeg", convert: false };
  if (b[0] === 0xff && b[1] !== undefined && (b[1] & 0xe0) === 0xe0) {
    // 11 sync bits. Layer bits 00 mean ADTS AAC, not MPEG audio.
    if ((b[1] & 0x06) === 0) return { format: "aac", ext: "aac", mime: "audio/aac", convert: true };
    return { format: "mp3", ext: "mp3", mime: "audio/mpeg", convert: false };
  }
  return null;
}

/** Reads just enough of a file to sniff it. */
export async function sniffFile(file: Blob): Promise<AudioKind | null> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  return sniffAudio(head);
}

/** The user's file name with the extension its content calls for: the gateway picks its parser by extension. */
export function nameFor(original: string | undefined, ext: string): string {
  const base = (original ?? "")
    .replace(/\.[^./\\]*$/, "")
    .replace(/[^\p{L}\p{N} ._-]+/gu, "_")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 80);
  return `${base || "audio"}.${ext}`;
}
