import type { NextConfig } from "next";

/**
 * Headers for every response, pages and /api alike (H-1). The CSP itself is per request (proxy.ts), because it
 * carries a nonce. HSTS is sent in production only; browsers ignore it over plain http, so local runs are safe.
 * No Access-Control-* header anywhere: /api is same-origin only (P-8).
 */
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "microphone=(self), camera=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
  ...(process.env.NODE_ENV === "production"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets parallel work (or a bench run) build into its own folder without clobbering `.next`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Source maps for the browser's code, for profiling a build only (bench/probes/load-profile.mjs); never in a
  // deployed build: they would publish the client code's sources.
  productionBrowserSourceMaps: process.env.PROFILE_MAPS === "1",
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
