import "server-only";
import type { AppError, ErrorCode } from "@/lib/schemas/errors";

/** An error that already knows what the browser should be told. Thrown by lib/gateway and lib/server, turned into a response by `route()`. */
export class AppFailure extends Error {
  readonly error: AppError;
  readonly headers: Record<string, string>;

  constructor(error: AppError, headers: Record<string, string> = {}) {
    super(`${error.code}: ${error.message}`);
    this.name = "AppFailure";
    this.error = error;
    this.headers = headers;
  }
}

export function appError(code: ErrorCode, message: string, extra: Partial<AppError> = {}): AppError {
  return { code, message, retryable: false, ...extra };
}

export function fail(code: ErrorCode, message: string, extra: Partial<AppError> = {}): AppFailure {
  return new AppFailure(appError(code, message, extra));
}

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  forbidden_origin: 403,
  access_denied: 401,
  rate_limited: 429,
  gateway_not_configured: 503,
  upstream_auth: 502,
  upstream_forbidden: 403,
  upstream_bad_request: 400,
  prompt_blocked: 400,
  upstream_unavailable: 502,
  upstream_timeout: 504,
  stream_interrupted: 502,
  upstream_bad_response: 502,
  audio_format_rejected: 415,
  not_found: 404,
  method_not_allowed: 405,
  internal: 500,
  // Set by the browser only; listed so every code has a status.
  network_error: 502,
  aborted: 499,
};

/** The HTTP status our own API answers with for each error code. */
export function httpStatusFor(code: ErrorCode): number {
  return STATUS[code];
}
