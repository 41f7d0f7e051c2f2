import "server-only";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { pipeline, type Readable, type Transform } from "node:stream";
import zlib from "node:zlib";
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
 * node:http with one keep-alive pool per protocol rather than `fetch`: a chat turn reuses a warm connection
 * (no TCP or TLS handshake), and a request skips undici's fetch layer (Request/Headers objects, a body stream
 * for a string, a second web stream for the answer), which cost ~2 ms of time to first byte per call here.
 * Redirects are never followed by node:http (P-4). An idle connection is kept 30 s (less when the gateway's
 * Keep-Alive header says so): long enough to span a person reading an answer and typing the next question.
 */
const POOL = { keepAlive: true, maxFreeSockets: 32, timeout: 30_000 };
const AGENTS = { "http:": new http.Agent(POOL), "https:": new https.Agent(POOL) };

/** JSON answers may come compressed (model lists, base64 pictures); an event stream is asked for as-is, so no zlib window holds events back. */
const ACCEPT_ENCODING = { stream: "identity", json: "gzip, deflate, br" };

function decoded(response: IncomingMessage): Readable {
  const encoding = response.headers["content-encoding"]?.trim().toLowerCase();
  // Flushing after every input chunk, so a compressed stream still arrives as it comes.
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  let inflate: Transform | undefined;
  if (encoding === "gzip" || encoding === "x-gzip") inflate = zlib.createGunzip(flush);
  else if (encoding === "deflate") inflate = zlib.createInflate(flush);
  else if (encoding === "br") inflate = zlib.createBrotliDecompress();
  if (!inflate) return response;
  // pipeline ends the decoder with an error when the answer breaks off, so a reader never waits forever.
  return pipeline(response, inflate, () => {});
}

function isSilenceAbort(reason: unknown): boolean {
  return reason instanceof AppFailure && reason.error.code === "upstream_timeout";
}

/** The request body as bytes, and the headers that describe it. */
async function encodeBody(body: CallOptions["body"]): Promise<{ bytes?: Buffer; headers: Record<string, string> }> {
  if (body === undefined) return { headers: {} };
  if (typeof body === "string") {
    const bytes = Buffer.from(body);
    return { bytes, headers: { "Content-Type": "application/json", "Content-Length": String(bytes.byteLength) } };
  }
  // The platform's multipart encoder picks the boundary; a Content-Length lets the gateway see the size up front.
  const encoded = new Response(body);
  const bytes = Buffer.from(await encoded.arrayBuffer());
  return { bytes, headers: { "Content-Type": encoded.headers.get("content-type")!, "Content-Length": String(bytes.byteLength) } };
}

/**
 * One request on the pool. A kept-alive connection the gateway has just closed fails before any answer with
 * ECONNRESET/EPIPE; that request never reached the gateway, so it is sent once more on a fresh connection.
 */
function send(url: URL, method: string, headers: Record<string, string>, bytes: Buffer | undefined, signal: AbortSignal, retry = true): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const agent = AGENTS[url.protocol as keyof typeof AGENTS];
    const request = (url.protocol === "https:" ? https : http).request(url, { method, headers, agent }, (response) => {
      answered = true;
      signal.removeEventListener("abort", onAbort);
      resolve(response);
    });
    const onAbort = () => request.destroy(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    // Kept for the request's whole life: a socket error mid-answer is reported here too (the answer's reader
    // sees it as well), and an 'error' with no listener would take the process down.
    request.on("error", (err: NodeJS.ErrnoException) => {
      if (answered) return;
      answered = true;
      signal.removeEventListener("abort", onAbort);
      const stale = retry && request.reusedSocket && (err.code === "ECONNRESET" || err.code === "EPIPE") && !signal.aborted;
      if (stale) send(url, method, headers, bytes, signal, false).then(resolve, reject);
      else reject(err);
    });
    request.end(bytes);
  });
}

function headersOf(response: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = response.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

/**
 * The one transport to the gateway. Forwards only Authorization (the resolved key), Accept and, for a body,
 * Content-Type and Content-Length (K-6); never follows redirects (P-4); passes the browser's abort through (S-1);
 * and aborts an upstream that stays silent longer than UPSTREAM_IDLE_TIMEOUT_MS, before or during the body (S-4).
 */
export async function gatewayFetch(operation: GatewayOperation, options: CallOptions): Promise<GatewayReply> {
  const env = getEnv();
  const { method, path } = OPERATIONS[operation];
  if (options.signal.aborted) throw options.signal.reason;
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal.reason);
  options.signal.addEventListener("abort", onAbort, { once: true });

  let timer: ReturnType<typeof setTimeout> | undefined;
  // Re-armed on every body chunk: refresh() moves the one timer instead of allocating a new one per chunk.
  const arm = () => {
    if (timer) timer.refresh();
    else timer = setTimeout(() => controller.abort(upstreamTimeout()), env.UPSTREAM_IDLE_TIMEOUT_MS);
  };
  let response: IncomingMessage | undefined;
  let ended = false;
  const close = () => {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", onAbort);
    // An answer read to its end leaves its connection in the pool; anything else closes it, so the gateway stops.
    if (!ended) response?.destroy();
    if (!controller.signal.aborted) controller.abort();
  };

  arm();
  try {
    const { bytes, headers: bodyHeaders } = await encodeBody(options.body);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${options.key}`,
      Accept: options.accept,
      "Accept-Encoding": options.accept === "text/event-stream" ? ACCEPT_ENCODING.stream : ACCEPT_ENCODING.json,
      "User-Agent": "gateway-studio",
      ...bodyHeaders,
    };
    response = await send(new URL(`${env.GATEWAY_BASE_URL}${path}`), method, headers, bytes, controller.signal);
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

  const status = response.statusCode ?? 0;
  if (status >= 300 && status < 400) {
    close();
    throw fail("upstream_bad_response", "The gateway answered with a redirect, which is never followed.", { upstreamStatus: status });
  }

  const upstream = response;
  controller.signal.addEventListener("abort", () => upstream.destroy(), { once: true });
  const source = decoded(upstream);
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  arm();
  const body = new ReadableStream<Uint8Array>({
    async pull(streamController) {
      try {
        const { done, value } = await chunks.next();
        if (done) {
          ended = true;
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
      source.destroy();
    },
  });

  const headers = headersOf(upstream);
  return {
    status,
    ok: status >= 200 && status < 300,
    headers,
    requestId: headers.get("x-oneapi-request-id") ?? headers.get("x-request-id") ?? undefined,
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
