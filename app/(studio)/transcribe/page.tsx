import type { Metadata } from "next";

export const metadata: Metadata = { title: "Transcribe" };

export default function Page() {
  return <h1 className="p-6 text-xl font-semibold">Transcribe</h1>;
}
