import "server-only";
import { ACCESS_COOKIE, ACCESS_MAX_AGE_S, readCookie, verifyAccessToken } from "./access-token";
import { clientId } from "./client-id";
import { USER_KEY_HEADER } from "./credentials";
import { getEnv } from "./env";
import { appError } from "./failure";
import { getCounterStore } from "./limits-store";
import { log } from "./log";
import { errorResponse } from "./responses";

/** P-6: guesses of the access code allowed per client per window, counting every attempt. */
export const UNLOCK_ATTEMPTS = { limit: 20, windowMs: 60_000 } as const;

/** The verified session id of this request's access cookie, or null (also when no ACCESS_CODE is set). */
export function accessSession(request: Request): string | null {
  const code = getEnv().ACCESS_CODE;
  if (!code) return null;
  return verifyAccessToken(readCookie(request.headers.get("cookie"), ACCESS_COOKIE), code);
}

/**
 * P-5: with ACCESS_CODE set, a spending request needs the unlock cookie. A request that brings the person's own
 * key passes only when ALLOW_USER_KEYS is on, since it does not spend the server's key. The code itself is never
 * accepted from a header, the query or the body here: only the cookie that /api/unlock issued.
 */
export function checkAccess(request: Request): Response | null {
  const env = getEnv();
  if (!env.ACCESS_CODE) return null;
  if (env.ALLOW_USER_KEYS && request.headers.get(USER_KEY_HEADER)?.trim()) return null;
  if (accessSession(request)) return null;
  return errorResponse(
    appError("access_denied", "This deployment needs an access code. Open /unlock, enter the code, then try again."),
  );
}

/**
 * P-6: counts an unlock attempt for this client and refuses it with 429 past the limit. The lockout is logged
 * once per window with a hashed client id and never the submitted code.
 */
export async function throttleUnlock(request: Request, now = Date.now()): Promise<Response | null> {
  const client = clientId(request);
  const { count, resetAt } = await getCounterStore(getEnv().REDIS_URL).hit(`unlock:${client}`, UNLOCK_ATTEMPTS.windowMs, now);
  if (count <= UNLOCK_ATTEMPTS.limit) return null;
  const retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
  if (count === UNLOCK_ATTEMPTS.limit + 1) log.warn("access_lockout", { client, attempts: count - 1, retryAfter });
  return errorResponse(
    appError("rate_limited", `Too many tries. Wait ${retryAfter} seconds, then enter the code again.`, { retryable: true, retryAfter }),
  );
}

/** Whether the browser reached us over https (directly, or through a trusted proxy that says so). */
function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  return getEnv().TRUST_PROXY && request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/** Set-Cookie for the unlock: HttpOnly, SameSite=Strict, Secure over https, the whole site. */
export function accessCookie(request: Request, token: string): string {
  return [
    `${ACCESS_COOKIE}=${token}`,
    "Path=/",
    `Max-Age=${ACCESS_MAX_AGE_S}`,
    "HttpOnly",
    "SameSite=Strict",
    ...(isHttps(request) ? ["Secure"] : []),
  ].join("; ");
}

/**
 * P-7 for /api/unlock, which is not a spending route and so does not run `guard`: a JSON POST from this site
 * only, so another site cannot make a visitor's browser guess codes (and lock them out).
 */
export function refuseCrossSiteJson(request: Request): Response | null {
  const origin = request.headers.get("origin");
  const hosts = [request.headers.get("host"), request.headers.get("x-forwarded-host"), new URL(request.url).host];
  const crossSite =
    request.headers.get("sec-fetch-site") === "cross-site" ||
    (origin !== null && (!URL.canParse(origin) || !hosts.includes(new URL(origin).host)));
  if (crossSite) return errorResponse(appError("forbidden_origin", "Requests from other sites are not allowed."));
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") return errorResponse(appError("unsupported_media_type", "This endpoint expects application/json."));
  return null;
}
