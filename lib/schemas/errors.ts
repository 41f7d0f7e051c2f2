import { z } from "zod";

/** The one error contract shared by route handlers, the stream and the browser. */
export const ErrorCode = z.enum([
  "bad_request", // our validation refused the input
  "payload_too_large",
  "unsupported_media_type",
  "forbidden_origin",
  "access_denied", // ACCESS_CODE gate
  "rate_limited", // our own limiter or the gateway's 429
  "gateway_not_configured", // no server key and no user key
  "upstream_auth", // the gateway refused the key (401)
  "upstream_forbidden", // 403: quota exhausted, model not allowed
  "upstream_bad_request", // 400/404/422 from the gateway
  "prompt_blocked",
  "upstream_unavailable", // 5xx, no channel, HTML error pages, network failure
  "upstream_timeout", // the gateway went silent too long
  "stream_interrupted", // the stream broke after it started
  "upstream_bad_response", // the gateway answered something we cannot read
  "audio_format_rejected", // count_token_failed and friends
  "not_found",
  "method_not_allowed",
  "internal",
  "network_error", // set by the browser: our own server could not be reached
  "aborted", // set by the browser: the user stopped the request
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppError = z.object({
  code: ErrorCode,
  /** Our own plain-words message, safe to show. */
  message: z.string(),
  /** Whether trying the same request again may succeed. */
  retryable: z.boolean(),
  /** Seconds, from the gateway's or our own Retry-After. */
  retryAfter: z.number().int().nonnegative().optional(),
  /** The gateway's request id when it gave one; for `internal` errors, our own id (`gs-…`) that ties to the server log. */
  requestId: z.string().optional(),
  /** The gateway's own message, scrubbed of anything key-like, when it is worth showing. */
  upstreamMessage: z.string().optional(),
  /** The HTTP status the gateway answered with. */
  upstreamStatus: z.number().int().optional(),
});
export type AppError = z.infer<typeof AppError>;

export const ErrorEnvelope = z.object({ error: AppError });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;
