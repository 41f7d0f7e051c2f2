import "server-only";
import type { ChatStreamEvent } from "@/lib/schemas/chat";
import { appError } from "./failure";
import { log } from "./log";
import { newRequestId } from "./route";

export const HEARTBEAT_MS = 15_000;

/**
 * How long one answer may stream, for a route whose platform limit (`maxDuration`) is `maxDurationS` seconds:
 * 20 s less, so the app ends the answer itself (S-5) before the platform cuts the connection mid-event.
 */
export const streamDeadlineMs = (maxDurationS: number) => Math.max(1, maxDurationS - 20) * 1000;

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-store, no-transform",
  "X-Accel-Buffering": "no",
  "X-Content-Type-Options": "nosniff",
};

/**
 * Streams chat events as `data: <json>\n\n`, each one as soon as it is produced. A `: ping` comment goes out
 * whenever nothing was written for `heartbeatMs`, so proxies and platforms keep the connection open while the
 * gateway is silent. The last event is always `finish` or `error`. Cancelling the response aborts `abort`, which
 * the gateway call listens to (S-1).
 */
export function sseResponse(
  events: AsyncGenerator<ChatStreamEvent>,
  options: { abort: AbortController; heartbeatMs?: number; deadlineMs?: number },
): Response {
  const encoder = new TextEncoder();
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  let timer: ReturnType<typeof setInterval> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let lastWrite = Date.now();
      let ended = false;
      // The first event of each turn of the event loop goes out at once; further answer deltas produced in the same
      // turn (an upstream burst parsed from one read) are joined into one chunk at the end of that turn. Every
      // enqueue costs a trip through Next's stream pipe and a socket write, so a burst would otherwise make hundreds
      // of both, while deltas that arrive apart still leave apart and none waits for the next upstream read. Any
      // other event (start, usage, finish, a picture, an error, a ping) is its own write, after what was pending:
      // the upstream sends its trailer (usage, then [DONE]) as two writes, and so does this stream.
      let pending = "";
      let turn: ReturnType<typeof setImmediate> | undefined;
      const enqueue = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          ended = true;
        }
      };
      const flush = () => {
        if (ended || !pending) return;
        const text = pending;
        pending = "";
        enqueue(text);
      };
      const endTurn = () => {
        turn = undefined;
        flush();
      };
      const write = (text: string, joinable = false) => {
        if (ended) return;
        lastWrite = Date.now();
        if (!joinable) {
          flush();
          enqueue(text);
        } else if (turn) pending += text;
        else {
          turn = setImmediate(endTurn);
          enqueue(text);
        }
      };
      timer = setInterval(() => {
        if (Date.now() - lastWrite >= heartbeatMs - 50) write(": ping\n\n");
      }, Math.max(50, Math.floor(heartbeatMs / 3)));

      // S-5: past the deadline the answer ends with a finish the reader can Continue from, and the upstream call
      // is aborted, instead of the platform cutting the connection with no word. Written and closed here, not
      // after the loop, so a generator that is slow to notice the abort cannot hold the stream past its limit.
      if (options.deadlineMs) {
        const seconds = Math.round(options.deadlineMs / 1000);
        const limit = seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
        deadline = setTimeout(() => {
          if (ended) return;
          const finish: ChatStreamEvent = {
            type: "finish",
            reason: "incomplete",
            note: `The answer reached this server's time limit for one answer (${limit}) and was cut here. Continue to carry on from this point.`,
          };
          // Not joinable: it flushes what was pending before it goes out.
          write(`data: ${JSON.stringify(finish)}\n\n`);
          if (turn) clearImmediate(turn);
          ended = true;
          clearInterval(timer);
          try {
            controller.close();
          } catch {
            // already cancelled by the client
          }
          options.abort.abort();
          void events.return(undefined).catch(() => {});
        }, options.deadlineMs);
      }

      let terminal = false;
      try {
        for await (const event of events) {
          write(`data: ${JSON.stringify(event)}\n\n`, event.type === "text" || event.type === "reasoning");
          if (event.type === "finish" || event.type === "error") terminal = true;
        }
        if (!terminal && !options.abort.signal.aborted) {
          write(`data: ${JSON.stringify({ type: "error", error: appError("stream_interrupted", "The answer ended unexpectedly.", { retryable: true }) })}\n\n`);
        }
      } catch (err) {
        const requestId = newRequestId();
        if (!options.abort.signal.aborted) log.error("chat_stream_failed", { requestId, error: err });
        write(`data: ${JSON.stringify({ type: "error", error: appError("internal", "Something went wrong on our side while streaming. Try again; if it keeps happening, report the request id.", { requestId, retryable: true }) })}\n\n`);
      } finally {
        clearInterval(timer);
        clearTimeout(deadline);
        if (turn) clearImmediate(turn);
        flush();
        ended = true;
        try {
          controller.close();
        } catch {
          // already cancelled by the client
        }
      }
    },
    cancel() {
      clearInterval(timer);
      clearTimeout(deadline);
      options.abort.abort();
      void events.return(undefined).catch(() => {});
    },
  });
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}
