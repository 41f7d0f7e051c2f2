"use client";
import { announceChange, newId, openStudioDB, putBlob, StorageQuotaError, write, type TranscriptRecord } from "@/lib/client/db";
import type { Transcript } from "@/lib/client/audio/stitch";
import { isTranscriptRecord, keepValid, validOrNothing } from "@/lib/client/record-checks";

export type SavedTranscript = { record: TranscriptRecord; audioKept: boolean };

/** Newest first. */
export async function listTranscripts(): Promise<TranscriptRecord[]> {
  const db = await openStudioDB();
  // An unreadable record is skipped and reported, never deleted (D-6).
  return keepValid("transcripts", await db.getAllFromIndex("transcripts", "byCreated"), isTranscriptRecord).reverse();
}

export async function getTranscript(id: string): Promise<TranscriptRecord | undefined> {
  return validOrNothing("transcripts", await (await openStudioDB()).get("transcripts", id), isTranscriptRecord);
}

/**
 * Saves a new transcript, with its audio when storage allows. When the audio does not fit, the transcript
 * is still saved without it (audioKept: false), so the text is never lost to a full disk.
 */
export async function saveTranscript(
  t: Transcript & { title: string; model: string },
  audio?: { blob: Blob; name: string },
): Promise<SavedTranscript> {
  let audioBlobId: string | undefined;
  let audioKept = !audio;
  if (audio) {
    try {
      audioBlobId = (await putBlob(audio.blob)).id;
      audioKept = true;
    } catch (err) {
      if (!(err instanceof StorageQuotaError)) throw err;
    }
  }
  const now = Date.now();
  const record: TranscriptRecord = {
    id: newId(),
    title: t.title,
    createdAt: now,
    updatedAt: now,
    text: t.text,
    model: t.model,
    ...(t.segments ? { segments: t.segments } : {}),
    ...(t.language ? { language: t.language } : {}),
    ...(t.duration !== undefined ? { duration: t.duration } : {}),
    ...(audioBlobId ? { audioBlobId, audioName: audio?.name } : {}),
  };
  await write((db) => db.put("transcripts", record));
  announceChange({ store: "transcripts", ids: [record.id] });
  return { record, audioKept };
}

export async function updateTranscript(id: string, patch: Partial<Pick<TranscriptRecord, "title" | "text">>): Promise<TranscriptRecord | undefined> {
  const updated = await write(async (db) => {
    const tx = db.transaction("transcripts", "readwrite");
    const current = await tx.store.get(id);
    if (!current) return undefined;
    const next = { ...current, ...patch, updatedAt: Date.now() };
    await tx.store.put(next);
    await tx.done;
    return next;
  });
  if (updated) announceChange({ store: "transcripts", ids: [id] });
  return updated;
}

export async function deleteTranscript(id: string): Promise<void> {
  await write(async (db) => {
    const tx = db.transaction(["transcripts", "blobs"], "readwrite");
    const current = await tx.objectStore("transcripts").get(id);
    if (current?.audioBlobId) await tx.objectStore("blobs").delete(current.audioBlobId);
    await tx.objectStore("transcripts").delete(id);
    await tx.done;
  });
  announceChange({ store: "transcripts", ids: [id] });
}

/** Case-insensitive match on the title and the text. */
export function matchesQuery(t: TranscriptRecord, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || t.title.toLowerCase().includes(q) || t.text.toLowerCase().includes(q);
}
