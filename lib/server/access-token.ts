import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The HttpOnly cookie that proves this browser entered the access code. */
export const ACCESS_COOKIE = "gs_access";
/** How long an unlock lasts; changing ACCESS_CODE ends every unlock at once. */
export const ACCESS_MAX_AGE_S = 30 * 24 * 60 * 60;

const b64url = (buf: Buffer) => buf.toString("base64url");

function tokenMac(code: string, session: string): Buffer {
  return createHmac("sha256", code).update(`gateway-studio/access/v1:${session}`).digest();
}

/**
 * A cookie value `<session>.<HMAC(code, session)>`: a random session id (so each browser gets its own rate-limit
 * bucket) signed with the code. It never holds the code, and it stops verifying as soon as the code changes.
 */
export function issueAccessToken(code: string): string {
  const session = b64url(randomBytes(16));
  return `${session}.${b64url(tokenMac(code, session))}`;
}

/** The token's session id when it was signed with `code`, else null. Constant time in the signature. */
export function verifyAccessToken(token: string | undefined | null, code: string): string | null {
  if (!token) return null;
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, session, signature] = match as unknown as [string, string, string];
  const given = Buffer.from(signature, "base64url");
  const expected = tokenMac(code, session);
  return given.length === expected.length && timingSafeEqual(given, expected) ? session : null;
}

const COMPARE_KEY = "gateway-studio/access/compare";

/**
 * Whether a submitted code equals the configured one, in time that depends on neither: both are reduced to
 * equal-length digests first, so neither the length nor the first differing character shows in the timing.
 */
export function codeMatches(given: string, code: string): boolean {
  const a = createHmac("sha256", COMPARE_KEY).update(given, "utf8").digest();
  const b = createHmac("sha256", COMPARE_KEY).update(code, "utf8").digest();
  return timingSafeEqual(a, b);
}

/** One cookie's value from a Cookie header (route handlers and the proxy both see the raw header). */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Set by the unlock page when someone chooses their own key instead of the code (ALLOW_USER_KEYS). Not a
 * credential: it only lets the pages load; every API call still needs the cookie above or a key of their own.
 */
export const OWN_KEY_COOKIE = "gs_own_key";
