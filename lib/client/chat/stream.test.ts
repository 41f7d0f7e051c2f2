import { describe, expect, it } from "vitest";
import type { ChatStreamEvent } from "@/lib/schemas";
import { readChatStream } from "./stream";

function streamOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(typeof chunk === "string" ? enc.encode(chunk) : chunk);
      c.close();
    },
  });
}

/** Splits bytes at random places, including inside UTF-8 characters and the `data: ` prefix (S-6). */
function randomSlices(bytes: Uint8Array, seed: number): Uint8Array[] {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: Uint8Array[] = [];
  let i = 0;
  while (i < bytes.length) {
    const n = 1 + Math.floor(rand() * 9);
    out.push(bytes.slice(i, i + n));
    i += n;
  }
  return out;
}

async function collect(body: ReadableStream<Uint8Array>) {
  const events: ChatStreamEvent[] = [];
  const ignored: string[] = [];
  await readChatStream(body, { onEvent: (e) => events.push(e), onIgnored: (r) => ignored.push(r) });
  return { events, ignored };
}

const sse = (e: unknown) => `data: ${JSON.stringify(e)}\n\n`;

describe("readChatStream", () => {
  it("reassembles events split anywhere, with multi-byte text, for many chunkings (S-6)", async () => {
    const wire = [
      sse({ type: "start", model: "m" }),
      sse({ type: "text", delta: "Grüße, 世界 👋 " }),
      ": ping\n\n",
      sse({ type: "text", delta: "$x^2$ done" }),
      sse({ type: "finish", reason: "stop" }),
    ].join("");
    const bytes = new TextEncoder().encode(wire);
    for (let seed = 1; seed <= 50; seed++) {
      const { events } = await collect(streamOf(randomSlices(bytes, seed)));
      expect(events.map((e) => e.type)).toEqual(["start", "text", "text", "finish"]);
      const text = events.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("");
      expect(text).toBe("Grüße, 世界 👋 $x^2$ done");
    }
  });

  it("accepts CRLF line endings and comments", async () => {
    const wire = `: keep-alive\r\n\r\ndata: ${JSON.stringify({ type: "text", delta: "a" })}\r\n\r\n`;
    const { events } = await collect(streamOf([wire]));
    expect(events).toEqual([{ type: "text", delta: "a" }]);
  });

  it("ignores malformed JSON, unknown event types and named events, and never evaluates them (X-4)", async () => {
    const wire = [
      "data: {not json\n\n",
      sse({ type: "execute", code: "alert(1)" }),
      `event: tool\ndata: ${JSON.stringify({ type: "text", delta: "x" })}\n\n`,
      "data: [DONE]\n\n",
      sse({ type: "text", delta: "ok" }),
    ].join("");
    const { events, ignored } = await collect(streamOf([wire]));
    expect(events).toEqual([{ type: "text", delta: "ok" }]);
    expect(ignored).toHaveLength(4);
  });

  it("reads a picture sent as one multi-MB line in small chunks", async () => {
    const data = Buffer.alloc(3 * 1024 * 1024, 7).toString("base64");
    const bytes = new TextEncoder().encode(sse({ type: "image", mime: "image/png", data }) + sse({ type: "finish", reason: "stop" }));
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 65536) chunks.push(bytes.slice(i, i + 65536));
    const { events } = await collect(streamOf(chunks));
    expect(events[0]).toMatchObject({ type: "image", mime: "image/png" });
    expect(events[0]?.type === "image" && events[0].data.length).toBe(data.length);
    expect(events[1]).toEqual({ type: "finish", reason: "stop" });
  });

  it("passes error events through with the whole AppError", async () => {
    const error = { code: "stream_interrupted", message: "Lost.", retryable: true, requestId: "r1" };
    const { events } = await collect(streamOf([sse({ type: "text", delta: "partial" }), sse({ type: "error", error })]));
    expect(events[1]).toEqual({ type: "error", error });
  });
});
