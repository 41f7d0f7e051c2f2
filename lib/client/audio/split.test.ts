import { describe, expect, it } from "vitest";
import { splitAtQuietPoints } from "./split";

const RATE = 1000;

/** Tone bursts separated by silences; returns the signal and the silent stretches in samples. */
function signal(pattern: [kind: "tone" | "silence", seconds: number][]) {
  const total = pattern.reduce((n, [, s]) => n + s * RATE, 0);
  const out = new Float32Array(total);
  const silences: [number, number][] = [];
  let at = 0;
  for (const [kind, seconds] of pattern) {
    const n = seconds * RATE;
    if (kind === "tone") for (let i = 0; i < n; i++) out[at + i] = 0.6 * Math.sin((2 * Math.PI * 220 * i) / RATE) + 0.05 * Math.sin(i);
    else silences.push([at, at + n]);
    at += n;
  }
  return { out, silences };
}

describe("splitAtQuietPoints", () => {
  it("returns the whole signal when it fits", () => {
    const { out } = signal([["tone", 5]]);
    expect(splitAtQuietPoints(out, { sampleRate: RATE, maxSamples: 10 * RATE })).toEqual([{ start: 0, end: 5000 }]);
  });

  it("cuts inside silences, never longer than the limit, with contiguous offsets", () => {
    const { out, silences } = signal([
      ["tone", 40], ["silence", 2], ["tone", 25], ["silence", 1], ["tone", 20], ["silence", 3], ["tone", 30],
    ]);
    const maxSamples = 60 * RATE;
    const parts = splitAtQuietPoints(out, { sampleRate: RATE, maxSamples, searchSeconds: 30 });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]!.start).toBe(0);
    expect(parts.at(-1)!.end).toBe(out.length);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      expect(p.end - p.start).toBeLessThanOrEqual(maxSamples);
      expect(p.end).toBeGreaterThan(p.start);
      if (i > 0) expect(p.start).toBe(parts[i - 1]!.end);
      if (i < parts.length - 1) {
        const inSilence = silences.some(([a, b]) => p.end >= a && p.end <= b);
        expect(inSilence, `cut at ${p.end / RATE}s lands in a silence`).toBe(true);
      }
    }
    // 60 s parts, 30 s window: the cuts are the silences at 40–42 s and 88–91 s (67–68 s is outside the window).
    expect(parts).toHaveLength(3);
    expect(parts[0]!.end / RATE).toBeGreaterThanOrEqual(40);
    expect(parts[0]!.end / RATE).toBeLessThanOrEqual(42);
    expect(parts[1]!.end / RATE).toBeGreaterThanOrEqual(88);
    expect(parts[1]!.end / RATE).toBeLessThanOrEqual(91);
  });

  it("still cuts within the limit when there is no silence at all", () => {
    const { out } = signal([["tone", 100]]);
    const parts = splitAtQuietPoints(out, { sampleRate: RATE, maxSamples: 30 * RATE });
    expect(parts.every((p) => p.end - p.start <= 30 * RATE)).toBe(true);
    expect(parts.at(-1)!.end).toBe(out.length);
  });
});
