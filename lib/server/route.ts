import "server-only";
import { randomUUID } from "node:crypto";
import { appError, AppFailure } from "./failure";
import { log } from "./log";
import { errorResponse, methodNotAllowedResponse } from "./responses";

type Handler = (request: Request) => Promise<Response>;

/** A short id to quote in bug reports; ties a generic client message to the full server log line (H-3). */
export function newRequestId(): string {
  return `gs-${randomUUID().slice(0, 18)}`;
}

/**
 * Wraps a route handler: an AppFailure becomes its error envelope; anything else is logged with a request id
 * and the client gets a generic message with that id, never a stack trace (H-3).
 */
export function route(handler: Handler): Handler {
  return async (request) => {
    try {
      return await handler(request);
    } catch (err) {
      if (err instanceof AppFailure) return errorResponse(err.error, err.headers);
      const requestId = newRequestId();
      log.error("unhandled_error", { requestId, path: new URL(request.url).pathname, error: err });
      return errorResponse(appError("internal", "Something went wrong on our side. Try again; if it keeps happening, report the request id.", { requestId, retryable: true }));
    }
  };
}

/** The handler for every method a route does not serve: 405 with JSON, not Next's empty body (P-9). */
export function methodNotAllowed(allow: string): Handler {
  return async () => methodNotAllowedResponse(allow);
}

/** An abort controller that follows the browser's request signal; cancelling our response aborts it too (S-1). */
export function followAbort(signal: AbortSignal): AbortController {
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  return controller;
}
