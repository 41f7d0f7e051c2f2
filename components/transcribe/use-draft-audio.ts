"use client";
import { useCallback, useEffect, useState } from "react";
import { getBlob, openStudioDB, putBlob } from "@/lib/client/db";

const DRAFT_ID = "transcribe-draft";

export type DraftAudio = { blob: Blob; name: string; recording: boolean };

/**
 * Keeps the audio not yet transcribed in IndexedDB, so a reload or a crash does not lose a recording.
 * Stored as a File, which IndexedDB keeps with its name.
 */
export function useDraftAudio(onRestore: (draft: DraftAudio) => void) {
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    let live = true;
    getBlob(DRAFT_ID)
      .then((blob) => {
        if (!live || !blob) return;
        const name = blob instanceof File ? blob.name : "audio";
        onRestore({ blob, name, recording: name.startsWith("Recording ") });
        setRestored(true);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
    // Only once, on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const keep = useCallback((draft: DraftAudio) => {
    const file = draft.blob instanceof File && draft.blob.name === draft.name ? draft.blob : new File([draft.blob], draft.name, { type: draft.blob.type });
    // A draft that does not fit is only a lost convenience; the audio is still in memory.
    putBlob(file, DRAFT_ID).catch(() => {});
  }, []);

  const clear = useCallback(() => {
    setRestored(false);
    openStudioDB()
      .then((db) => db.delete("blobs", DRAFT_ID))
      .catch(() => {});
  }, []);

  return { restored, keep, clear };
}
