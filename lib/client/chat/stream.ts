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

/**
 * POST /api/chat and stream its events. Throws ApiError when the request fails before the stream starts
 * (bad input, 429, gateway down) or when the connection breaks; an abort throws ApiError{code:"aborted"}.
 */
export async function streamChat(request: ChatRequest, signal: AbortSignal, handlers: StreamHandlers): Promise<void> {
  const res = await apiFetch("/api/chat", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(request),
    signal,
  });
  if (!res.body) throw toApiError(new TypeError("empty body"));
  try {
    await readChatStream(res.body, handlers);
  } catch {
    if (signal.aborted) throw toApiError(new DOMException("Aborted", "AbortError"));
    throw new ApiError(
      { code: "stream_interrupted", message: "The connection was lost while the answer was arriving.", retryable: true },
      0,
    );
  }
}
