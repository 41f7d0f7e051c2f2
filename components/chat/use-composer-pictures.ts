"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useComposerInbox, type IncomingPicture } from "@/lib/stores/chat-composer-store";
import { loadChatData } from "@/lib/client/chat/load-chat-data";

export type DraftPicture = {
  id: string;
  name: string;
  url: string;
  status: "preparing" | "ready";
  blob?: Blob;
  mime?: string;
  width?: number;
  height?: number;
  originalBytes: number;
  changed?: boolean;
};

/**
 * The composer's pictures: each one is checked by its bytes and downscaled (the canvas code and the
 * storage layer are loaded on the first picture), with a preview URL that is revoked when it is removed or sent.
 */
export function useComposerPictures() {
  const [pictures, setPictures] = useState<DraftPicture[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const urls = useRef(new Set<string>());

  const add = useCallback(async (items: IncomingPicture[]) => {
    const [{ preparePicture }, { newId }] = await Promise.all([import("@/lib/client/chat/downscale"), loadChatData()]);
    for (const item of items) {
      const id = newId();
      const url = URL.createObjectURL(item.blob);
      urls.current.add(url);
      setPictures((list) => [...list, { id, name: item.name, url, status: "preparing", originalBytes: item.blob.size }]);
      try {
        const p = await preparePicture(item.blob, item.name);
        setPictures((list) => list.map((d) => (d.id === id ? { ...d, status: "ready", blob: p.blob, mime: p.mime, width: p.width, height: p.height, changed: p.changed } : d)));
      } catch (err) {
        URL.revokeObjectURL(url);
        urls.current.delete(url);
        setPictures((list) => list.filter((d) => d.id !== id));
        setErrors((e) => [...e, err instanceof Error ? err.message : `“${item.name}” could not be read as a picture.`]);
      }
    }
  }, []);

  const remove = useCallback((id: string) => {
    setPictures((list) => {
      const gone = list.find((d) => d.id === id);
      if (gone) {
        URL.revokeObjectURL(gone.url);
        urls.current.delete(gone.url);
      }
      return list.filter((d) => d.id !== id);
    });
  }, []);

  /** Hands the ready pictures over (for sending) and empties the tray. */
  const takeAll = useCallback(() => {
    const ready = pictures.filter((d) => d.status === "ready" && d.blob);
    setPictures([]);
    // The previews go; the thread shows the stored copies from now on.
    setTimeout(() => {
      for (const d of ready) {
        URL.revokeObjectURL(d.url);
        urls.current.delete(d.url);
      }
    }, 0);
    return ready;
  }, [pictures]);

  const restore = useCallback((list: DraftPicture[]) => {
    setPictures((cur) => [
      ...list.map((d) => {
        const url = URL.createObjectURL(d.blob!);
        urls.current.add(url);
        return { ...d, url };
      }),
      ...cur,
    ]);
  }, []);

  // Pictures dropped anywhere on the page, or sent by "Edit this".
  const incoming = useComposerInbox((s) => s.incoming.length);
  useEffect(() => {
    if (!incoming) return;
    const items = useComposerInbox.getState().take();
    if (items.length) void add(items);
  }, [incoming, add]);

  useEffect(() => {
    const set = urls.current;
    return () => {
      for (const u of set) URL.revokeObjectURL(u);
      set.clear();
    };
  }, []);

  return { pictures, errors, add, remove, takeAll, restore, dismissErrors: () => setErrors([]) };
}
