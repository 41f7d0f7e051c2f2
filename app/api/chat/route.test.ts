import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canaryKey, chunk, MODELS_BODY, startMockUpstream, USAGE_CHUNK, type MockUpstream } from "@/lib/server/testing/mock-upstream";
import { captureLogs, expectNoSecret, jsonRequest, loadRoutes, readEvents, responseText } from "@/lib/server/testing/route-harness";

const KEY = canaryKey();
let mock: MockUpstream;
let routes: Awaited<ReturnType<typeof loadRoutes>>;
let logs: string[];

const ask = (body: Record<string, unknown> = {}, init: Parameters<typeof jsonRequest>[2] = {}) =>
  routes.chat.POST(jsonRequest("/api/chat", { model: "gemini-2.5-flash", messages: [{ role: "user", content: "hi" }], ...body }, init));

beforeAll(async () => {
  logs = captureLogs();
  mock = await startMockUpstream();
  routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url, GATEWAY_API_KEY: KEY, UPSTREAM_IDLE_TIMEOUT_MS: "800" });
});
afterAll(async () => {
  for (const line of logs) expectNoSecret(line, KEY);
  await mock.close();
});

function serve(chat: (res: import("node:http").ServerResponse) => void | Promise<void>) {
  mock.handle(async (req, res) => {
    if (req.url === "/v1/models") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(MODELS_BODY));
      return;
    }
    await chat(res);
  });
}

describe("POST /api/chat", () => {
  it("streams a plain answer as text events, usage, then finish", async () => {
    serve((res) => {
      res.writeHead(200, { "content-type": "text/event-stream", "x-oneapi-request-id": "20260214101530570914749cO7T1Yq5" });
      res.end(chunk({ content: "", role: "assistant" }) + chunk({ content: "Hel" }) + chunk({ content: "lo" }) + chunk({}, "stop") + USAGE_CHUNK + "data: [DONE]\n\n");
    });
    const response = await ask();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    const { events, raw } = await readEvents(response);
    expect(events).toEqual([
      { type: "start", model: "gemini-2.5-flash", requestId: "20260214101530570914749cO7T1Yq5" },
      { type: "text", delta: "Hel" },
      { type: "text", delta: "lo" },
      { type: "usage", usage: { promptTokens: 9, completionTokens: 12, totalTokens: 21, reasoningTokens: 3, imageTokens: 0 } },
      { type: "finish", reason: "stop" },
    ]);
    expectNoSecret(responseText(response, raw), KEY);
    const upstream = mock.requests.find((r) => r.path === "/v1/chat/completions")!;
    expect(JSON.parse(upstream.body.toString())).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });
});
