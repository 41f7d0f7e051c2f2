"use client";
import { useState } from "react";
import type { TranscriptRecord } from "@/lib/client/db";
import { matchesQuery } from "@/lib/client/transcripts/transcripts";
import { HistoryItem } from "./history-item";

type Props = {
  items: TranscriptRecord[] | null;
  activeId: string | null;
  onOpen: (item: TranscriptRecord) => void;
  onRename: (id: string, title: string) => void;
  onDelete: (id: string) => void;
};

/** Past transcripts kept in this browser, newest first, searchable by title and text. */
export function TranscriptHistory({ items, activeId, onOpen, onRename, onDelete }: Props) {
  const [query, setQuery] = useState("");
  const shown = (items ?? []).filter((t) => matchesQuery(t, query));
  return (
    <section aria-labelledby="history-title" className="flex min-h-0 flex-col gap-2">
      <h2 id="history-title" className="text-xs font-semibold tracking-wide text-muted uppercase">
        History
      </h2>
      <label htmlFor="history-search" className="sr-only">
        Search transcripts
      </label>
      <input
        id="history-search"
        type="search"
        placeholder="Search transcripts"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        className="h-8 rounded-md border border-border bg-panel px-2 text-sm"
      />
      {items === null ? (
        <p className="text-sm text-muted">Loading…</p>
      ) : shown.length === 0 ? (
        <p className="text-sm text-muted">{items.length ? "No transcript matches." : "Transcripts you make are kept here, in this browser."}</p>
      ) : (
        <ul className="min-h-0 divide-y divide-border overflow-auto rounded-lg border border-border bg-panel">
          {shown.map((t) => (
            <HistoryItem
              key={`${t.id}:${t.title}`}
              item={t}
              active={t.id === activeId}
              onOpen={() => onOpen(t)}
              onRename={(title) => onRename(t.id, title)}
              onDelete={() => onDelete(t.id)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
