import "server-only";
import { createHash } from "node:crypto";
import { getEnv } from "./env";

/**
 * Who a request comes from, for rate limits and the access-code throttle. Route handlers never see the socket
 * address, so:
 * - with TRUST_PROXY=1 (the app sits behind exactly one proxy that sets these headers), `x-real-ip`, else the
 *   last `x-forwarded-for` hop (the one our proxy appended; earlier hops are whatever the client claimed);
 * - else the access cookie's session id, when the caller passes one;
 * - else one bucket for the whole deployment (a header anyone can set would let one client pose as many).
 * The result is hashed so logs and Redis keys never hold an address.
 */
export function clientId(request: Request, session?: string | null): string {
  if (getEnv().TRUST_PROXY) {
    const real = request.headers.get("x-real-ip")?.trim();
    const forwarded = request.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
    const ip = real || forwarded;
    if (ip) return `ip:${digest(ip)}`;
  }
  if (session) return `session:${digest(session)}`;
  return "shared";
}

function digest(value: string): string {
  return createHash("sha256").update(value).digest("base64url").slice(0, 22);
}
