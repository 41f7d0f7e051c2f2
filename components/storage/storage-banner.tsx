"use client";
import { useEffect, useState } from "react";
import { ExportGalleryButton } from "./export-gallery-button";

type Kind = "quota" | "memory-only" | "version-change" | "corrupt";

const TEXT: Record<Kind, string> = {
  quota: "This browser's storage for the site is full, so new items are kept in this tab only. Nothing was deleted. Export your gallery, or delete what you no longer need, before closing the tab.",
  "memory-only": "This browser is not letting the app store data (private window or blocked storage). Everything works, but is gone when the tab closes.",
  "version-change": "Gateway Studio was updated in another tab. Reload this tab to keep saving.",
  corrupt: "could not be read and were skipped; everything else loaded. They are kept as they are and go into a backup.",
};

const corruptText = (n: number) => `${n === 1 ? "One saved item" : `${n} saved items`} ${TEXT.corrupt}`;

/** App-wide: says when storage is full, unavailable, or taken over by a newer version in another tab (D-1, D-4, D-8). */
export function StorageBanner() {
  const [kind, setKind] = useState<Kind | null>(null);
  const [corrupt, setCorrupt] = useState(0);
  // The storage status code is not part of every page's first load: the banner subscribes once it has loaded.
  // Memory-only is a lasting state, read when it subscribes; quota and version-change come from later writes.
  useEffect(() => {
    let off: (() => void) | undefined;
    let live = true;
    let offCorrupt: (() => void) | undefined;
    void import("@/lib/client/storage-status").then(({ isMemoryOnly, onStorageEvent, corruptRecords, onCorruptRecords }) => {
      if (!live) return;
      if (isMemoryOnly()) setKind((k) => k ?? "memory-only");
      off = onStorageEvent((e) => setKind(e.kind));
      // Unreadable records skipped on read (D-6), also those found before the banner subscribed.
      const onCorrupt = (n: number) => {
        setCorrupt(n);
        if (n) setKind((k) => k ?? "corrupt");
      };
      onCorrupt(corruptRecords().length);
      offCorrupt = onCorruptRecords((records) => onCorrupt(records.length));
    });
    return () => {
      live = false;
      off?.();
      offCorrupt?.();
    };
  }, []);
  if (!kind) return null;
  return (
    <div role="alert" className="flex flex-wrap items-center justify-center gap-x-3 gap-y-1 border-b border-border bg-warn-soft px-4 py-1.5 text-center text-xs text-warn">
      <span>{kind === "corrupt" ? corruptText(corrupt) : TEXT[kind]}</span>
      {kind === "corrupt" && (
        <a href="/settings#data" className="h-7 content-center rounded-md border border-border bg-panel px-3 text-fg hover:bg-subtle">
          Export a backup
        </a>
      )}
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
