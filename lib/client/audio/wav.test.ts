import { describe, expect, it } from "vitest";
import { encodeWav, wavBytes } from "./wav";

describe("encodeWav", () => {
  const samples = Float32Array.from([0, 0.5, -0.5, 1, -1, 2, -2]);
  const buf = encodeWav(samples, 16_000);
  const view = new DataView(buf);
  const text = (at: number, n: number) => String.fromCharCode(...new Uint8Array(buf, at, n));

  it("writes a canonical 44-byte PCM header", () => {
    expect(buf.byteLength).toBe(wavBytes(samples.length));
    expect(text(0, 4)).toBe("RIFF");
    expect(view.getUint32(4, true)).toBe(buf.byteLength - 8);
    expect(text(8, 8)).toBe("WAVEfmt ");
    expect(view.getUint32(16, true)).toBe(16);
    expect(view.getUint16(20, true)).toBe(1); // PCM
    expect(view.getUint16(22, true)).toBe(1); // mono
    expect(view.getUint32(24, true)).toBe(16_000);
    expect(view.getUint32(28, true)).toBe(32_000);
    expect(view.getUint16(32, true)).toBe(2);
    expect(view.getUint16(34, true)).toBe(16);
    expect(text(36, 4)).toBe("data");
    expect(view.getUint32(40, true)).toBe(samples.length * 2);
  });

  it("quantises to 16-bit and clips out-of-range samples", () => {
    const pcm = Array.from({ length: samples.length }, (_, i) => view.getInt16(44 + i * 2, true));
    expect(pcm).toEqual([0, 16384, -16384, 32767, -32768, 32767, -32768]);
  });
});
