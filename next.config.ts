import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets parallel work (or a bench run) build into its own folder without clobbering `.next`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
