import type { Metadata } from "next";
import { StreamRenderHarness } from "@/bench/stream-render/harness";

export const metadata: Metadata = { title: "Markdown benchmark", robots: { index: false, follow: false } };

/** Hosts the streaming-render benchmark (`npm run bench`); nothing here is imported by other routes. */
export default function Page() {
  return <StreamRenderHarness />;
}
