import "server-only";
import { createHash } from "node:crypto";
import type { ChatRequest, ChatStreamEvent, FinishReason, Usage } from "@/lib/schemas/chat";
import type { AppError } from "@/lib/schemas/errors";
import { getEnv } from "@/lib/server/env";
import { AppFailure, appError } from "@/lib/server/failure";
import { demoChat } from "./demo";
import { ContentScanner, type ContentPiece } from "./content-scanner";
import { mapStreamError } from "./errors";
import { fetchRemoteImage } from "./remote-image";
import { sniffImage } from "./sniff";
import { readSse } from "./sse";
import { assertOk, gatewayFetch, readStreamBytes, type GatewayContext } from "./transport";

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)?((?:;[\w.+-]+=[\w.+-]+)*);base64,/i;

const NOTES = {
  incomplete: "The gateway ended the answer without saying it was complete, so it may be cut off.",
  lengthEmpty: "The model ran out of tokens before it produced an answer or a picture; raise max tokens (image models need ~4096+).",
  length: "The answer was cut off at the max tokens limit; raise max tokens to get more.",
  filterEmpty: "The provider's safety filter blocked this answer, or the model produced no picture. Try rephrasing the prompt.",
  filter: "The provider's safety filter stopped this answer early.",
  empty: "The model returned an empty answer.",
} as const;

function finishReasonOf(raw: string): FinishReason | "error" {
  const r = raw.toLowerCase();
  if (r === "length" || r === "max_tokens") return "length";
  if (r === "content_filter" || r.includes("safety") || r === "prohibited_content" || r === "no_image") return "content_filter";
  if (r === "tool_calls" || r === "function_call") return "tool_calls";
  if (r === "error") return "error";
  return "stop";
}

function count(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? Math.round(v) : undefined;
}

function usageOf(raw: Json): Usage | undefined {
  const prompt = count(raw.prompt_tokens) ?? count(raw.input_tokens);
  const completion = count(raw.completion_tokens) ?? count(raw.output_tokens);
  if (prompt === undefined && completion === undefined) return undefined;
  const details = isRecord(raw.completion_tokens_details) ? raw.completion_tokens_details : {};
  const usage: Usage = {
    promptTokens: prompt ?? 0,
    completionTokens: completion ?? 0,
    totalTokens: count(raw.total_tokens) ?? (prompt ?? 0) + (completion ?? 0),
  };
  const reasoning = count(details.reasoning_tokens);
  const image = count(details.image_tokens);
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  if (image !== undefined) usage.imageTokens = image;
  return usage;
}

/** The url of one `images[]` / content-part item in any of the shapes seen (§2.3–2.5). */
function imageUrlOf(item: unknown): string | undefined {
  if (typeof item === "string") return item;
  if (!isRecord(item)) return undefined;
  if (isRecord(item.image_url) && typeof item.image_url.url === "string") return item.image_url.url;
  if (typeof item.image_url === "string") return item.image_url;
  if (typeof item.url === "string") return item.url;
  return undefined;
}

/**
 * Turns upstream chunks (any gateway's shape) into the app's events. Stateful: it holds partial tags and
 * pictures across deltas, emits each picture once however many shapes carried it, and decides the finish.
 */
export class ChatNormalizer {
  private readonly scanner = new ContentScanner();
  private readonly seenImages = new Set<string>();
  private readonly seenLinks = new Set<string>();
  private finish: FinishReason | "error" | undefined;
  private usage: Usage | undefined;
  private sentUsage: Usage | undefined;
  private produced = false;
  failed = false;

  constructor(private readonly context: { signal: AbortSignal; secrets: readonly string[] }) {}

  async *push(chunk: unknown): AsyncGenerator<ChatStreamEvent> {
    if (!isRecord(chunk) || this.failed) return;
    if (isRecord(chunk.usage)) this.usage = usageOf(chunk.usage) ?? this.usage;
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    const choice = choices.find((c) => isRecord(c) && (c.index === 0 || c.index === undefined)) ?? choices[0];
    if (isRecord(choice)) {
      const delta = isRecord(choice.delta) ? choice.delta : isRecord(choice.message) ? choice.message : {};
      yield* this.delta(delta);
      if (typeof choice.finish_reason === "string" && choice.finish_reason) this.finish = finishReasonOf(choice.finish_reason);
    }
    if (chunk.error !== undefined && chunk.error !== null) {
      yield* this.flushHeld();
      this.failed = true;
      yield { type: "error", error: mapStreamError(chunk.error, this.context.secrets) };
      return;
    }
    // The trailing usage chunk (no choices, after the finish reason): the answer is over, so usage goes out as
    // it arrives instead of waiting for [DONE] to leave in one write with `finish`.
    if (this.usage && choices.length === 0 && this.finish !== undefined && this.finish !== "error") {
      yield* this.flushHeld();
      this.sentUsage = this.usage;
      yield { type: "usage", usage: this.usage };
    }
  }

  private async *delta(delta: Json): AsyncGenerator<ChatStreamEvent> {
    const reasoning =
      typeof delta.reasoning_content === "string" && delta.reasoning_content
        ? delta.reasoning_content
        : typeof delta.reasoning === "string"
          ? delta.reasoning
          : "";
    if (reasoning) yield { type: "reasoning", delta: reasoning };
    if (typeof delta.content === "string") yield* this.pieces(this.scanner.push(delta.content));
    else if (Array.isArray(delta.content)) {
      for (const part of delta.content) {
        if (isRecord(part) && part.type === "text" && typeof part.text === "string") yield* this.pieces(this.scanner.push(part.text));
        else if (isRecord(part) && (part.type === "image_url" || part.image_url !== undefined)) yield* this.image(imageUrlOf(part));
      }
    }
    if (Array.isArray(delta.images)) for (const item of delta.images) yield* this.image(imageUrlOf(item));
  }

  private async *pieces(pieces: ContentPiece[]): AsyncGenerator<ChatStreamEvent> {
    for (const piece of pieces) {
      if (piece.kind === "text") {
        if (piece.text.trim()) this.produced = true;
        yield { type: "text", delta: piece.text };
      } else if (piece.kind === "reasoning") yield { type: "reasoning", delta: piece.text };
      else if (piece.kind === "cut-image") {
        this.produced = true;
        yield { type: "image_unavailable", notice: "A picture was cut off before it finished arriving." };
      } else if (DATA_URL.test(piece.url)) yield* this.image(piece.url);
      else {
        this.produced = true;
        yield { type: "text", delta: piece.raw };
      }
    }
  }

  /** One picture from a data URL or a link, emitted at most once (X-5: only real raster bytes). */
  private async *image(url: string | undefined): AsyncGenerator<ChatStreamEvent> {
    if (!url) return;
    this.produced = true;
    const match = DATA_URL.exec(url);
    if (!match) {
      if (this.seenLinks.has(url)) return;
      this.seenLinks.add(url);
      const fetched = await fetchRemoteImage(url, this.context.signal);
      if (!fetched.ok) yield { type: "image_unavailable", notice: fetched.notice };
      else if (this.firstTime(fetched.data)) yield { type: "image", mime: fetched.mime, data: fetched.data };
      return;
    }
    const bytes = Buffer.from(url.slice(match[0].length).replace(/\s+/g, ""), "base64");
    const mime = sniffImage(bytes);
    if (!mime) {
      yield { type: "image_unavailable", notice: "The model sent a file that is not a PNG, JPEG, WebP or GIF picture, so it is not shown." };
      return;
    }
    const data = bytes.toString("base64");
    if (this.firstTime(data)) yield { type: "image", mime, data };
  }

  private firstTime(base64: string): boolean {
    const digest = createHash("sha256").update(base64).digest("hex");
    if (this.seenImages.has(digest)) return false;
    this.seenImages.add(digest);
    return true;
  }

  private async *flushHeld(): AsyncGenerator<ChatStreamEvent> {
    yield* this.pieces(this.scanner.end());
  }

  /** The stream is over: flush what is held, then usage, then exactly one `finish` or `error`. */
  async *end(sawDone: boolean): AsyncGenerator<ChatStreamEvent> {
    if (this.failed) return;
    yield* this.flushHeld();
    if (this.usage && this.usage !== this.sentUsage) yield { type: "usage", usage: this.usage };
    const reason = this.finish;
    if (reason === "error") {
      yield { type: "error", error: appError("stream_interrupted", "The answer broke off: the gateway reported an error partway through.", { retryable: true }) };
    } else if (reason === undefined) {
      if (sawDone) yield { type: "finish", reason: "incomplete", note: NOTES.incomplete };
      else yield { type: "error", error: interrupted() };
    } else if (reason === "length") yield { type: "finish", reason, note: this.produced ? NOTES.length : NOTES.lengthEmpty };
    else if (reason === "content_filter") yield { type: "finish", reason, note: this.produced ? NOTES.filter : NOTES.filterEmpty };
    else if (reason === "stop" && !this.produced) yield { type: "finish", reason, note: NOTES.empty };
    else yield { type: "finish", reason };
  }
}

function interrupted(): AppError {
  return appError("stream_interrupted", "The connection to the gateway closed before the answer finished.", { retryable: true });
}

/** The upstream request body: always streamed, always with usage (new-api only sends usage when asked). */
export function chatUpstreamBody(request: ChatRequest): string {
  return JSON.stringify({ ...request, stream: true, stream_options: { include_usage: true } });
}

/**
 * Chat, as the app's own event stream. Never throws for gateway trouble: every failure, before or during the
 * stream, becomes a final `error` event, and a browser abort simply ends the generator.
 */
export async function* streamChat(request: ChatRequest, context: GatewayContext): AsyncGenerator<ChatStreamEvent> {
  if (getEnv().DEMO_MODE) return yield* demoChat(request, context.signal);
  const secrets = [context.key];
  let reply;
  try {
    reply = await gatewayFetch("chat", { ...context, body: chatUpstreamBody(request), accept: "text/event-stream" });
    await assertOk(reply, secrets);
  } catch (err) {
    if (context.signal.aborted) return;
    if (err instanceof AppFailure) yield { type: "error", error: err.error };
    else throw err;
    return;
  }
  yield { type: "start", model: request.model, ...(reply.requestId ? { requestId: reply.requestId } : {}) };
  try {
    yield* chatEvents(reply.body, reply.headers.get("content-type") ?? "", { signal: context.signal, secrets });
  } finally {
    reply.close();
  }
}

/** The events of one upstream 200 answer: an SSE stream, or one chat.completion JSON from a gateway that ignored `stream`. */
export async function* chatEvents(
  body: ReadableStream<Uint8Array>,
  contentType: string,
  context: { signal: AbortSignal; secrets: readonly string[] },
): AsyncGenerator<ChatStreamEvent> {
  const normalizer = new ChatNormalizer(context);
  let sawDone = false;
  try {
    if (/json/i.test(contentType)) {
      yield* normalizer.push(JSON.parse(new TextDecoder().decode(await readStreamBytes(body, 64 * 1024 * 1024))));
      sawDone = true;
    } else {
      for await (const item of readSse(body)) {
        if (item.kind === "event" && item.data.trim() === "[DONE]") {
          sawDone = true;
          continue;
        }
        if (sawDone) continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(item.data);
        } catch {
          continue; // malformed data is skipped, never evaluated
        }
        if (item.kind === "event" && item.event === "error") parsed = isRecord(parsed) && parsed.error !== undefined ? parsed : { error: parsed };
        else if (item.kind === "event" && item.event !== undefined && item.event !== "message") continue;
        yield* normalizer.push(parsed);
        if (normalizer.failed) return;
      }
    }
  } catch (err) {
    if (context.signal.aborted) return;
    if (!sawDone) {
      yield* flushThenFail(normalizer, err instanceof AppFailure ? err.error : interrupted());
      return;
    }
  }
  yield* normalizer.end(sawDone);
}

async function* flushThenFail(normalizer: ChatNormalizer, error: AppError): AsyncGenerator<ChatStreamEvent> {
  for await (const event of normalizer.end(true)) {
    if (event.type === "finish" || event.type === "usage" || event.type === "error") continue;
    yield event;
  }
  yield { type: "error", error };
}
