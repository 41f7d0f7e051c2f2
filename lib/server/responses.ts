import "server-only";
import type { z } from "zod";
import type { AppError } from "@/lib/schemas/errors";
import { appError, httpStatusFor } from "./failure";

const BASE_HEADERS = {
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
};

/**
 * Below this size an answer is sent as it is. `next start` gzips every response whose client accepts it (it
 * drops our Content-Length, so the compressor's own 1 KB floor never applies), and a zlib stream costs ~1.5 ms
 * per response here while a few KB leave in the first round trip anyway. `no-transform` is the standard way
 * to ask a compressor to leave a body alone.
 */
const UNCOMPRESSED_MAX_BYTES = 4 * 1024;

export function jsonResponse(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const body = Buffer.from(JSON.stringify(data));
  const small = body.byteLength <= UNCOMPRESSED_MAX_BYTES;
  return new Response(body, {
    status: init.status ?? 200,
    headers: {
      ...BASE_HEADERS,
      ...(small ? { "Cache-Control": "no-store, no-transform" } : {}),
      "Content-Length": String(body.byteLength),
      ...init.headers,
    },
  });
}

/** The one error envelope, `{ error: AppError }`, with the status that matches its code. */
export function errorResponse(error: AppError, headers: Record<string, string> = {}): Response {
  const extra = error.retryAfter !== undefined ? { "Retry-After": String(error.retryAfter), ...headers } : headers;
  return jsonResponse({ error }, { status: httpStatusFor(error.code), headers: extra });
}

/** 400 naming each zod issue by path, e.g. `messages.0.content: Invalid input`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

export function methodNotAllowedResponse(allow: string): Response {
  return errorResponse(appError("method_not_allowed", `This endpoint only accepts ${allow}.`), { Allow: allow });
}
