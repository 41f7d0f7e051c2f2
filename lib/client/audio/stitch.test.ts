import { describe, expect, it } from "vitest";
import { stitch } from "./stitch";

describe("stitch", () => {
  it("offsets each part's segments by where the part starts", () => {
    const t = stitch([
      { offset: 0, duration: 600, result: { text: "One.", format: "verbose_json", duration: 600, language: "english", segments: [{ start: 0, end: 4, text: " One." }] } },
      { offset: 600.5, duration: 300, result: { text: " Two.", format: "verbose_json", duration: 300, segments: [{ start: 1.25, end: 3, text: " Two." }] } },
    ]);
    expect(t.text).toBe("One. Two.");
    expect(t.segments).toEqual([
      { start: 0, end: 4, text: " One." },
      { start: 601.75, end: 603.5, text: " Two." },
    ]);
    expect(t.duration).toBe(900.5);
    expect(t.language).toBe("english");
  });

  it("drops timings when a part came back without segments", () => {
    const t = stitch([
      { offset: 0, result: { text: "One.", format: "json" } },
      { offset: 10, result: { text: "Two.", format: "verbose_json", segments: [{ start: 0, end: 1, text: "Two." }] } },
    ]);
    expect(t.segments).toBeUndefined();
    expect(t.text).toBe("One. Two.");
  });
});
