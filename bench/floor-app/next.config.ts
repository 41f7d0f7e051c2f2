import type { NextConfig } from "next";

// The floor app is built from a copy outside the repository whose node_modules is a link to the repository's
// (bench/lib/floor.mjs); Turbopack compiles only files under its root, so the root is the filesystem's.
// Cross-Origin-Opener-Policy is the one header of the app's (H-1) that changes how a page loads: a new tab
// navigating to it needs a renderer process of its own. The floor sends it too, so both pay the same.
const nextConfig: NextConfig = {
  poweredByHeader: false,
  turbopack: { root: "/" },
  async headers() {
    return [{ source: "/:path*", headers: [{ key: "Cross-Origin-Opener-Policy", value: "same-origin" }] }];
  },
};

export default nextConfig;
