import type { Metadata } from "next";

export const metadata: Metadata = { title: "Chat" };

export default function Page() {
  return <h1 className="p-6 text-xl font-semibold">Chat</h1>;
}
