import { NextResponse, type NextRequest } from "next/server";
import { ACCESS_COOKIE, OWN_KEY_COOKIE, verifyAccessToken } from "@/lib/server/access-token";
import { contentSecurityPolicy } from "@/lib/server/csp";
import { getEnv } from "@/lib/server/env";

/** Pages that stay reachable while the deployment is locked. */
const OPEN_PATHS = ["/unlock"];

function isLocked(request: NextRequest): boolean {
  const env = getEnv();
  if (!env.ACCESS_CODE) return false;
  if (OPEN_PATHS.some((p) => request.nextUrl.pathname === p || request.nextUrl.pathname.startsWith(`${p}/`))) return false;
  if (verifyAccessToken(request.cookies.get(ACCESS_COOKIE)?.value, env.ACCESS_CODE)) return false;
  // Someone using their own key may use the pages; the API still checks that a key is actually sent.
  return !(env.ALLOW_USER_KEYS && request.cookies.get(OWN_KEY_COOKIE)?.value === "1");
}

/** H-1 and the page lock: see lib/server/csp.ts for what each directive is for. */
export function proxy(request: NextRequest) {
  if (isLocked(request)) {
    const target = new URL("/unlock", request.url);
    const next = request.nextUrl.pathname + request.nextUrl.search;
    if (next !== "/") target.searchParams.set("next", next);
    return NextResponse.redirect(target, 303);
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const csp = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    https: request.nextUrl.protocol === "https:",
  });
  // Next reads the nonce from the request's CSP header and stamps it on its own scripts and styles.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  headers.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    // Never /api (U-3: on matched routes Next buffers request bodies and silently truncates them at 10 MB),
    // nor static files, which need no nonce.
    "/((?!api/|api$|_next/static|_next/image|favicon\\.ico|icon\\.png|robots\\.txt).*)",
  ],
};
