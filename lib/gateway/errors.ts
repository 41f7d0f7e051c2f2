import "server-only";
import type { AppError } from "@/lib/schemas/errors";
import { appError } from "@/lib/server/failure";
import { scrubSecrets } from "@/lib/server/log";

/** new-api appends ` (request id: 20250208185713265160286Q0xs4itN)` to every message. */
const REQUEST_ID_SUFFIX = /\s*[(（]request id:\s*([\w-]{4,64})[)）]\s*$/i;
const MAX_UPSTREAM_MESSAGE = 300;

export interface UpstreamErrorDetail {
  message?: string;
  code?: string;
  type?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Pulls message / code / type out of every error body shape seen: OpenAI, new-api, LiteLLM, OpenRouter, `{success:false}`. */
export function readErrorBody(body: unknown): UpstreamErrorDetail | undefined {
  if (!isRecord(body)) return undefined;
  const inner = isRecord(body.error) ? body.error : typeof body.error === "string" ? { message: body.error } : undefined;
  const source = inner ?? (body.success === false || typeof body.message === "string" ? body : undefined);
  if (!source) return undefined;
  const code = source.code;
  return {
    message: typeof source.message === "string" ? source.message : undefined,
    code: typeof code === "string" || typeof code === "number" ? String(code) : undefined,
    type: typeof source.type === "string" ? source.type : undefined,
  };
}

/** Splits off new-api's request id suffix and scrubs anything key-like (K-3). */
export function cleanUpstreamMessage(message: string | undefined, secrets: readonly string[]): { text?: string; requestId?: string } {
  if (!message) return {};
  const match = REQUEST_ID_SUFFIX.exec(message);
  const bare = match ? message.slice(0, match.index) : message;
  const text = scrubSecrets(bare.trim(), secrets).slice(0, MAX_UPSTREAM_MESSAGE) || undefined;
  return { text, requestId: match?.[1] };
}

/** Retry-After as whole seconds, from either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Math.min(Number(value.trim()), 86_400);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.min(Math.ceil((date - Date.now()) / 1000), 86_400));
}

const AUDIO_CODES = new Set(["count_token_failed", "count_audio_tokens_failed"]);
const QUOTA = /quota|额度|余额|balance|insufficient/i;

interface UpstreamFailure {
  status: number;
  headers: Headers;
  bodyText: string;
  /** Keys used for the call: scrubbed from anything relayed, with their fragments. */
  secrets: readonly string[];
}

/**
 * The one mapper from an upstream failure (status, headers, body) to the app's error. Our own message always
 * says what happened; the gateway's message (scrubbed) and request id ride along when they exist, except on
 * 401, whose text may echo the key (K-3).
 */
export function mapUpstreamError({ status, headers, bodyText, secrets }: UpstreamFailure): AppError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    parsed = undefined;
  }
  const detail = readErrorBody(parsed);
  const { text, requestId: fromMessage } = cleanUpstreamMessage(detail?.message, secrets);
  const requestId = fromMessage ?? headers.get("x-oneapi-request-id") ?? headers.get("x-request-id") ?? undefined;
  const retryAfter = parseRetryAfter(headers.get("retry-after"));
  const code = detail?.code ?? "";
  const base = { requestId: requestId ? scrubSecrets(requestId, secrets) : undefined, upstreamStatus: status };
  const relayed = { ...base, upstreamMessage: text };

  if (status === 401) {
    return appError("upstream_auth", "The gateway refused the API key. Check the key in Settings or GATEWAY_API_KEY on the server.", base);
  }
  if (AUDIO_CODES.has(code) || /audio format|duration pars|ParseFloat/i.test(detail?.message ?? "")) {
    return appError("audio_format_rejected", "The gateway could not measure this recording's length, which it needs before transcribing. Converting it to WAV usually fixes this.", relayed);
  }
  // OpenAI-style image refusals (`content_policy_violation`, `moderation_blocked`) are the same outcome as
  // new-api's prompt_blocked: retrying the same prompt cannot help, rephrasing can.
  if (code === "prompt_blocked" || /^(content_policy_violation|moderation_blocked)$/.test(code) || detail?.type === "content_policy_violation") {
    return appError("prompt_blocked", "The provider blocked this prompt. Rephrase it and try again.", relayed);
  }
  if (status === 429) {
    return appError("rate_limited", "The gateway is rate-limiting requests. Wait a moment and try again.", { ...relayed, retryable: true, retryAfter });
  }
  if (status === 403) {
    const quota = code === "insufficient_user_quota" || QUOTA.test(detail?.message ?? "");
    return appError(
      "upstream_forbidden",
      quota ? "The gateway account has run out of balance or quota." : "This key is not allowed to use this model.",
      relayed,
    );
  }
  if (status === 413) {
    return appError("payload_too_large", "The gateway refused the request as too large.", relayed);
  }
  if (status === 408 || status === 504 || status === 524) {
    return appError("upstream_timeout", "The gateway took too long to answer. Try again.", { ...relayed, retryable: true, retryAfter });
  }
  if (status >= 500 || parsed === undefined) {
    const message =
      status === 503 ? "No provider is available for this model right now. Try again later or pick another model." : "The gateway is having trouble right now. Try again in a moment.";
    return appError("upstream_unavailable", message, { ...relayed, retryable: true, retryAfter });
  }
  if (status >= 400) {
    return appError("upstream_bad_request", "The gateway did not accept this request.", relayed);
  }
  return appError("upstream_bad_response", "The gateway sent an answer we could not read.", { ...relayed, retryable: true });
}

/** An error reported inside a stream that already answered 200. */
export function mapStreamError(error: unknown, secrets: readonly string[]): AppError {
  const detail = readErrorBody({ error }) ?? {};
  const { text, requestId } = cleanUpstreamMessage(detail.message, secrets);
  return appError("stream_interrupted", "The answer broke off: the gateway reported an error partway through.", {
    retryable: true,
    upstreamMessage: text,
    requestId,
  });
}
