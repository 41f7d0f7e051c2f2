import { gzipSync } from "node:zlib";
import type { Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { canaryKey, MODELS_BODY, startMockUpstream, type MockHandler, type MockUpstream } from "@/lib/server/testing/mock-upstream";

const KEY = canaryKey();
let mock: MockUpstream;
let transport: typeof import("./transport");
let sockets: Set<Socket>;

const call = (operation: "models" | "chat" = "models") =>
  transport.gatewayFetch(operation, {
    key: KEY,
    signal: new AbortController().signal,
    accept: operation === "chat" ? "text/event-stream" : "application/json",
    body: operation === "chat" ? "{}" : undefined,
  });

/** Every handler also records which connection each request came on. */
function handle(handler: MockHandler) {
  mock.handle((req, res, recorded) => {
    sockets.add(req.socket);
    return handler(req, res, recorded);
  });
}

beforeAll(async () => {
  mock = await startMockUpstream();
  vi.resetModules();
  vi.stubEnv("GATEWAY_BASE_URL", mock.url);
  vi.stubEnv("GATEWAY_API_KEY", KEY);
  transport = await import("./transport");
});
beforeEach(() => {
  sockets = new Set();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await mock.close();
});

describe("gatewayFetch: connections", () => {
  it("reuses one kept-alive connection for calls one after another", async () => {
    handle((_req, res) => res.end(JSON.stringify(MODELS_BODY)));
    for (let i = 0; i < 3; i++) await transport.readReplyJson(await call(), 1024 * 1024);
    expect(sockets.size).toBe(1);
  });

  it("sends a call again, once, when the kept-alive connection turns out to be closed before any answer", async () => {
    handle((_req, res) => res.end(JSON.stringify(MODELS_BODY)));
    await transport.readReplyJson(await call(), 1024 * 1024);
    // The gateway drops the idle connection just as the next call goes out on it.
    let dropped = 0;
    handle((req, res) => {
      if (dropped++ === 0) return req.socket.destroy();
      sockets.add(req.socket);
      res.end(JSON.stringify(MODELS_BODY));
    });
    const json = await transport.readReplyJson(await call(), 1024 * 1024);
    expect(json).toEqual(MODELS_BODY);
    expect(dropped).toBe(2);
  });

  it("does not send a call twice when a fresh connection fails: the gateway is reported unreachable", async () => {
    // A closed port: nothing was ever kept alive there.
    const closed = await startMockUpstream();
    const url = closed.url;
    await closed.close();
    vi.resetModules();
    vi.stubEnv("GATEWAY_BASE_URL", url);
    const fresh = await import("./transport");
    await expect(fresh.gatewayFetch("models", { key: KEY, signal: new AbortController().signal, accept: "application/json" })).rejects.toMatchObject({
      error: { code: "upstream_unavailable" },
    });
    vi.stubEnv("GATEWAY_BASE_URL", mock.url);
  });
});

describe("gatewayFetch: encodings", () => {
  it("reads a gzip-compressed JSON answer, and asks for one", async () => {
    let asked = "";
    handle((req, res) => {
      asked = String(req.headers["accept-encoding"]);
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(gzipSync(JSON.stringify(MODELS_BODY)));
    });
    expect(await transport.readReplyJson(await call(), 1024 * 1024)).toEqual(MODELS_BODY);
    expect(asked).toContain("gzip");
  });

  it("asks for the event stream uncompressed, so no compressor holds events back", async () => {
    let asked = "";
    handle((req, res) => {
      asked = String(req.headers["accept-encoding"]);
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end("data: [DONE]\n\n");
    });
    const reply = await call("chat");
    expect(await new Response(reply.body).text()).toBe("data: [DONE]\n\n");
    expect(asked).toBe("identity");
  });
});
