/** A part of a longer recording, in samples: [start, end). */
export type AudioPart = { start: number; end: number };

export type SplitOptions = {
  sampleRate: number;
  /** The most samples one part may hold (its WAV must stay under the upload limit). */
  maxSamples: number;
  /** How far back from the latest possible cut to look for a quiet spot, in seconds. */
  searchSeconds?: number;
  /** RMS frame length in seconds. */
  frameSeconds?: number;
};

/** Root mean square of samples[from, to). */
function rms(samples: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!;
  return to > from ? Math.sqrt(sum / (to - from)) : 0;
}

/**
 * Cuts a long recording into parts no longer than maxSamples, each cut at the quietest frame within the
 * search window before the latest possible cut, so words are not sliced in half.
 */
export function splitAtQuietPoints(samples: Float32Array, opts: SplitOptions): AudioPart[] {
  const { sampleRate, maxSamples } = opts;
  const frame = Math.max(1, Math.round((opts.frameSeconds ?? 0.05) * sampleRate));
  const search = Math.min(Math.round((opts.searchSeconds ?? 30) * sampleRate), Math.floor(maxSamples / 2));
  const parts: AudioPart[] = [];
  let start = 0;
  while (samples.length - start > maxSamples) {
    const latest = start + maxSamples;
    let best = latest;
    let bestRms = Infinity;
    // Step by half a frame; on ties prefer the later cut (longer parts, fewer requests).
    for (let at = latest - frame; at >= latest - search; at -= Math.max(1, frame >> 1)) {
      const level = rms(samples, at, at + frame);
      if (level < bestRms) {
        bestRms = level;
        best = at + (frame >> 1);
      }
    }
    parts.push({ start, end: best });
    start = best;
  }
  parts.push({ start, end: samples.length });
  return parts;
}
