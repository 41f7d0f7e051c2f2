"use client";
import { useEffect, useState } from "react";
import { getBlob } from "@/lib/client/db";

/**
 * Object URLs for stored pictures, one per blob, shared by every component showing it. They are revoked
 * when the conversation changes (M-1: no leak across conversations).
 */
const urls = new Map<string, string>();
const pending = new Map<string, Promise<string | null>>();

export function rememberPictureUrl(blobId: string, blob: Blob): string {
  let url = urls.get(blobId);
  if (!url) {
    url = URL.createObjectURL(blob);
    urls.set(blobId, url);
  }
  return url;
}

export function pictureUrl(blobId: string): Promise<string | null> {
  const known = urls.get(blobId);
  if (known) return Promise.resolve(known);
  let p = pending.get(blobId);
  if (!p) {
    p = getBlob(blobId)
      .then((blob) => (blob ? rememberPictureUrl(blobId, blob) : null))
      .finally(() => pending.delete(blobId));
    pending.set(blobId, p);
  }
  return p;
}

export function revokePictureUrls() {
  for (const url of urls.values()) URL.revokeObjectURL(url);
  urls.clear();
}

/** undefined while loading, null when the picture is gone. */
export function usePictureUrl(blobId: string): string | null | undefined {
  const [state, setState] = useState<{ id: string; url: string | null | undefined }>(() => ({ id: blobId, url: urls.get(blobId) }));
  useEffect(() => {
    let live = true;
    if (urls.has(blobId)) return;
    void pictureUrl(blobId).then((url) => live && setState({ id: blobId, url }));
    return () => {
      live = false;
    };
  }, [blobId]);
  return urls.get(blobId) ?? (state.id === blobId ? state.url : undefined);
}
