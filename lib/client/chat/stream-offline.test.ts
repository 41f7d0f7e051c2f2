// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChatStreamEvent } from "@/lib/schemas";
import { OFFLINE_MESSAGE, streamChat } from "./stream";

/**
 * fetch answering with a stream that sends one event and then stays open, as a connection does when the
 * network drops silently; aborting the request errors the body, as the browser's fetch does.
 */
function hangingFetch(onAbort: () => void = () => {}) {
  return (_url: string, init: RequestInit) => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(`data: ${JSON.stringify({ type: "text", delta: "Once upon" })}\n\n`));
        init.signal?.addEventListener("abort", () => {
          onAbort();
          c.error(new DOMException("Aborted", "AbortError"));
        });
      },
    });
    return Promise.resolve(new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } }));
  };
}

afterEach(() => vi.unstubAllGlobals());

describe("S-7 the browser goes offline mid-stream", () => {
  it("ends the stream with an offline error after the part that arrived, instead of hanging", async () => {
    let aborted = false;
    vi.stubGlobal("fetch", hangingFetch(() => (aborted = true)));
    const events: ChatStreamEvent[] = [];
    const done = streamChat({ model: "m", messages: [{ role: "user", content: "hi" }] }, new AbortController().signal, {
      onEvent: (e) => {
        events.push(e);
        window.dispatchEvent(new Event("offline"));
      },
    });
    await expect(done).rejects.toMatchObject({ info: { code: "network_error", message: OFFLINE_MESSAGE, retryable: true } });
    expect(events).toEqual([{ type: "text", delta: "Once upon" }]);
    // The request itself is aborted, so the server stops the upstream call.
    expect(aborted).toBe(true);
  });

  it("a Stop is still a stop, not an offline error", async () => {
    const stop = new AbortController();
    vi.stubGlobal("fetch", hangingFetch());
    const done = streamChat({ model: "m", messages: [{ role: "user", content: "hi" }] }, stop.signal, { onEvent: () => stop.abort() });
    await expect(done).rejects.toMatchObject({ info: { code: "aborted" } });
  });
});
