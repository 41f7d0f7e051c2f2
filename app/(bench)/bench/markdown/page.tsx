import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { StreamRenderHarness } from "@/bench/stream-render/harness";

export const metadata: Metadata = { title: "Markdown benchmark", robots: { index: false, follow: false } };

/**
 * Hosts the streaming-render benchmark (`npm run bench`); nothing here is imported by other routes.
 * Served only when the server runs with BENCH_PAGES=1 (the bench runner sets it), so deployments don't expose it.
 */
export default async function Page() {
  await connection(); // read the flag at request time, not at build time
  if (process.env.BENCH_PAGES !== "1") notFound();
  return <StreamRenderHarness />;
}
