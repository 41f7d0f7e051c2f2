"use client";
import { useState } from "react";
import { cn } from "@/lib/client/cn";

/** Saves every gallery picture, with its bytes, as one JSON file. Reads only, so it works when storage is full. */
export function ExportGalleryButton({ className, label = "Export gallery" }: { className?: string; label?: string }) {
  const [state, setState] = useState<"idle" | "working" | "error">("idle");
  const run = async () => {
    setState("working");
    try {
      // Loaded on demand: this button sits in the app-wide banner, the exporter is not needed on first load.
      const { exportGallery, exportFilename, saveFile } = await import("@/lib/client/images/export");
      saveFile(await exportGallery(), exportFilename());
      setState("idle");
    } catch {
      setState("error");
    }
  };
  return (
    <>
      <button
        type="button"
        onClick={run}
        disabled={state === "working"}
        className={cn("h-8 rounded-md border border-border bg-panel px-3 text-sm text-fg hover:bg-subtle disabled:opacity-50", className)}
      >
        {state === "working" ? "Exporting…" : label}
      </button>
      {state === "error" && (
        <span role="alert" className="text-sm text-danger">
          The export failed; try again.
        </span>
      )}
    </>
  );
}
