"use client";
import { useCallback, useEffect, useState } from "react";
import { onOtherTabChange, type TranscriptRecord } from "@/lib/client/db";
import { deleteTranscript, listTranscripts, updateTranscript } from "@/lib/client/transcripts/transcripts";

/** The history list, re-read when this or another tab changes it. */
export function useTranscriptHistory() {
  const [items, setItems] = useState<TranscriptRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    try {
      setItems(await listTranscripts());
    } catch {
      setItems([]);
      setError("Past transcripts could not be read from this browser's storage.");
    }
  }, []);
  useEffect(() => {
    // Reading IndexedDB is the external system this effect syncs with.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
    return onOtherTabChange((e) => {
      if (e.store === "transcripts") void refresh();
    });
  }, [refresh]);

  const rename = useCallback(
    async (id: string, title: string) => {
      await updateTranscript(id, { title }).catch(() => setError("The new name could not be saved."));
      await refresh();
    },
    [refresh],
  );
  const remove = useCallback(
    async (id: string) => {
      await deleteTranscript(id).catch(() => setError("The transcript could not be deleted."));
      await refresh();
    },
    [refresh],
  );
  return { items, error, refresh, rename, remove };
}
