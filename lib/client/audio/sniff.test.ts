import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nameFor, sniffAudio, SNIFF_BYTES } from "./sniff";

const head = (name: string) => new Uint8Array(readFileSync(path.join(process.cwd(), "e2e/fixtures", name)).subarray(0, SNIFF_BYTES));

describe("sniffAudio against the fixtures", () => {
  it.each([
    ["speech-en.wav", "wav", false],
    ["speech-zh.wav", "wav", false],
    ["speech-en.mp3", "mp3", false],
    ["speech-en.m4a", "m4a", false],
    ["speech-en.ogg", "ogg", false],
    ["speech-en.flac", "flac", false],
    ["speech-en.webm", "webm", true],
  ])("%s is %s (convert: %s)", (file, format, convert) => {
    expect(sniffAudio(head(file))).toMatchObject({ format, ext: format, convert });
  });

  it.each(["not-audio.mp3", "not-an-image.png", "small-64.png", "anim.gif", "large-4000x3000.jpg", "photo-640x480.webp"])(
    "%s is not audio",
    (file) => expect(sniffAudio(head(file))).toBeNull(),
  );
});

describe("sniffAudio by signature", () => {
  const bytes = (...b: (number | string)[]) =>
    new Uint8Array(b.flatMap((x) => (typeof x === "string" ? [...x].map((c) => c.charCodeAt(0)) : [x])));
  it("tells MPEG frames from ADTS AAC by the layer bits", () => {
    expect(sniffAudio(bytes(0xff, 0xfb, 0x90, 0x00))?.format).toBe("mp3");
    expect(sniffAudio(bytes(0xff, 0xf1, 0x50, 0x80))?.format).toBe("aac");
  });
  it("calls an ftyp file with a non-M4A brand mp4", () => {
    expect(sniffAudio(bytes(0, 0, 0, 0x20, "ftypisom"))?.format).toBe("mp4");
    expect(sniffAudio(bytes(0, 0, 0, 0x20, "ftypM4A "))?.format).toBe("m4a");
  });
  it("needs the whole of a signature", () => {
    expect(sniffAudio(bytes("RIFF"))).toBeNull();
    expect(sniffAudio(new Uint8Array())).toBeNull();
  });
});

describe("nameFor", () => {
  it("puts the content's extension on the user's name", () => {
    expect(nameFor("talk.webm", "wav")).toBe("talk.wav");
    expect(nameFor("voice memo", "m4a")).toBe("voice memo.m4a");
    expect(nameFor(undefined, "mp3")).toBe("audio.mp3");
    expect(nameFor("../../etc/x\r\n.mp3", "mp3")).toBe("_.._etc_x_.mp3");
  });
});
