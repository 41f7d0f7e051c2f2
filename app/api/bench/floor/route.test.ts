import { afterEach, describe, expect, it, vi } from "vitest";
import { GET, POST } from "./route";

const post = (body: string) => new Request("http://localhost/api/bench/floor", { method: "POST", headers: { "content-type": "application/json" }, body });

describe("/api/bench/floor (the bench's proxy floor)", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is a 404 unless the server runs with BENCH_PAGES=1", async () => {
    vi.stubEnv("BENCH_PAGES", "");
    const response = await POST(post("{}"));
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  });

  it("with BENCH_PAGES=1, reads the body and streams one event at once", async () => {
    vi.stubEnv("BENCH_PAGES", "1");
    const response = await POST(post('{"model":"m"}'));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(await response.text()).toBe(`data: ${JSON.stringify({ type: "start", bytes: 13 })}\n\n`);
  });

  it("refuses a body over 64 KB with 413, and other methods with 405", async () => {
    vi.stubEnv("BENCH_PAGES", "1");
    expect((await POST(post("x".repeat(64 * 1024 + 1)))).status).toBe(413);
    expect((await GET(new Request("http://localhost/api/bench/floor"))).status).toBe(405);
  });
});
