import { createParser } from "eventsource-parser";
import type { ChatRequest, ChatStreamEvent } from "@/lib/schemas";
import { asChatStreamEvent } from "@/lib/client/wire";
import { ApiError, apiFetch, toApiError } from "@/lib/client/api";

export type StreamHandlers = {
  onEvent: (event: ChatStreamEvent) => void;
  /** A `data:` line that was not one of our events: counted, never evaluated. */
  onIgnored?: (raw: string) => void;
};

/**
 * Reads the app's SSE stream (`data: <ChatStreamEvent JSON>`) and hands each valid event over in order.
 * eventsource-parser reassembles lines split across chunks, CRLF endings and comments (S-6); a picture can
 * arrive as one multi-MB line, so nothing here caps line length.
 */
export async function readChatStream(body: ReadableStream<Uint8Array>, handlers: StreamHandlers): Promise<void> {
  const parser = createParser({
    onEvent(message) {
      if (message.event && message.event !== "message") {
        handlers.onIgnored?.(message.data);
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(message.data);
      } catch {
        handlers.onIgnored?.(message.data);
        return;
      }
      const event = asChatStreamEvent(json);
      if (event) handlers.onEvent(event);
      else handlers.onIgnored?.(message.data);
    },
  });
  const reader = body.getReader();
  // stream: true keeps a UTF-8 character split across chunks intact (S-6).
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
  } finally {
    reader.releaseLock();
  }
}

/** The browser lost its network while the answer was arriving (S-7). */
export const OFFLINE_MESSAGE =
  "You went offline while the answer was arriving. The part that arrived is kept: use Continue or Retry once you are back online.";

/**
 * POST /api/chat and stream its events. Throws ApiError when the request fails before the stream starts
 * (bad input, 429, gateway down) or when the connection breaks; an abort throws ApiError{code:"aborted"}.
 * Going offline seldom breaks an open connection at once (the stream would just hang until a timeout), so
 * the browser's `offline` event ends the stream here with its own error (S-7).
 */
export async function streamChat(request: ChatRequest, signal: AbortSignal, handlers: StreamHandlers): Promise<void> {
  const offline = new AbortController();
  const onOffline = () => offline.abort();
  const win = typeof window !== "undefined" ? window : null;
  win?.addEventListener("offline", onOffline);
  const both = AbortSignal.any([signal, offline.signal]);
  const lost = (err: unknown) => {
    if (signal.aborted) return toApiError(new DOMException("Aborted", "AbortError"));
    if (offline.signal.aborted) return new ApiError({ code: "network_error", message: OFFLINE_MESSAGE, retryable: true }, 0);
    return err;
  };
  try {
    let res: Response;
    try {
      res = await apiFetch("/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify(request),
        signal: both,
      });
    } catch (err) {
      throw lost(err);
    }
    if (!res.body) throw toApiError(new TypeError("empty body"));
    try {
      await readChatStream(res.body, handlers);
    } catch {
      throw lost(
        new ApiError({ code: "stream_interrupted", message: "The connection was lost while the answer was arriving.", retryable: true }, 0),
      );
    }
  } finally {
    win?.removeEventListener("offline", onOffline);
  }
}
