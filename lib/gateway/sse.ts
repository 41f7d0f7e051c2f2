import "server-only";
import { createParser } from "eventsource-parser";

export type SseItem =
  /** A spec SSE event (`event` is undefined for plain `data:` lines). */
  | { kind: "event"; event?: string; data: string }
  /** A bare JSON line with no `data:` prefix, which spec parsers drop (protocol §3.5). */
  | { kind: "bare"; data: string };

/**
 * Turns the upstream byte stream into SSE items. Byte chunks may split UTF-8 characters, lines and `data: `
 * anywhere; CRLF, comments and blank lines are handled by eventsource-parser. A line that starts with `{` is a
 * field the spec does not know, so the parser reports it through onError: that is where bare JSON is caught.
 */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseItem> {
  const queue: SseItem[] = [];
  const parser = createParser({
    onEvent: (event) => queue.push({ kind: "event", event: event.event, data: event.data }),
    onError: (error) => {
      const line = error.type === "unknown-field" ? error.line?.trim() : undefined;
      if (line?.startsWith("{")) queue.push({ kind: "bare", data: line });
    },
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      while (queue.length > 0) yield queue.shift()!;
    }
    // A last line or event without its terminating newline still counts.
    parser.feed(`${decoder.decode()}\n\n`);
    while (queue.length > 0) yield queue.shift()!;
  } finally {
    reader.releaseLock();
  }
}
