import { describe, expect, it } from "vitest";
import { filenameFromPrompt } from "./filename";
import { aspectOf, base64ToBytes, bytesToBase64, sniffImage } from "./bytes";

describe("filenameFromPrompt", () => {
  it("slugifies the prompt and takes the extension from the mime type", () => {
    expect(filenameFromPrompt("A red fox, at dusk!", "image/png")).toBe("a-red-fox-at-dusk.png");
    expect(filenameFromPrompt("Café crème", "image/jpeg")).toBe("cafe-creme.jpg");
    expect(filenameFromPrompt("   ", "image/webp")).toBe("image.webp");
    expect(filenameFromPrompt("../../etc/passwd\r\n", "image/gif")).toBe("etc-passwd.gif");
  });
  it("keeps names short and never ends in a dash", () => {
    const name = filenameFromPrompt("word ".repeat(40), "image/png");
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).not.toMatch(/-\.png$/);
  });
});

describe("bytes", () => {
  it("round-trips base64 of large buffers", () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 31) & 0xff);
    expect(Buffer.from(base64ToBytes(bytesToBase64(bytes))).equals(Buffer.from(bytes))).toBe(true);
  });
  it("trusts magic bytes only (X-5)", () => {
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("image/png");
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffImage(new TextEncoder().encode("<svg onload=alert(1)>"))).toBeNull();
  });
  it("reads aspect ratios of size presets", () => {
    expect(aspectOf("1792x1024")).toBeCloseTo(1.75);
    expect(aspectOf(undefined)).toBe(1);
  });
});
