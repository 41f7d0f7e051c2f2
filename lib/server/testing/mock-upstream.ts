import "server-only";
import { randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  closedAt?: number;
}

export type MockHandler = (req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest) => unknown;

/** A local stand-in for the gateway that records every request (host, path, headers, body, when it closed). */
export interface MockUpstream {
  url: string;
  origin: string;
  requests: RecordedRequest[];
  handle(handler: MockHandler): void;
  close(): Promise<void>;
}

export function canaryKey(): string {
  return `sk-canary-${randomBytes(16).toString("hex")}`;
}

export async function startMockUpstream(): Promise<MockUpstream> {
  let handler: MockHandler = (_req, res) => {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: "no handler", type: "invalid_request_error" } }));
  };
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded: RecordedRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) };
    requests.push(recorded);
    res.on("close", () => {
      recorded.closedAt = Date.now();
    });
    try {
      await handler(req, res, recorded);
    } catch {
      res.destroy();
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/v1`,
    origin,
    requests,
    handle(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** new-api's chunk envelope around one delta (protocol §2.1 / §8.6). */
export function chunk(delta: Record<string, unknown>, finishReason: string | null = null, extra: Record<string, unknown> = {}): string {
  return `data: ${JSON.stringify({
    id: "chatcmpl-20260214101530570914749cO7T1Yq5",
    object: "chat.completion.chunk",
    created: 1771035330,
    model: "gemini-3-pro-image-preview",
    system_fingerprint: null,
    choices: [{ delta, logprobs: null, finish_reason: finishReason, index: 0 }],
    usage: null,
    ...extra,
  })}\n\n`;
}

export const USAGE_CHUNK = `data: ${JSON.stringify({
  id: "chatcmpl-x",
  object: "chat.completion.chunk",
  choices: [],
  usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21, completion_tokens_details: { reasoning_tokens: 3, image_tokens: 0 } },
})}\n\n`;

export const MODELS_BODY = {
  success: true,
  object: "list",
  data: [
    { id: "gemini-3-pro-image-preview", object: "model", created: 1626777600, owned_by: "vertex-ai", supported_endpoint_types: ["gemini", "openai"] },
    { id: "gemini-2.5-flash", object: "model", created: 1626777600, owned_by: "vertex-ai", supported_endpoint_types: ["gemini", "openai"] },
    { id: "black-forest-labs/FLUX-1.1-pro", object: "model", created: 1626777600, owned_by: "custom", supported_endpoint_types: ["image-generation", "openai"] },
    { id: "openai/whisper-large-v3", object: "model", created: 1626777600, owned_by: "custom", supported_endpoint_types: ["openai"] },
    { id: "deepseek-ai/DeepSeek-V3-0324", object: "model", created: 1626777600, owned_by: "custom" },
  ],
};
