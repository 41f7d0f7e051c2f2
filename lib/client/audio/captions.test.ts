import { describe, expect, it } from "vitest";
import { cues, formatClock, formatTimestamp, toSrt, toVtt } from "./captions";

const segments = [
  { start: 0, end: 2.5, text: " The quick brown fox." },
  { start: 2.5, end: 3661.2345, text: " Jumps over\n\nthe lazy dog --> twice." },
];

const SRT_TIME = /^\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}$/;
const VTT_TIME = /^\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}$/;

describe("timestamps", () => {
  it("formats hours, minutes, seconds and milliseconds", () => {
    expect(formatTimestamp(1.234, ",")).toBe("00:00:01,234");
    expect(formatTimestamp(1.234, ".")).toBe("00:00:01.234");
    expect(formatTimestamp(3661.2345, ",")).toBe("01:01:01,235");
    expect(formatTimestamp(59.9996, ".")).toBe("00:01:00.000");
    expect(formatTimestamp(-1, ",")).toBe("00:00:00,000");
    expect(formatClock(65)).toBe("1:05");
    expect(formatClock(3725)).toBe("1:02:05");
  });
});

describe("toSrt", () => {
  it("writes numbered cues with comma timestamps and blank-line separators", () => {
    const srt = toSrt({ text: "", segments });
    const blocks = srt.trimEnd().split("\n\n");
    expect(blocks).toHaveLength(2);
    blocks.forEach((block, i) => {
      const [n, time, ...text] = block.split("\n");
      expect(n).toBe(String(i + 1));
      expect(time).toMatch(SRT_TIME);
      expect(text.join(" ").trim()).not.toBe("");
    });
    expect(srt).toContain("00:00:02,500 --> 01:01:01,235");
    expect(srt).not.toContain("-->  twice");
    expect(srt.match(/-->/g)).toHaveLength(2);
  });

  it("makes one cue spanning the duration when there are no segments", () => {
    expect(toSrt({ text: "Hello there.", duration: 8.2 })).toBe("1\n00:00:00,000 --> 00:00:08,200\nHello there.\n");
    expect(toSrt({ text: "  " })).toBe("");
  });
});

describe("toVtt", () => {
  it("starts with WEBVTT and uses dot timestamps", () => {
    const vtt = toVtt({ text: "", segments });
    const [header, ...blocks] = vtt.trimEnd().split("\n\n");
    expect(header).toBe("WEBVTT");
    expect(blocks).toHaveLength(2);
    for (const block of blocks) expect(block.split("\n")[0]).toMatch(VTT_TIME);
    expect(vtt).toContain("00:00:00.000 --> 00:00:02.500\nThe quick brown fox.");
  });

  it("keeps every cue's end at or after its start", () => {
    const out = cues({ text: "", segments: [{ start: 5, end: 4, text: "x" }] });
    expect(out[0]!.end).toBeGreaterThanOrEqual(out[0]!.start);
  });
});
