import "server-only";
import { checkAccess } from "./access";
import { appError } from "./failure";
import { checkRateLimit } from "./rate-limit";
import { errorResponse } from "./responses";

export type GuardedRoute = "chat" | "images" | "transcriptions" | "models";

interface GuardOptions {
  route: GuardedRoute;
}

/** One check: a Response to refuse the request, or null to let it through. */
type Check = (request: Request, options: GuardOptions) => Response | null | Promise<Response | null>;

const BODY_TYPES: Record<GuardedRoute, string | null> = {
  chat: "application/json",
  images: "application/json",
  transcriptions: "multipart/form-data",
  models: null,
};

/**
 * P-7: route handlers get no built-in Origin check, so a POST from another site is refused. Requests without
 * Origin (curl, server-to-server) pass unless the browser marks them cross-site.
 */
const sameOrigin: Check = (request) => {
  if (request.method === "GET" || request.method === "HEAD") return null;
  const denied = () => errorResponse(appError("forbidden_origin", "Requests from other sites are not allowed."));
  if (request.headers.get("sec-fetch-site") === "cross-site") return denied();
  const origin = request.headers.get("origin");
  if (origin === null) return null;
  if (!URL.canParse(origin)) return denied();
  const originHost = new URL(origin).host;
  const hosts = [request.headers.get("host"), request.headers.get("x-forwarded-host"), new URL(request.url).host];
  return hosts.includes(originHost) ? null : denied();
};

/** P-7: a "simple" cross-site POST (text/plain, urlencoded) is refused before its body is read. */
const contentType: Check = (request, { route }) => {
  const expected = BODY_TYPES[route];
  if (!expected || request.method === "GET" || request.method === "HEAD") return null;
  const actual = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (actual === expected) return null;
  return errorResponse(appError("unsupported_media_type", `This endpoint expects ${expected}.`));
};

/**
 * The checks every AI route runs first, in order. Extension seam: the access code (P-5/P-6) and per-client
 * rate limits (C-1) go into this list as further `Check`s.
 */
const CHECKS: Check[] = [sameOrigin, contentType, checkAccess, (request, { route }) => checkRateLimit(request, route)];

/** Call first in every AI route: `const denied = await guard(request, { route: "chat" }); if (denied) return denied;` */
export async function guard(request: Request, options: GuardOptions): Promise<Response | null> {
  for (const check of CHECKS) {
    const denied = await check(request, options);
    if (denied) return denied;
  }
  return null;
}
