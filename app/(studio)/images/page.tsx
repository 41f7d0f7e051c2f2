import type { Metadata } from "next";

export const metadata: Metadata = { title: "Images" };

export default function Page() {
  return <h1 className="p-6 text-xl font-semibold">Images</h1>;
}
