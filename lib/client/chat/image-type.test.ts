import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { base64ToBlob, formatBytes, sniffBlob, sniffPicture } from "./image-type";

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(process.cwd(), "e2e/fixtures", name)));

describe("picture type by magic bytes (U-4, X-5)", () => {
  it.each([
    ["photo-640x480.png", "image/png"],
    ["large-4000x3000.jpg", "image/jpeg"],
    ["photo-640x480.webp", "image/webp"],
    ["anim.gif", "image/gif"],
    ["small-64.png", "image/png"],
  ])("%s is %s", (name, mime) => {
    expect(sniffPicture(fixture(name).slice(0, 16))).toBe(mime);
  });

  it("refuses a file named .png that is not a picture", async () => {
    expect(await sniffBlob(new Blob([fixture("not-an-image.png")], { type: "image/png" }))).toBeNull();
  });

  it("refuses SVG, HTML and empty files whatever their declared type", () => {
    const enc = new TextEncoder();
    expect(sniffPicture(enc.encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'))).toBeNull();
    expect(sniffPicture(enc.encode("<!doctype html><script>"))).toBeNull();
    expect(sniffPicture(new Uint8Array())).toBeNull();
    expect(sniffPicture(enc.encode("RIFF\0\0\0\0WAVEfmt "))).toBeNull();
  });

  it("turns stream base64 into a Blob of the same bytes", async () => {
    const bytes = fixture("small-64.png");
    const blob = base64ToBlob(Buffer.from(bytes).toString("base64"), "image/png");
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    expect(await sniffBlob(blob)).toBe("image/png");
  });

  it("formats sizes", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(formatBytes(3.5 * 1024 * 1024)).toBe("3.5 MB");
  });
});
