"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { removeFromGallery, type GalleryItem } from "@/lib/client/images/gallery";

export const UNDO_MS = 6000;

/**
 * Delete with undo: a picture is hidden at once and removed from storage only when the undo window ends
 * (or the page goes away). Undo just shows it again; nothing was touched.
 */
export function usePendingDeletes(onError: (message: string) => void) {
  const [pending, setPending] = useState<GalleryItem[]>([]);
  const pendingRef = useRef<GalleryItem[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onErrorRef = useRef(onError);
  useEffect(() => {
    onErrorRef.current = onError;
  }, [onError]);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const doomed = pendingRef.current;
    pendingRef.current = [];
    setPending([]);
    for (const item of doomed) {
      removeFromGallery(item).catch((err: unknown) =>
        onErrorRef.current(`Could not delete a picture: ${err instanceof Error ? err.message : String(err)}`),
      );
    }
  }, []);

  const remove = useCallback(
    (item: GalleryItem) => {
      pendingRef.current = [...pendingRef.current, item];
      setPending(pendingRef.current);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, UNDO_MS);
    },
    [flush],
  );

  const undo = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pendingRef.current = [];
    setPending([]);
  }, []);

  useEffect(() => {
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [flush]);

  return { pending, remove, undo, dismiss: flush };
}
