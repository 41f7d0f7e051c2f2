"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { exportTranscript, type ExportFormat, type ExportSource } from "@/lib/client/audio/export";
import { HANDOFF_URL, setChatHandoff } from "@/lib/client/handoff";

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: "txt", label: "TXT" },
  { format: "srt", label: "SRT" },
  { format: "vtt", label: "VTT" },
  { format: "json", label: "JSON" },
];

const button = "h-8 rounded-md border border-border bg-panel px-2.5 text-sm hover:bg-subtle";

function download({ filename, blob }: { filename: string; blob: Blob }) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Copy, download as TXT/SRT/VTT/JSON, and open a new chat with the text. */
export function TranscriptActions({ source }: { source: ExportSource }) {
  const router = useRouter();
  const [copied, setCopied] = useState<"ok" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(source.text);
      setCopied("ok");
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied(null), 2000);
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className={button} onClick={copy}>
        {copied === "ok" ? "Copied" : copied === "failed" ? "Copy failed" : "Copy"}
      </button>
      <div role="group" aria-label="Download" className="flex items-center gap-1">
        <span className="text-xs text-muted" aria-hidden>
          Download
        </span>
        {FORMATS.map((f) => (
          <button key={f.format} type="button" className={button} onClick={() => download(exportTranscript(source, f.format))} aria-label={`Download ${f.label}`}>
            {f.label}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="h-8 rounded-md bg-accent px-3 text-sm font-medium text-accent-fg hover:opacity-90 sm:ml-auto"
        onClick={() => {
          setChatHandoff({ text: source.text });
          router.push(HANDOFF_URL);
        }}
      >
        Send to chat
      </button>
      <span aria-live="polite" className="sr-only">
        {copied === "ok" ? "Transcript copied" : ""}
      </span>
    </div>
  );
}
