import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canaryKey, MODELS_BODY, startMockUpstream, type MockUpstream } from "@/lib/server/testing/mock-upstream";
import { APP, captureLogs, expectNoSecret, jsonRequest, loadRoutes, responseText } from "@/lib/server/testing/route-harness";

const KEY = canaryKey();
const FIXTURES = new URL("../../../e2e/fixtures/", import.meta.url);
const PNG = readFileSync(new URL("small-64.png", FIXTURES));
const JPEG = readFileSync(new URL("large-4000x3000.jpg", FIXTURES));
let mock: MockUpstream;
let routes: Awaited<ReturnType<typeof loadRoutes>>;
let logs: string[];
const seen: string[] = [];
let answer: () => { status: number; body: string; headers?: Record<string, string> };

const REQUEST = { model: "black-forest-labs/FLUX-1.1-pro", prompt: "A cyberpunk cat", n: 2, size: "1024x1024" };
async function generate(body: unknown = REQUEST, headers: Record<string, string> = {}) {
  const response = await routes.images.POST(jsonRequest("/api/images", body, { headers }));
  const text = await response.text();
  seen.push(responseText(response, text));
  return { response, json: JSON.parse(text) };
}

beforeAll(async () => {
  logs = captureLogs();
  mock = await startMockUpstream();
  mock.handle((req, res) => {
    if (req.url === "/v1/models") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify(MODELS_BODY));
    }
    if (req.url === "/files/cat.png") {
      res.writeHead(200, { "content-type": "image/png" });
      return res.end(PNG);
    }
    if (req.url === "/files/moved.png") {
      res.writeHead(302, { location: "/files/cat.png" });
      return res.end();
    }
    const { status, body, headers } = answer();
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(body);
  });
  routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url, GATEWAY_API_KEY: KEY });
});
afterAll(async () => {
  for (const line of [...logs, ...seen]) expectNoSecret(line, KEY);
  await mock.close();
});

describe("POST /api/images", () => {
  it("normalizes new-api b64_json (unused url and revised_prompt \"\"), PNG and JPEG by magic bytes", async () => {
    answer = () => ({ status: 200, body: JSON.stringify({ data: [{ url: "", b64_json: PNG.toString("base64"), revised_prompt: "" }, { url: "", b64_json: JPEG.toString("base64"), revised_prompt: "A cyberpunk cat, neon" }], created: 1771035330 }) });
    const { response, json } = await generate();
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toContain("no-store");
    expect(json).toEqual({
      images: [
        { mime: "image/png", data: PNG.toString("base64") },
        { mime: "image/jpeg", data: JPEG.toString("base64"), revisedPrompt: "A cyberpunk cat, neon" },
      ],
      requested: 2,
      created: 1771035330,
    });
  });

  it("fetches url answers server-side; a redirect or dead link stays a {url, notice}; fewer than requested is fine", async () => {
    answer = () => ({ status: 200, body: JSON.stringify({ created: 1, data: [{ url: `${mock.origin}/files/cat.png`, b64_json: "" }, { url: `${mock.origin}/files/moved.png` }] }) });
    const { json } = await generate({ ...REQUEST, n: 4 });
    expect(json.images[0]).toEqual({ mime: "image/png", data: PNG.toString("base64") });
    expect(json.images[1]).toMatchObject({ url: `${mock.origin}/files/moved.png`, notice: expect.stringContaining("could not load") });
    expect(json.requested).toBe(4);
    expect(mock.requests.filter((r) => r.path === "/files/cat.png")).toHaveLength(1);
  });

  it("X-5: an SVG returned as b64_json is never passed on as a picture", async () => {
    answer = () => ({ status: 200, body: JSON.stringify({ data: [{ b64_json: Buffer.from("<svg onload=alert(1)>").toString("base64") }] }) });
    const { response, json } = await generate();
    expect(response.status).toBe(502);
    expect(json.error.code).toBe("upstream_bad_response");
  });

  it("S-2: 500 no images generated is upstream_unavailable and retryable; 503 no channel too", async () => {
    answer = () => ({ status: 500, body: JSON.stringify({ error: { message: "no images generated", type: "new_api_error" } }) });
    expect((await generate()).json.error).toMatchObject({ code: "upstream_unavailable", retryable: true, upstreamMessage: "no images generated" });
    answer = () => ({ status: 503, body: JSON.stringify({ error: { message: "当前分组 default 下对于模型 x 无可用渠道", type: "new_api_error" } }) });
    expect((await generate()).response.status).toBe(502);
  });

  it("S-2: Gemini numeric code 429 with Retry-After is rate_limited, and Retry-After is passed on", async () => {
    answer = () => ({ status: 429, body: JSON.stringify({ error: { code: 429, message: "Resource exhausted", status: "RESOURCE_EXHAUSTED" } }), headers: { "retry-after": "12" } });
    const { response, json } = await generate();
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("12");
    expect(json.error).toMatchObject({ code: "rate_limited", retryAfter: 12 });
  });

  it("C-1: n, size and prompt length are capped", async () => {
    expect((await generate({ ...REQUEST, n: 50 })).response.status).toBe(400);
    expect((await generate({ ...REQUEST, size: "9999x9999" })).json.error.message).toMatch(/size/);
    expect((await generate({ ...REQUEST, prompt: "  " })).json.error.message).toMatch(/prompt/);
  });

  it("U-2: a 200 MB chunked body is refused at the limit with RSS growth < 20 MB", async () => {
    const piece = new Uint8Array(64 * 1024).fill(32);
    let sent = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (sent >= 200 * 1024 * 1024) return controller.close();
        sent += piece.byteLength;
        controller.enqueue(piece);
      },
    });
    const before = process.memoryUsage().rss;
    const response = await routes.images.POST(
      new Request(`${APP}/api/images`, { method: "POST", body, duplex: "half", headers: { "content-type": "application/json" } } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(sent).toBeLessThanOrEqual(3 * piece.byteLength);
    expect(process.memoryUsage().rss - before).toBeLessThan(20 * 1024 * 1024);
  });

  it("P-7: text/plain and form posts are 415; cross-site posts are 403", async () => {
    const post = (headers: Record<string, string>) =>
      routes.images.POST(new Request(`${APP}/api/images`, { method: "POST", body: JSON.stringify(REQUEST), headers: { "content-type": "application/json", ...headers } }));
    expect((await post({ "content-type": "text/plain" })).status).toBe(415);
    expect((await post({ "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
    expect((await post({ origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ origin: "null" })).status).toBe(403);
    expect((await post({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    const denied = await post({ origin: "https://evil.example" });
    expect((await denied.json()).error.code).toBe("forbidden_origin");
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("P-9: GET /api/images?prompt=… is 405 and calls nothing", async () => {
    const before = mock.requests.length;
    const response = await routes.images.GET(new Request(`${APP}/api/images?prompt=x&model=y`));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(mock.requests.length).toBe(before);
  });
});
