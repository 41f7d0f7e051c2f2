import "server-only";
import { getEnv } from "@/lib/server/env";
import { AppFailure, fail } from "@/lib/server/failure";
import { log } from "@/lib/server/log";
import { mapUpstreamError } from "./errors";

/** The only upstream calls the app makes (P-1, "not an open proxy"): nothing the client sends picks the path. */
const OPERATIONS = {
  chat: { method: "POST", path: "/chat/completions" },
  images: { method: "POST", path: "/images/generations" },
  transcriptions: { method: "POST", path: "/audio/transcriptions" },
  models: { method: "GET", path: "/models" },
} as const;

export type GatewayOperation = keyof typeof OPERATIONS;

/** What every gateway call needs from the route: the key for this request and the browser's abort signal. */
export interface GatewayContext {
  key: string;
  signal: AbortSignal;
}

interface CallOptions extends GatewayContext {
  body?: string | FormData;
  accept: string;
}

export interface GatewayReply {
  status: number;
  ok: boolean;
  headers: Headers;
  requestId?: string;
  /** The upstream body; each read re-arms the idle timer. */
  body: ReadableStream<Uint8Array>;
  /** Stops the upstream request (idempotent). */
  close(): void;
}

export function upstreamTimeout(): AppFailure {
  return fail("upstream_timeout", "The gateway went silent for too long, so the request was stopped. Try again.", { retryable: true });
}

/**
 * Node's own fetch. Inside a route handler Next swaps `fetch` for a wrapper that traces each call and checks its
 * data cache; gateway calls are never cached (every route is dynamic), so that work is pure cost on each request.
 */
const upstreamFetch: typeof fetch = (input, init) => {
  const patched = globalThis.fetch as typeof fetch & { _nextOriginalFetch?: typeof fetch };
  return (patched._nextOriginalFetch ?? patched)(input, init);
};

function isSilenceAbort(reason: unknown): boolean {
  return reason instanceof AppFailure && reason.error.code === "upstream_timeout";
}

/**
 * The one transport to the gateway. Forwards only Authorization (the resolved key), Accept and, for JSON,
 * Content-Type (K-6); never follows redirects (P-4); passes the browser's abort through (S-1); and aborts an
 * upstream that stays silent longer than UPSTREAM_IDLE_TIMEOUT_MS, before or during the body (S-4).
 */
export async function gatewayFetch(operation: GatewayOperation, options: CallOptions): Promise<GatewayReply> {
  const env = getEnv();
  const { method, path } = OPERATIONS[operation];
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal.reason);
  if (options.signal.aborted) throw options.signal.reason;
  options.signal.addEventListener("abort", onAbort, { once: true });

  let timer: ReturnType<typeof setTimeout> | undefined;
  // Re-armed on every body chunk: refresh() moves the one timer instead of allocating a new one per chunk.
  const arm = () => {
    if (timer) timer.refresh();
    else timer = setTimeout(() => controller.abort(upstreamTimeout()), env.UPSTREAM_IDLE_TIMEOUT_MS);
  };
  const close = () => {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", onAbort);
    if (!controller.signal.aborted) controller.abort();
  };

  const headers: Record<string, string> = {
    Authorization: `Bearer ${options.key}`,
    Accept: options.accept,
    "User-Agent": "gateway-studio",
  };
  if (typeof options.body === "string") headers["Content-Type"] = "application/json";

  arm();
  let response: Response;
  try {
    response = await upstreamFetch(`${env.GATEWAY_BASE_URL}${path}`, {
      method,
      headers,
      body: options.body,
      redirect: "manual",
      signal: controller.signal,
    });
  } catch (err) {
    const reason = controller.signal.reason;
    close();
    if (isSilenceAbort(reason)) throw reason;
    if (options.signal.aborted) throw options.signal.reason;
    log.warn("gateway_unreachable", { operation, error: err instanceof Error ? err.message : String(err) });
    throw fail("upstream_unavailable", "Could not reach the gateway. Check the server's network or GATEWAY_BASE_URL, then try again.", {
      retryable: true,
    });
  }

  if (response.status >= 300 && response.status < 400) {
    close();
    await response.body?.cancel().catch(() => {});
    throw fail("upstream_bad_response", "The gateway answered with a redirect, which is never followed.", { upstreamStatus: response.status });
  }

  const upstream = response.body;
  const reader = upstream?.getReader();
  arm();
  const body = new ReadableStream<Uint8Array>({
    async pull(streamController) {
      if (!reader) {
        close();
        streamController.close();
        return;
      }
      try {
        const { done, value } = await reader.read();
        if (done) {
          close();
          streamController.close();
          return;
        }
        arm();
        streamController.enqueue(value);
      } catch (err) {
        const reason = controller.signal.reason;
        close();
        if (isSilenceAbort(reason)) streamController.error(reason);
        else if (options.signal.aborted) streamController.error(options.signal.reason);
        else streamController.error(err);
      }
    },
    cancel() {
      close();
      void reader?.cancel().catch(() => {});
    },
  });

  return {
    status: response.status,
    ok: response.ok,
    headers: response.headers,
    requestId: response.headers.get("x-oneapi-request-id") ?? response.headers.get("x-request-id") ?? undefined,
    body,
    close,
  };
}

/** Reads a whole (non-streamed) reply as bytes, up to `cap`; larger answers are an upstream_bad_response. */
export async function readReplyBytes(reply: GatewayReply, cap: number): Promise<Uint8Array> {
  try {
    return await readStreamBytes(reply.body, cap, reply.status);
  } finally {
    reply.close();
  }
}

export async function readStreamBytes(body: ReadableStream<Uint8Array>, cap: number, status = 200): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        await reader.cancel().catch(() => {});
        throw fail("upstream_bad_response", "The gateway's answer was larger than we accept.", { upstreamStatus: status });
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks);
}

export async function readReplyText(reply: GatewayReply, cap: number): Promise<string> {
  return new TextDecoder().decode(await readReplyBytes(reply, cap));
}

/** Throws the mapped AppFailure for a non-2xx reply (reading at most 64 KB of its body). */
export async function assertOk(reply: GatewayReply, secrets: readonly string[]): Promise<void> {
  if (reply.ok) return;
  let bodyText = "";
  try {
    bodyText = await readReplyText(reply, 64 * 1024);
  } catch {
    bodyText = "";
  }
  const error = mapUpstreamError({ status: reply.status, headers: reply.headers, bodyText, secrets });
  throw new AppFailure(error);
}

/** Parses a JSON reply, mapping unreadable bodies (HTML behind a 200, truncation) to upstream_bad_response. */
export async function readReplyJson(reply: GatewayReply, cap: number): Promise<unknown> {
  const text = await readReplyText(reply, cap);
  try {
    return JSON.parse(text);
  } catch {
    throw fail("upstream_bad_response", "The gateway sent an answer we could not read.", { retryable: true, upstreamStatus: reply.status });
  }
}
