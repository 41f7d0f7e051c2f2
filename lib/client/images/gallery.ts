"use client";
import {
  announceChange,
  newId,
  onOtherTabChange,
  openStudioDB,
  StorageQuotaError,
  write,
  type BlobRecord,
  type GalleryRecord,
} from "@/lib/client/db";
import { isGalleryRecord, keepValid } from "@/lib/client/record-checks";
import { makeThumbnail } from "./thumbnail";

/** A gallery entry; `unsaved` ones live in this tab's memory because the browser refused to store them (D-1). */
export type GalleryItem = GalleryRecord & { unsaved?: boolean };

/** One picture to keep: its bytes, or (when the gateway's link could not be fetched) the link and a notice. */
export type NewPicture = {
  blob?: Blob;
  url?: string;
  notice?: string;
  prompt: string;
  revisedPrompt?: string;
  model: string;
  size?: string;
  quality?: string;
};

/** Pictures the browser refused to store, kept for this tab so nothing is lost; exported and retried from here. */
const unsaved = new Map<string, { record: GalleryRecord; blob?: Blob; thumb?: Blob }>();

const local = new EventTarget();
function changed(ids: string[]) {
  local.dispatchEvent(new Event("change"));
  announceChange({ store: "gallery", ids });
}

/** Fires when the gallery changes here or in another tab (chat saves pictures into it too). */
export function onGalleryChange(fn: () => void): () => void {
  local.addEventListener("change", fn);
  const off = onOtherTabChange((e) => {
    if (e.store === "gallery") fn();
  });
  return () => {
    local.removeEventListener("change", fn);
    off();
  };
}

/** Newest first: stored records plus this tab's unsaved ones. Records only; bytes are read per tile. */
export async function listGallery(): Promise<GalleryItem[]> {
  const db = await openStudioDB();
  // An unreadable record is skipped and reported, never deleted (D-6).
  const stored: GalleryItem[] = keepValid("gallery", await db.getAllFromIndex("gallery", "byCreated"), isGalleryRecord);
  const pending: GalleryItem[] = [...unsaved.values()].map((u) => ({ ...u.record, unsaved: true }));
  return [...stored, ...pending].sort((a, b) => b.createdAt - a.createdAt);
}

/** The original bytes of a picture (never a re-encoded copy): what downloads and "Edit in chat" use. */
export async function originalBlob(item: GalleryRecord): Promise<Blob | undefined> {
  if (!item.blobId) return undefined;
  const mem = unsaved.get(item.id);
  if (mem) return mem.blob;
  const db = await openStudioDB();
  return (await db.get("blobs", item.blobId))?.blob;
}

/** The small preview when there is one, else the original. */
export async function thumbnailBlob(item: GalleryRecord): Promise<Blob | undefined> {
  const mem = unsaved.get(item.id);
  if (mem) return mem.thumb ?? mem.blob;
  if (item.thumbBlobId) {
    const db = await openStudioDB();
    const thumb = (await db.get("blobs", item.thumbBlobId))?.blob;
    if (thumb) return thumb;
  }
  return originalBlob(item);
}

function blobRecord(blob: Blob, id = newId()): BlobRecord {
  return { id, blob, mime: blob.type, bytes: blob.size, createdAt: Date.now() };
}

/** Stores a record and its bytes in one transaction: either all of it is kept or none of it is. */
async function storeAtomically(record: GalleryRecord, blobs: BlobRecord[]) {
  await write(async (db) => {
    const tx = db.transaction(["blobs", "gallery"], "readwrite");
    const done = tx.done;
    done.catch(() => {});
    try {
      for (const b of blobs) tx.objectStore("blobs").put(b).catch(() => {});
      tx.objectStore("gallery").put(record).catch(() => {});
      await done;
    } catch (err) {
      try {
        tx.abort();
      } catch {
        // already finished or aborted
      }
      throw err;
    }
  });
}

export type SaveResult = { items: GalleryItem[]; quotaFull: boolean };

/**
 * Keeps every picture: bytes in `blobs`, the record in `gallery`. When the browser's storage is full the
 * pictures stay in this tab (marked unsaved) and `quotaFull` is set; nothing already stored is touched.
 */
export async function saveToGallery(pictures: NewPicture[], createdAt = Date.now()): Promise<SaveResult> {
  const items: GalleryItem[] = [];
  let quotaFull = false;
  for (const [i, p] of pictures.entries()) {
    const { thumb, width, height } = p.blob ? await makeThumbnail(p.blob) : {};
    const original = p.blob ? blobRecord(p.blob) : undefined;
    const small = thumb ? blobRecord(thumb) : undefined;
    const record: GalleryRecord = {
      id: newId(),
      blobId: original?.id ?? "",
      mime: p.blob?.type ?? "",
      prompt: p.prompt,
      model: p.model,
      // Keeps the order the gateway gave within one batch when sorted newest first.
      createdAt: createdAt + (pictures.length - 1 - i) * 0.001,
      source: "images",
      ...(p.revisedPrompt ? { revisedPrompt: p.revisedPrompt } : {}),
      ...(p.size ? { size: p.size } : {}),
      ...(p.quality ? { quality: p.quality } : {}),
      ...(width && height ? { width, height } : {}),
      ...(small ? { thumbBlobId: small.id } : {}),
      ...(p.url ? { url: p.url } : {}),
      ...(p.notice ? { notice: p.notice } : {}),
    };
    if (!quotaFull) {
      try {
        await storeAtomically(record, [original, small].filter((b): b is BlobRecord => !!b));
        items.push(record);
        continue;
      } catch (err) {
        if (!(err instanceof StorageQuotaError)) throw err;
        quotaFull = true;
      }
    }
    unsaved.set(record.id, { record, blob: p.blob, thumb });
    items.push({ ...record, unsaved: true });
  }
  changed(items.map((it) => it.id));
  return { items, quotaFull };
}

/** Tries again to store the pictures kept in memory; returns how many are still unsaved. */
export async function retryUnsaved(): Promise<number> {
  for (const [id, u] of [...unsaved]) {
    const blobs: BlobRecord[] = [];
    if (u.blob) blobs.push(blobRecord(u.blob, u.record.blobId));
    if (u.thumb && u.record.thumbBlobId) blobs.push(blobRecord(u.thumb, u.record.thumbBlobId));
    try {
      await storeAtomically(u.record, blobs);
      unsaved.delete(id);
    } catch (err) {
      if (!(err instanceof StorageQuotaError)) throw err;
      break;
    }
  }
  changed([]);
  return unsaved.size;
}

export const unsavedCount = () => unsaved.size;

/**
 * Removes a picture for good. A chat picture's bytes belong to its message, so only the gallery entry goes;
 * a generated picture's bytes and preview go with it.
 */
export async function removeFromGallery(item: GalleryRecord): Promise<void> {
  if (unsaved.delete(item.id)) {
    changed([item.id]);
    return;
  }
  await write(async (db) => {
    const tx = db.transaction(["blobs", "gallery", "messages"], "readwrite");
    await tx.objectStore("gallery").delete(item.id);
    if (item.source === "images" || (item.messageId && !(await tx.objectStore("messages").get(item.messageId)))) {
      // A chat picture whose conversation is already gone has nobody else holding its bytes.
      if (item.blobId) await tx.objectStore("blobs").delete(item.blobId);
    }
    if (item.thumbBlobId) await tx.objectStore("blobs").delete(item.thumbBlobId);
    await tx.done;
  });
  changed([item.id]);
}
