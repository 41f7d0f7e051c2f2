import { LIMITS } from "@/lib/schemas/limits";
import { nameFor, sniffFile, type AudioKind } from "./sniff";

/** One file to send: its bytes, the name the gateway will see, and where it starts in the whole recording. */
export type UploadPart = { blob: Blob; filename: string; offset: number; duration?: number };

export type PreparedAudio = {
  kind: AudioKind;
  parts: UploadPart[];
  /** Whether the browser re-encoded the audio as WAV (and why, in plain words). */
  conversion?: "webm" | "recording" | "split" | "requested";
};

export class NotAudioError extends Error {
  constructor(name: string) {
    super(
      `“${name}” is not an audio or video file we can read (its content is not MP3, MP4/M4A, WAV, WebM, Ogg or FLAC). Nothing was uploaded.`,
    );
    this.name = "NotAudioError";
  }
}

export class DecodeError extends Error {
  constructor(name: string) {
    super(`This browser could not decode “${name}” to convert or split it. Try a WAV or MP3 file under 25 MB.`);
    this.name = "DecodeError";
  }
}

/** Each WAV part stays a little under the 25 MB limit, leaving room for the multipart envelope. */
export const MAX_PART_BYTES = LIMITS.audioBytes - 256 * 1024;

/**
 * Decides what to send. Formats the gateway reads are sent byte for byte under a name with the right
 * extension. WebM (whose duration the gateway cannot measure), recordings, and files over the limit are
 * decoded and sent as 16 kHz mono WAV, split at quiet points when still too big.
 */
export async function prepareAudio(
  file: Blob,
  name: string,
  opts: { recording?: boolean; forceWav?: boolean } = {},
): Promise<PreparedAudio> {
  const kind = await sniffFile(file);
  if (!kind) throw new NotAudioError(name);
  const conversion = opts.forceWav
    ? "requested"
    : opts.recording
      ? "recording"
      : kind.convert
        ? "webm"
        : file.size > LIMITS.audioBytes
          ? "split"
          : undefined;
  if (!conversion) return { kind, parts: [{ blob: file, filename: nameFor(name, kind.ext), offset: 0 }] };

  // The decoder, resampler and WAV encoder load only when a file needs them.
  const { toWavParts } = await import("./convert");
  let wavs;
  try {
    wavs = await toWavParts(file, MAX_PART_BYTES);
  } catch {
    throw new DecodeError(name);
  }
  const base = nameFor(name, "wav").replace(/\.wav$/, "");
  return {
    kind,
    conversion: wavs.length > 1 ? "split" : conversion,
    parts: wavs.map((w, i) => ({
      blob: w.blob,
      filename: wavs.length > 1 ? `${base}-part${i + 1}.wav` : `${base}.wav`,
      offset: w.start,
      duration: w.duration,
    })),
  };
}
