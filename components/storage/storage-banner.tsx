"use client";
import { useEffect, useState } from "react";
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
  // The storage layer (idb) is not part of every page's first load: the banner subscribes once it has loaded.
  // Memory-only is a lasting state, read when it subscribes; quota and version-change come from later writes.
  useEffect(() => {
    let off: (() => void) | undefined;
    let live = true;
    void import("@/lib/client/db").then(({ isMemoryOnly, onStorageEvent }) => {
      if (!live) return;
      if (isMemoryOnly()) setKind((k) => k ?? "memory-only");
      off = onStorageEvent((e) => setKind(e.kind));
    });
    return () => {
      live = false;
      off?.();
    };
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
