import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ChatStreamEvent } from "@/lib/schemas/chat";
import { chunk, USAGE_CHUNK } from "@/lib/server/testing/mock-upstream";
import { chatEvents } from "./chat";

const FIXTURES = new URL("../../e2e/fixtures/", import.meta.url);
const PNG = readFileSync(new URL("small-64.png", FIXTURES)).toString("base64");
const JPEG_LARGE = readFileSync(new URL("large-4000x3000.jpg", FIXTURES)).toString("base64");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>').toString("base64");
const DONE = "data: [DONE]\n\n";

/** A seeded PRNG, so a failing split can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The wire bytes cut at random places: mid UTF-8 character, mid `data: `, mid CRLF. */
function streamOf(wire: string, seed = 1, maxPiece = 64): ReadableStream<Uint8Array> {
  const bytes = Buffer.from(wire, "utf8");
  const random = rng(seed);
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = random() < 0.3 ? 1 + Math.floor(random() * 3) : 1 + Math.floor(random() * maxPiece);
    pieces.push(bytes.subarray(at, at + size));
    at += size;
  }
  return new ReadableStream({
    pull(controller) {
      const next = pieces.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

async function run(wire: string, seed = 1, maxPiece = 64, contentType = "text/event-stream"): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  const context = { signal: new AbortController().signal, secrets: ["sk-canary-0123456789abcdef"] };
  for await (const event of chatEvents(streamOf(wire, seed, maxPiece), contentType, context)) events.push(event);
  return events;
}

const textOf = (events: ChatStreamEvent[]) => events.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("");
const reasoningOf = (events: ChatStreamEvent[]) => events.flatMap((e) => (e.type === "reasoning" ? [e.delta] : [])).join("");
const images = (events: ChatStreamEvent[]) => events.filter((e) => e.type === "image");
const last = (events: ChatStreamEvent[]) => events.at(-1);

describe("chatEvents: new-api Gemini image replies", () => {
  it("S-6: a picture in one multi-MB data: line, split at random byte boundaries, becomes one image event", async () => {
    const wire =
      chunk({ content: "", role: "assistant" }) +
      chunk({ reasoning_content: "**Planning the watercolor look**\n\n…" }) +
      chunk({ content: `Here is the watercolor version.\n![image](data:image/jpeg;base64,${JPEG_LARGE})` }) +
      chunk({}, "stop") +
      USAGE_CHUNK +
      DONE;
    for (const seed of [1, 2]) {
      const events = await run(wire, seed, 256 * 1024);
      expect(textOf(events)).toBe("Here is the watercolor version.\n");
      expect(reasoningOf(events)).toBe("**Planning the watercolor look**\n\n…");
      expect(images(events)).toEqual([{ type: "image", mime: "image/jpeg", data: JPEG_LARGE }]);
      expect(last(events)).toEqual({ type: "finish", reason: "stop" });
    }
  });

  it("S-6: a picture split over many deltas, even inside data:image/png;base64, is reassembled", async () => {
    const markdown = `Before ![image](data:image/png;base64,${PNG}) after`;
    const cuts = [3, 9, 12, 20, 27, 33, 40, 60, 200, 400];
    let wire = "";
    let from = 0;
    for (const cut of [...cuts, markdown.length]) {
      wire += chunk({ content: markdown.slice(from, cut) });
      from = cut;
    }
    const events = await run(wire + chunk({}, "stop") + DONE, 7);
    expect(textOf(events)).toBe("Before  after");
    expect(images(events)).toEqual([{ type: "image", mime: "image/png", data: PNG }]);
  });

  it("emits two pictures in one reply separately, and text around them stays text", async () => {
    const events = await run(chunk({ content: `A\n![image](data:image/png;base64,${PNG})\nB\n![image](data:image/jpeg;base64,${JPEG_LARGE.slice(0, 4000)})` }) + chunk({}, "stop") + DONE);
    expect(images(events).map((e) => e.type === "image" && e.mime)).toEqual(["image/png", "image/jpeg"]);
    expect(textOf(events)).toBe("A\n\nB\n");
  });

  it("X-5: an SVG or non-image data URL is never passed on as an image", async () => {
    const junk = Buffer.from("MZ\x90\x00 not a picture").toString("base64");
    const events = await run(chunk({ content: `![x](data:image/svg+xml;base64,${SVG}) ![y](data:image/png;base64,${junk})` }) + chunk({}, "stop") + DONE);
    expect(images(events)).toEqual([]);
    expect(events.filter((e) => e.type === "image_unavailable")).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain(SVG);
  });

  it("a picture cut off by the end of the stream is reported, not shown as base64 text", async () => {
    const events = await run(chunk({ content: `Look: ![image](data:image/png;base64,${PNG.slice(0, 300)}` }) + DONE);
    expect(textOf(events)).toBe("Look: ");
    expect(events.some((e) => e.type === "image_unavailable")).toBe(true);
    expect(last(events)).toMatchObject({ type: "finish", reason: "incomplete" });
  });

  it("keeps links to remote pictures in the text as Markdown, unchanged", async () => {
    const events = await run(chunk({ content: "see ![x](https://example.com/a.png) ok" }) + chunk({}, "stop") + DONE);
    expect(textOf(events)).toBe("see ![x](https://example.com/a.png) ok");
    expect(textOf(await run(chunk({ content: "Wow! ![not an image] and !done" }) + chunk({}, "stop") + DONE))).toBe("Wow! ![not an image] and !done");
  });
});

describe("chatEvents: other gateways' picture shapes", () => {
  it("OpenRouter delta.images with a processing comment", async () => {
    const wire = `: OPENROUTER PROCESSING\n\n${chunk({ images: [{ type: "image_url", image_url: { url: `data:image/png;base64,${PNG}` } }] })}${chunk({}, "stop")}${DONE}`;
    const events = await run(wire, 3);
    expect(images(events)).toEqual([{ type: "image", mime: "image/png", data: PNG }]);
  });

  it("LiteLLM images with index/detail, message.images in a non-stream JSON answer", async () => {
    const body = JSON.stringify({
      choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Here's the image you requested:", images: [{ image_url: { url: `data:image/png;base64,${PNG}`, detail: "auto" }, index: 0, type: "image_url" }] } }],
      usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
    });
    const events = await run(body, 4, 64, "application/json");
    expect(textOf(events)).toBe("Here's the image you requested:");
    expect(images(events)).toHaveLength(1);
    expect(events.slice(-2)).toEqual([
      { type: "usage", usage: { promptTokens: 5, completionTokens: 7, totalTokens: 12 } },
      { type: "finish", reason: "stop" },
    ]);
  });

  it("content-part arrays carry text and pictures", async () => {
    const events = await run(chunk({ content: [{ type: "text", text: "Here is the generated image:" }, { type: "image_url", image_url: { url: `data:image/png;base64,${PNG}` } }] }) + chunk({}, "stop") + DONE);
    expect(textOf(events)).toBe("Here is the generated image:");
    expect(images(events)).toHaveLength(1);
  });

  it("a picture both in Markdown and in images[] is emitted once", async () => {
    const url = `data:image/png;base64,${PNG}`;
    const events = await run(chunk({ content: `![image](${url})`, images: [{ index: 0, type: "image_url", image_url: { url } }] }) + chunk({}, "stop") + DONE);
    expect(images(events)).toHaveLength(1);
  });
});

describe("chatEvents: reasoning", () => {
  it("reasoning_content with content null, then the answer", async () => {
    const events = await run(chunk({ role: "assistant", content: null, reasoning_content: "Okay, the user" }) + chunk({ content: "Paris", reasoning_content: null }) + chunk({}, "stop") + DONE);
    expect(reasoningOf(events)).toBe("Okay, the user");
    expect(textOf(events)).toBe("Paris");
  });

  it("OpenRouter reasoning", async () => {
    const events = await run(chunk({ reasoning: "hmm" }) + chunk({ content: "ok" }) + chunk({}, "stop") + DONE);
    expect(reasoningOf(events)).toBe("hmm");
  });

  it("S-6: <think>…</think> in content, split across chunks at every position", async () => {
    const content = "<think>\nweigh the options\n</think>\n\nThe answer is 42.";
    for (let cut = 1; cut < content.length; cut += 3) {
      const events = await run(chunk({ content: content.slice(0, cut) }) + chunk({ content: content.slice(cut) }) + chunk({}, "stop") + DONE, cut);
      expect(reasoningOf(events)).toBe("\nweigh the options\n");
      expect(textOf(events)).toBe("The answer is 42.");
    }
  });

  it("a <think> tag quoted after visible text stays text", async () => {
    const events = await run(chunk({ content: "Use the <think> tag like <think>x</think>." }) + chunk({}, "stop") + DONE);
    expect(textOf(events)).toBe("Use the <think> tag like <think>x</think>.");
    expect(reasoningOf(events)).toBe("");
  });
});

describe("chatEvents: framing (S-6)", () => {
  it("reassembles multi-byte UTF-8, CRLF, keep-alive comments and blank lines exactly, whatever the split", async () => {
    const parts = ["héllo ", "你好", " 🙂 — ", "naïve\n", "end"];
    const wire = (": keep-alive\r\n\r\n" + parts.map((p) => chunk({ content: p })).join("\r\n") + chunk({}, "stop") + ": PING\n\n\n" + DONE).replace(/\n\n/g, "\r\n\r\n");
    for (let seed = 1; seed <= 40; seed++) {
      const events = await run(wire, seed, 7);
      expect(textOf(events)).toBe(parts.join(""));
      expect(last(events)).toEqual({ type: "finish", reason: "stop" });
    }
  });

  it("X-4: malformed JSON and unknown event types are ignored, never evaluated", async () => {
    const wire = `data: {not json\n\nevent: execute\ndata: {"choices":[{"delta":{"content":"evil"}}]}\n\n${chunk({ content: "fine" })}${chunk({}, "stop")}${DONE}`;
    const events = await run(wire);
    expect(textOf(events)).toBe("fine");
  });

  it("usage chunks with choices [], null or missing are all read", async () => {
    for (const choices of [[], null, undefined]) {
      const usage = `data: ${JSON.stringify({ ...(choices === undefined ? {} : { choices }), usage: { prompt_tokens: 1, completion_tokens: 2 } })}\n\n`;
      const events = await run(chunk({ content: "x" }) + chunk({}, "stop") + usage + DONE);
      expect(events.find((e) => e.type === "usage")).toEqual({ type: "usage", usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 } });
    }
  });
});

describe("chatEvents: how answers end", () => {
  it("[DONE] without any finish_reason ends as incomplete with a note", async () => {
    const events = await run(chunk({ content: "partial" }) + DONE);
    expect(last(events)).toMatchObject({ type: "finish", reason: "incomplete", note: expect.stringContaining("cut off") });
  });

  it("length with empty content explains max tokens in plain words", async () => {
    const events = await run(chunk({ content: "", role: "assistant" }) + chunk({ content: "" }, "length") + DONE);
    expect(last(events)).toMatchObject({ type: "finish", reason: "length", note: expect.stringContaining("raise max tokens") });
  });

  it("content_filter with empty content says the safety filter blocked it", async () => {
    const events = await run(chunk({ content: "" }, "content_filter") + DONE);
    expect(last(events)).toMatchObject({ type: "finish", reason: "content_filter", note: expect.stringContaining("safety filter") });
  });

  it("S-3: an abrupt close without [DONE] ends with a stream_interrupted error", async () => {
    const events = await run(chunk({ content: "half an ans" }));
    expect(textOf(events)).toBe("half an ans");
    expect(last(events)).toMatchObject({ type: "error", error: { code: "stream_interrupted", retryable: true } });
  });
});

describe("chatEvents: events leave as their chunks arrive", () => {
  it("usage goes out when the trailing usage chunk arrives, before [DONE]; finish follows at [DONE], each once", async () => {
    let upstream!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (upstream = c) });
    const send = (wire: string) => upstream.enqueue(new TextEncoder().encode(wire));
    const events = chatEvents(body, "text/event-stream", { signal: new AbortController().signal, secrets: [] });
    send(chunk({ content: "Hello <thi" }) + chunk({}, "stop") + USAGE_CHUNK);
    const seen: ChatStreamEvent[] = [];
    for (;;) {
      const { value } = await events.next();
      seen.push(value as ChatStreamEvent);
      if (value?.type === "usage") break;
    }
    expect(textOf(seen)).toBe("Hello <thi");
    send(DONE);
    upstream.close();
    for await (const event of events) seen.push(event);
    expect(seen.filter((e) => e.type === "usage")).toHaveLength(1);
    expect(seen.slice(-2).map((e) => e.type)).toEqual(["usage", "finish"]);
  });
});

describe("chatEvents: errors inside the stream (S-3)", () => {
  const key = "sk-canary-0123456789abcdef";
  const cases: [string, string][] = [
    ["new-api relay_stream_error chunk then [DONE]", `data: {"id":"relay-error-scanner_error","object":"chat.completion.chunk","choices":[],"error":{"message":"stream relay failure: scanner_error: read tcp: connection reset by peer","type":"relay_stream_error","code":"upstream_stream_failure_scanner_error","param":null}}\n\n${DONE}`],
    ["OpenRouter top-level error with finish_reason error", `data: {"id":"cmpl-abc123","object":"chat.completion.chunk","model":"gpt-3.5-turbo","provider":"openai","error":{"code":"server_error","message":"Provider disconnected unexpectedly"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}\n\n`],
    ["LiteLLM error data line with no [DONE]", `data: {"error":{"message":"litellm.APIError: boom","type":"None","param":"None","code":"500"}}\n\n`],
    ["a bare JSON error without data:", `{"error":{"message":"upstream failed (request id: 20250208185713265160286Q0xs4itN)","type":"new_api_error","code":"bad_response_status_code"}}\n${DONE}`],
    ["a bare JSON error with no newline at the end", `{"error":{"message":"Incorrect API key ${key}","type":"new_api_error"}}`],
  ];
  for (const [name, tail] of cases) {
    it(`${name} ends with one error event after the partial text`, async () => {
      const events = await run(chunk({ content: "partial " }) + tail, 5);
      expect(textOf(events)).toBe("partial ");
      expect(last(events)).toMatchObject({ type: "error", error: { code: "stream_interrupted", retryable: true } });
      expect(events.filter((e) => e.type === "error" || e.type === "finish")).toHaveLength(1);
      expect(JSON.stringify(events)).not.toContain(key.slice(-4));
    });
  }

  it("K-3: a mid-stream error's request id is extracted and the message scrubbed", async () => {
    const events = await run(`data: {"error":{"message":"bad key sk-canar***cdef here (request id: 20250208185713265160286Q0xs4itN)"}}\n\n`);
    expect(last(events)).toMatchObject({ type: "error", error: { requestId: "20250208185713265160286Q0xs4itN", upstreamMessage: "bad key sk-*** here" } });
  });
});
