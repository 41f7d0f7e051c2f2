import http from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canaryKey, chunk, MODELS_BODY, startMockUpstream, USAGE_CHUNK, type MockUpstream } from "@/lib/server/testing/mock-upstream";
import { APP, captureLogs, expectNoSecret, jsonRequest, loadRoutes, readEvents, responseText } from "@/lib/server/testing/route-harness";

const KEY = canaryKey();
const PNG = readFileSync(new URL("../../../e2e/fixtures/small-64.png", import.meta.url));
let mock: MockUpstream;
let routes: Awaited<ReturnType<typeof loadRoutes>>;
let logs: string[];
const seen: string[] = [];

const HELLO = { model: "gemini-2.5-flash", messages: [{ role: "user", content: "hi" }] };
async function ask(body: Record<string, unknown> = {}, init: Parameters<typeof jsonRequest>[2] = {}) {
  const response = await routes.chat.POST(jsonRequest("/api/chat", { ...HELLO, ...body }, init));
  return response;
}
async function askEvents(body: Record<string, unknown> = {}, init: Parameters<typeof jsonRequest>[2] = {}) {
  const response = await ask(body, init);
  const read = await readEvents(response);
  seen.push(responseText(response, read.raw));
  return { response, ...read };
}
const chatCalls = () => mock.requests.filter((r) => r.path === "/v1/chat/completions");

function serve(chat: (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>) {
  mock.handle(async (req, res) => {
    if (req.url === "/v1/models") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(MODELS_BODY));
      return;
    }
    if (req.url === "/media/cat.png") {
      res.writeHead(200, { "content-type": "image/png" });
      res.end(PNG);
      return;
    }
    await chat(req, res);
  });
}
function sse(res: http.ServerResponse, body: string) {
  res.writeHead(200, { "content-type": "text/event-stream" });
  res.end(body);
}
function fails(status: number, body: string, headers: Record<string, string> = { "content-type": "application/json" }) {
  serve((_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  });
}

beforeAll(async () => {
  logs = captureLogs();
  mock = await startMockUpstream();
  routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url, GATEWAY_API_KEY: KEY, UPSTREAM_IDLE_TIMEOUT_MS: "700" });
});
afterAll(async () => {
  for (const line of [...logs, ...seen]) expectNoSecret(line, KEY);
  await mock.close();
});

describe("POST /api/chat: streaming", () => {
  it("H-2: streams text, usage and finish as SSE with no-store headers", async () => {
    serve((_req, res) => sse(res, chunk({ content: "", role: "assistant" }) + chunk({ content: "Hel" }) + chunk({ content: "lo" }) + chunk({}, "stop") + USAGE_CHUNK + "data: [DONE]\n\n"));
    const { response, events } = await askEvents();
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toContain("no-store");
    expect(response.headers.get("cache-control")).toContain("no-transform");
    expect(response.headers.get("x-powered-by")).toBeNull();
    expect(events.map((e) => e.type)).toEqual(["start", "text", "text", "usage", "finish"]);
    expect(JSON.parse(chatCalls().at(-1)!.body.toString())).toEqual({ ...HELLO, stream: true, stream_options: { include_usage: true } });
  });

  it("forwards each upstream event as soon as it is parsed", async () => {
    serve(async (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(chunk({ content: "first" }));
      await new Promise((r) => setTimeout(r, 400));
      res.end(chunk({ content: " second" }, "stop") + "data: [DONE]\n\n");
    });
    const response = await ask();
    const reader = response.body!.getReader();
    const started = Date.now();
    let text = "";
    while (!text.includes('"first"')) text += new TextDecoder().decode((await reader.read()).value);
    expect(Date.now() - started).toBeLessThan(300);
    await reader.cancel();
  });

  it("S-4: an upstream that goes silent mid-stream is aborted at the idle timeout with upstream_timeout", async () => {
    serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(chunk({ content: "thinking" }));
    });
    const { events, raw } = await askEvents();
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code: "upstream_timeout", retryable: true } });
    const call = chatCalls().at(-1)!;
    for (let i = 0; i < 50 && !call.closedAt; i++) await new Promise((r) => setTimeout(r, 10));
    expect(call.closedAt).toBeDefined();
    expect(raw).toContain("thinking");
  });

  it("S-4: an upstream that never sends headers is stopped at the idle timeout", async () => {
    serve(() => {});
    const started = Date.now();
    const { events } = await askEvents();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(events).toEqual([{ type: "error", error: expect.objectContaining({ code: "upstream_timeout" }) }]);
  });

  it("fetches a picture linked on the gateway's own host and emits its bytes; an unreachable one becomes image_unavailable", async () => {
    serve((_req, res) =>
      sse(res, chunk({ images: [{ type: "image_url", image_url: { url: `${mock.origin}/media/cat.png` } }, { image_url: { url: `${mock.origin}/media/gone.png` } }, { image_url: { url: "http://169.254.169.254/latest" } }] }) + chunk({}, "stop") + "data: [DONE]\n\n"),
    );
    const { events } = await askEvents();
    expect(events.filter((e) => e.type === "image")).toEqual([{ type: "image", mime: "image/png", data: PNG.toString("base64") }]);
    expect(events.filter((e) => e.type === "image_unavailable")).toHaveLength(2);
    expect(mock.requests.some((r) => r.path === "/latest")).toBe(false);
  });
});

describe("POST /api/chat: errors before the stream become one error event", () => {
  it("K-3: upstream 401 echoing a masked key is not relayed", async () => {
    fails(401, JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY.slice(0, 8)}***…${KEY.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`, type: "invalid_request_error", param: null, code: "invalid_api_key" } }));
    const { events, raw } = await askEvents();
    expect(events).toEqual([{ type: "error", error: expect.objectContaining({ code: "upstream_auth", upstreamStatus: 401 }) }]);
    expect(raw).not.toContain("Incorrect API key");
    expectNoSecret(raw, KEY);
  });

  it("S-2: 429 with an empty body keeps Retry-After and is retryable", async () => {
    fails(429, "", { "retry-after": "60" });
    const { events } = await askEvents();
    expect(events[0]).toMatchObject({ type: "error", error: { code: "rate_limited", retryable: true, retryAfter: 60 } });
  });

  it("S-2: a Chinese new-api 403 quota message keeps its request id and text", async () => {
    fails(403, JSON.stringify({ error: { message: "用户额度不足, 剩余额度: ＄0.000000 (request id: 20250208185713265160286Q0xs4itN)", type: "new_api_error", param: "", code: "insufficient_user_quota" } }));
    const { events } = await askEvents();
    expect(events[0]).toMatchObject({ type: "error", error: { code: "upstream_forbidden", requestId: "20250208185713265160286Q0xs4itN", upstreamMessage: "用户额度不足, 剩余额度: ＄0.000000" } });
  });

  it("S-2: an nginx HTML 502 is upstream_unavailable, with no HTML relayed", async () => {
    fails(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", { "content-type": "text/html" });
    const { events, raw } = await askEvents();
    expect(events[0]).toMatchObject({ type: "error", error: { code: "upstream_unavailable", retryable: true } });
    expect(raw).not.toContain("<html>");
  });

  it("400 prompt_blocked maps to prompt_blocked", async () => {
    fails(400, JSON.stringify({ error: { message: "prompt blocked: SAFETY", type: "new_api_error", code: "prompt_blocked" } }));
    expect((await askEvents()).events[0]).toMatchObject({ error: { code: "prompt_blocked", retryable: false } });
  });

  it("P-4: a 302 from the gateway is not followed; the second listener receives nothing", async () => {
    let hits = 0;
    const second = http.createServer((_req, res) => {
      hits++;
      res.end("{}");
    });
    await new Promise<void>((r) => second.listen(0, "127.0.0.1", r));
    const port = (second.address() as AddressInfo).port;
    fails(302, "", { location: `http://127.0.0.1:${port}/v1/chat/completions` });
    const { events } = await askEvents();
    expect(events[0]).toMatchObject({ type: "error", error: { code: "upstream_bad_response", upstreamStatus: 302 } });
    expect(hits).toBe(0);
    second.close();
  });
});

describe("POST /api/chat: what the client cannot choose", () => {
  it("K-6: client Authorization, x-api-key, x-base-url and ?key= are ignored; only allowlisted headers go upstream", async () => {
    serve((_req, res) => sse(res, chunk({ content: "ok" }, "stop") + "data: [DONE]\n\n"));
    const request = new Request(`${APP}/api/chat?key=sk-evil&base_url=http://evil.example`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer sk-evil", "x-api-key": "sk-evil", "x-base-url": "http://evil.example", cookie: "a=b", "x-forwarded-for": "1.2.3.4" },
      body: JSON.stringify(HELLO),
    });
    await readEvents(await routes.chat.POST(request));
    const call = chatCalls().at(-1)!;
    expect(call.headers.authorization).toBe(`Bearer ${KEY}`);
    const allowed = ["host", "connection", "content-type", "content-length", "authorization", "accept", "user-agent", "accept-encoding", "accept-language", "sec-fetch-mode", "transfer-encoding"];
    expect(Object.keys(call.headers).filter((h) => !allowed.includes(h))).toEqual([]);
    expect(call.body.toString()).not.toContain("evil");
  });

  it("P-2: model ids that are not ids are refused with 400 before any upstream call", async () => {
    const before = mock.requests.length;
    for (const model of ["../../files", "a/b/c", "x?y", "x#y", "gpt\r\nX-Evil: 1", "./.."]) {
      const response = await ask({ model });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatchObject({ code: "bad_request", message: expect.stringContaining("model") });
    }
    expect(mock.requests.length).toBe(before);
  });

  it("P-2: a well-formed id the gateway does not list is refused with 400 and no chat call", async () => {
    serve((_req, res) => sse(res, "data: [DONE]\n\n"));
    const before = chatCalls().length;
    const response = await ask({ model: "not-a-listed-model" });
    expect(response.status).toBe(400);
    expect(chatCalls().length).toBe(before);
  });

  it("P-3: remote, file: and SVG image_url values are refused with 400", async () => {
    for (const url of ["http://169.254.169.254/latest/meta-data", "file:///etc/passwd", "https://attacker.example/x.png", `data:image/svg+xml;base64,${Buffer.from("<svg/>").toString("base64")}`]) {
      const response = await ask({ messages: [{ role: "user", content: [{ type: "image_url", image_url: { url } }] }] });
      expect(response.status).toBe(400);
      expect((await response.json()).error.message).toMatch(/messages\.0\.content/);
    }
  });

  it("C-1: max_tokens and message count are capped", async () => {
    expect((await ask({ max_tokens: 1_000_000 })).status).toBe(400);
    expect((await ask({ messages: Array.from({ length: 201 }, () => ({ role: "user", content: "x" })) })).status).toBe(400);
  });

  it("bad JSON and unknown fields are a 400 saying what was wrong", async () => {
    const broken = await routes.chat.POST(jsonRequest("/api/chat", "{nope"));
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.message).toMatch(/not valid JSON/);
    const extra = await ask({ base_url: "http://evil.example" });
    expect(extra.status).toBe(400);
    expect((await extra.json()).error.message).toMatch(/base_url/);
  });
});

describe("POST /api/chat: aborts (S-1)", () => {
  async function abortAfter(setup: (res: http.ServerResponse) => void, waitMs: number, readFirst = false) {
    serve((_req, res) => setup(res));
    const controller = new AbortController();
    const before = chatCalls().length;
    const response = await ask({}, { signal: controller.signal });
    const reader = response.body!.getReader();
    if (readFirst) await reader.read();
    while (chatCalls().length === before) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, waitMs));
    const abortedAt = Date.now();
    controller.abort();
    const call = chatCalls().at(-1)!;
    while (!call.closedAt && Date.now() - abortedAt < 2000) await new Promise((r) => setTimeout(r, 10));
    expect(call.closedAt).toBeDefined();
    expect(call.closedAt! - abortedAt).toBeLessThan(1000);
    await reader.cancel().catch(() => {});
  }

  it("S-1: abort before upstream headers reaches upstream within 1 s", async () => {
    await abortAfter(() => {}, 100);
  });

  it("S-1: abort during a stall reaches upstream within 1 s", async () => {
    await abortAfter((res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.flushHeaders();
    }, 100);
  });

  it("S-1: abort mid-stream reaches upstream within 1 s", async () => {
    await abortAfter((res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(chunk({ content: "streaming…" }));
    }, 50, true);
  });
});

describe("other methods (P-9)", () => {
  it("P-9: GET, PUT, DELETE on /api/chat are 405 JSON", async () => {
    for (const handler of [routes.chat.GET, routes.chat.PUT, routes.chat.DELETE]) {
      const response = await handler(new Request(`${APP}/api/chat`));
      expect(response.status).toBe(405);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect((await response.json()).error.code).toBe("method_not_allowed");
    }
  });
});
