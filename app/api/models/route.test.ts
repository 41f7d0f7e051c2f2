import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canaryKey, MODELS_BODY, startMockUpstream, type MockUpstream } from "@/lib/server/testing/mock-upstream";
import { APP, captureLogs, expectNoSecret, jsonRequest, loadRoutes, responseText } from "@/lib/server/testing/route-harness";

const KEY = canaryKey();
const USER_KEY = canaryKey();
let mock: MockUpstream;
let logs: string[];
const seen: string[] = [];
let models: () => { status: number; body: string } = () => ({ status: 200, body: JSON.stringify(MODELS_BODY) });

async function read(response: Response) {
  const text = await response.text();
  seen.push(responseText(response, text));
  return { status: response.status, json: JSON.parse(text) };
}

beforeAll(async () => {
  logs = captureLogs();
  mock = await startMockUpstream();
  mock.handle((req, res) => {
    const { status, body } = req.url === "/v1/models" ? models() : { status: 404, body: "{}" };
    res.writeHead(status, { "content-type": "application/json" });
    res.end(body);
  });
});
afterAll(async () => {
  for (const line of [...logs, ...seen]) {
    expectNoSecret(line, KEY);
    expectNoSecret(line, USER_KEY);
  }
  await mock.close();
});

describe("GET /api/models", () => {
  it("lists models classified by kind, vision and provider, and caches the list per key", async () => {
    const routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url, GATEWAY_API_KEY: KEY });
    const before = mock.requests.length;
    const { status, json } = await read(await routes.models.GET(new Request(`${APP}/api/models`)));
    expect(status).toBe(200);
    expect(json.models).toEqual([
      { id: "black-forest-labs/FLUX-1.1-pro", provider: "black-forest-labs", kind: "image", vision: false },
      { id: "deepseek-ai/DeepSeek-V3-0324", provider: "deepseek-ai", kind: "chat", vision: false },
      { id: "gemini-2.5-flash", provider: "google", kind: "chat", vision: true },
      { id: "gemini-3-pro-image-preview", provider: "google", kind: "chat-image", vision: true },
      { id: "openai/whisper-large-v3", provider: "openai", kind: "transcription", vision: false },
    ]);
    await routes.models.GET(new Request(`${APP}/api/models`));
    expect(mock.requests.length - before).toBe(1);
  });

  it("a 200 {success:false} is an error, not an empty list", async () => {
    const routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url, GATEWAY_API_KEY: KEY });
    models = () => ({ status: 200, body: JSON.stringify({ success: false, message: "get user group failed" }) });
    const { status, json } = await read(await routes.models.GET(new Request(`${APP}/api/models`)));
    expect(status).toBe(502);
    expect(json.error).toMatchObject({ code: "upstream_bad_response", upstreamMessage: "get user group failed" });
    models = () => ({ status: 200, body: JSON.stringify(MODELS_BODY) });
  });

  it("K-3: a 401 from /models is upstream_auth with our own text only", async () => {
    const routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url, GATEWAY_API_KEY: KEY });
    models = () => ({ status: 401, body: JSON.stringify({ error: { message: `无效的令牌 ${KEY} (request id: 2025020818571326516028600000000)`, type: "new_api_error" } }) });
    const { status, json } = await read(await routes.models.GET(new Request(`${APP}/api/models`)));
    expect(status).toBe(502);
    expect(json.error.code).toBe("upstream_auth");
    expect(json.error.upstreamMessage).toBeUndefined();
    models = () => ({ status: 200, body: JSON.stringify(MODELS_BODY) });
  });
});

describe("keys", () => {
  it("with neither key, AI routes answer 503 gateway_not_configured saying how to set one", async () => {
    const routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url });
    const { status, json } = await read(await routes.models.GET(new Request(`${APP}/api/models`)));
    expect(status).toBe(503);
    expect(json.error).toMatchObject({ code: "gateway_not_configured", message: expect.stringContaining("GATEWAY_API_KEY") });
    const chat = await read(await routes.chat.POST(jsonRequest("/api/chat", { model: "gemini-2.5-flash", messages: [{ role: "user", content: "hi" }] })));
    expect(chat.status).toBe(503);
  });

  it("a user's X-Gateway-Key is used for that request only when ALLOW_USER_KEYS is on, and never echoed", async () => {
    const routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url, GATEWAY_API_KEY: KEY, ALLOW_USER_KEYS: "true" });
    await read(await routes.models.GET(new Request(`${APP}/api/models`, { headers: { "x-gateway-key": USER_KEY } })));
    expect(mock.requests.at(-1)!.headers.authorization).toBe(`Bearer ${USER_KEY}`);
    const off = await loadRoutes({ GATEWAY_BASE_URL: mock.url, GATEWAY_API_KEY: KEY, ALLOW_USER_KEYS: "false" });
    await read(await off.models.GET(new Request(`${APP}/api/models`, { headers: { "x-gateway-key": USER_KEY } })));
    expect(mock.requests.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("K-6: client Authorization and x-api-key never replace the server key", async () => {
    const routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url, ALLOW_USER_KEYS: "false" });
    const { status } = await read(await routes.models.GET(new Request(`${APP}/api/models?key=sk-x`, { headers: { authorization: "Bearer sk-abcdefgh", "x-api-key": "sk-abcdefgh" } })));
    expect(status).toBe(503);
  });
});

describe("failures", () => {
  it("H-3: an unexpected exception is a generic 500 with a request id; the stack stays in the log", async () => {
    const broken = await loadRoutes({ GATEWAY_BASE_URL: mock.url, GATEWAY_API_KEY: KEY });
    const request = new Request(`${APP}/api/models`);
    Object.defineProperty(request, "headers", { get: () => { throw new Error("boom at /srv/internal/secret-path.ts"); } });
    const { status, json } = await read(await broken.models.GET(request));
    expect(status).toBe(500);
    expect(json.error).toMatchObject({ code: "internal", requestId: expect.stringMatching(/^gs-/) });
    expect(JSON.stringify(json)).not.toContain("secret-path");
    expect(logs.some((line) => line.includes(json.error.requestId) && line.includes("secret-path"))).toBe(true);
  });

  it("a malformed GATEWAY_BASE_URL fails at start-up with a message naming the variable", async () => {
    const { parseEnv } = await import("@/lib/server/env");
    expect(() => parseEnv({ GATEWAY_BASE_URL: "ftp://x" })).toThrow(/GATEWAY_BASE_URL: must be an http\(s\) URL/);
    expect(() => parseEnv({ UPSTREAM_IDLE_TIMEOUT_MS: "soon" })).toThrow(/UPSTREAM_IDLE_TIMEOUT_MS/);
    expect(parseEnv({})).toMatchObject({ GATEWAY_BASE_URL: "https://gateway.iotex.ai/v1", ALLOW_USER_KEYS: true, DEMO_MODE: false, UPSTREAM_IDLE_TIMEOUT_MS: 90_000 });
  });
});

describe("DEMO_MODE", () => {
  it("answers simulated models and chat without a key or any gateway call, and flags demo", async () => {
    const routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url, DEMO_MODE: "true" });
    const before = mock.requests.length;
    const { json } = await read(await routes.models.GET(new Request(`${APP}/api/models`)));
    expect(json.demo).toBe(true);
    const chat = await routes.chat.POST(jsonRequest("/api/chat", { model: "demo-chat", messages: [{ role: "user", content: "hi" }] }));
    expect(await chat.text()).toContain('"type":"finish"');
    expect(mock.requests.length).toBe(before);
  });
});
