import "server-only";
import { getEnv } from "./env";
import { fail } from "./failure";

/** The request header that carries a person's own key (kept in their browser) when ALLOW_USER_KEYS is on. */
export const USER_KEY_HEADER = "x-gateway-key";

/**
 * The key for this one request: the person's own key when allowed and sent, else the server key.
 * Client-sent Authorization, x-api-key, x-base-url or ?key= are never looked at (K-6).
 */
export function resolveGatewayKey(request: Request): string {
  const env = getEnv();
  if (env.ALLOW_USER_KEYS) {
    const userKey = request.headers.get(USER_KEY_HEADER)?.trim();
    if (userKey) {
      if (!/^[\x21-\x7e]{8,512}$/.test(userKey)) throw fail("bad_request", "The key in Settings is not a valid gateway key.");
      return userKey;
    }
  }
  if (env.GATEWAY_API_KEY) return env.GATEWAY_API_KEY;
  if (env.DEMO_MODE) return "demo";
  throw fail(
    "gateway_not_configured",
    env.ALLOW_USER_KEYS
      ? "No gateway key is set. Paste your own key in Settings, or set GATEWAY_API_KEY in the server's .env.local (see .env.example) and restart the server."
      : "No gateway key is set. Set GATEWAY_API_KEY in the server's .env.local (see .env.example) and restart the server.",
  );
}
