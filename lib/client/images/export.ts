"use client";
import { bytesToBase64 } from "./bytes";
import { listGallery, originalBlob, type GalleryItem } from "./gallery";

export const EXPORT_KIND = "gateway-studio-gallery";

/** gateway-studio-gallery-2026-05-01.json */
export function exportFilename(now = new Date()): string {
  return `gateway-studio-gallery-${now.toISOString().slice(0, 10)}.json`;
}

/**
 * Every gallery picture, stored or only in memory, as one JSON file with the original bytes in base64.
 * Built from parts so a large gallery is never one giant string; reads only, so it works when storage is full.
 */
export async function exportGallery(): Promise<Blob> {
  const items = await listGallery();
  const parts: string[] = [`{"kind":"${EXPORT_KIND}","version":1,"exportedAt":${JSON.stringify(new Date().toISOString())},"items":[`];
  for (const [i, item] of items.entries()) {
    // The export carries the record and its original bytes; in-tab flags and preview ids are not data.
    const record: Partial<GalleryItem> = { ...item };
    delete record.unsaved;
    delete record.thumbBlobId;
    const blob = await originalBlob(item).catch(() => undefined);
    const data = blob ? bytesToBase64(new Uint8Array(await blob.arrayBuffer())) : undefined;
    parts.push(`${i ? "," : ""}${JSON.stringify({ ...record, ...(data ? { data } : {}) })}`);
  }
  parts.push("]}");
  return new Blob(parts, { type: "application/json" });
}

/** Hands a Blob to the browser as a download. */
export function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked after the click has been handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
