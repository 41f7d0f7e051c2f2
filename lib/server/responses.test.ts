import { describe, expect, it } from "vitest";
import { jsonResponse } from "./responses";

describe("jsonResponse", () => {
  it("asks compressors to leave a small answer alone, and lets a large one be compressed", async () => {
    const small = jsonResponse({ models: [{ id: "gemini-2.5-flash" }] });
    expect(small.headers.get("cache-control")).toBe("no-store, no-transform");
    const large = jsonResponse({ images: [{ data: "A".repeat(64 * 1024) }] });
    expect(large.headers.get("cache-control")).toBe("no-store");
    expect(JSON.parse(await large.text()).images[0].data).toHaveLength(64 * 1024);
  });
});
