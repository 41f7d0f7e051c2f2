"use client";
import { useEffect, useState } from "react";
import { isMemoryOnly, onStorageEvent } from "@/lib/client/db";
import { ExportGalleryButton } from "./export-gallery-button";

type Kind = "quota" | "memory-only" | "version-change";

const TEXT: Record<Kind, string> = {
  quota: "This browser's storage for the site is full, so new items are kept in this tab only. Nothing was deleted. Export your gallery, or delete what you no longer need, before closing the tab.",
  "memory-only": "This browser is not letting the app store data (private window or blocked storage). Everything works, but is gone when the tab closes.",
  "version-change": "Gateway Studio was updated in another tab. Reload this tab to keep saving.",
};

/** App-wide: says when storage is full, unavailable, or taken over by a newer version in another tab (D-1, D-4, D-8). */
export function StorageBanner() {
  const [kind, setKind] = useState<Kind | null>(null);
  useEffect(() => {
    if (isMemoryOnly()) queueMicrotask(() => setKind((k) => k ?? "memory-only"));
    return onStorageEvent((e) => setKind(e.kind));
  }, []);
  if (!kind) return null;
  return (
    <div role="alert" className="flex flex-wrap items-center justify-center gap-x-3 gap-y-1 border-b border-border bg-warn-soft px-4 py-1.5 text-center text-xs text-warn">
      <span>{TEXT[kind]}</span>
      {kind === "quota" && <ExportGalleryButton className="h-7 text-xs" />}
      {kind === "version-change" && (
        <button type="button" onClick={() => location.reload()} className="h-7 rounded-md border border-border bg-panel px-3 text-fg hover:bg-subtle">
          Reload
        </button>
      )}
      {kind !== "version-change" && (
        <button type="button" onClick={() => setKind(null)} className="h-7 rounded-md px-2 text-warn hover:underline">
          Dismiss
        </button>
      )}
    </div>
  );
}
