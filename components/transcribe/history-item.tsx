"use client";
import { useState } from "react";
import type { TranscriptRecord } from "@/lib/client/db";
import { formatClock } from "@/lib/client/audio/captions";
import { cn } from "@/lib/client/cn";

type Props = {
  item: TranscriptRecord;
  active: boolean;
  onOpen: () => void;
  onRename: (title: string) => void;
  onDelete: () => void;
};

const small = "rounded px-1.5 py-0.5 text-xs text-muted hover:bg-subtle hover:text-fg";

/** One past transcript: open it, rename it in place, or delete it (asks once more first). */
export function HistoryItem({ item, active, onOpen, onRename, onDelete }: Props) {
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(item.title);
  const [confirming, setConfirming] = useState(false);
  const when = new Date(item.createdAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

  if (renaming) {
    return (
      <li className="px-2 py-2">
        <form
          className="flex gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim()) onRename(draft.trim());
            setRenaming(false);
          }}
        >
          <label htmlFor={`rename-${item.id}`} className="sr-only">
            New name
          </label>
          <input
            id={`rename-${item.id}`}
            autoFocus
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && setRenaming(false)}
            className="h-8 min-w-0 flex-1 rounded-md border border-border bg-panel px-2 text-sm"
          />
          <button type="submit" className="h-8 rounded-md bg-accent px-2 text-xs font-medium text-accent-fg">
            Save
          </button>
        </form>
      </li>
    );
  }
  return (
    <li className={cn("group px-2 py-1.5", active && "bg-accent-soft")}>
      <button type="button" onClick={onOpen} className="block w-full min-w-0 rounded text-left" aria-current={active ? "true" : undefined}>
        <span className="block truncate text-sm font-medium">{item.title}</span>
        <span className="block truncate text-xs text-muted">
          {when}
          {item.duration ? ` · ${formatClock(item.duration)}` : ""}
          {item.audioBlobId ? "" : " · text only"}
        </span>
      </button>
      <div className="mt-1 flex gap-1">
        <button type="button" className={small} onClick={() => setRenaming(true)} aria-label={`Rename ${item.title}`}>
          Rename
        </button>
        {confirming ? (
          <>
            <button type="button" className={cn(small, "text-danger")} onClick={onDelete} aria-label={`Really delete ${item.title}`}>
              Really delete?
            </button>
            <button type="button" className={small} onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className={small} onClick={() => setConfirming(true)} aria-label={`Delete ${item.title}`}>
            Delete
          </button>
        )}
      </div>
    </li>
  );
}
