import type { Metadata } from "next";
import { TranscribeWorkbench } from "@/components/transcribe/transcribe-workbench";

export const metadata: Metadata = { title: "Transcribe" };

export default function Page() {
  return <TranscribeWorkbench />;
}
