import { splitAtQuietPoints } from "./split";
import { WAV_HEADER_BYTES, wavBlob } from "./wav";

/** Whisper works at 16 kHz mono; anything more only makes the upload bigger. */
export const TARGET_RATE = 16_000;

export type WavPart = { blob: Blob; start: number; duration: number };

/** Decodes any format the browser can play and mixes it down to 16 kHz mono. */
export async function decodeMono16k(file: Blob): Promise<Float32Array> {
  // decodeAudioData resamples to its context's rate, so a 16 kHz offline context does the resampling.
  const ctx = new OfflineAudioContext(1, 1, TARGET_RATE);
  const decoded = await ctx.decodeAudioData(await file.arrayBuffer());
  if (decoded.numberOfChannels === 1) return decoded.getChannelData(0);
  const out = new Float32Array(decoded.length);
  for (let c = 0; c < decoded.numberOfChannels; c++) {
    const ch = decoded.getChannelData(c);
    for (let i = 0; i < out.length; i++) out[i]! += ch[i]! / decoded.numberOfChannels;
  }
  return out;
}

/** The audio as one or more 16 kHz mono WAV files, each under maxBytes, cut at quiet points. */
export async function toWavParts(file: Blob, maxBytes: number): Promise<WavPart[]> {
  const samples = await decodeMono16k(file);
  if (samples.length === 0) throw new Error("The audio has no sound in it.");
  const maxSamples = Math.floor((maxBytes - WAV_HEADER_BYTES) / 2);
  return splitAtQuietPoints(samples, { sampleRate: TARGET_RATE, maxSamples }).map((p) => ({
    blob: wavBlob(samples.subarray(p.start, p.end), TARGET_RATE),
    start: p.start / TARGET_RATE,
    duration: (p.end - p.start) / TARGET_RATE,
  }));
}
