"use client";
import { useEffect, useState } from "react";
import { listGallery, onGalleryChange, type GalleryItem } from "@/lib/client/images/gallery";

type GalleryState = { items: GalleryItem[]; loading: boolean; error: string | null };

/** The gallery's records (no bytes), kept fresh when this tab, a chat answer or another tab adds or removes one. */
export function useGallery(): GalleryState {
  const [state, setState] = useState<GalleryState>({ items: [], loading: true, error: null });
  useEffect(() => {
    let live = true;
    const load = () =>
      listGallery().then(
        (items) => live && setState({ items, loading: false, error: null }),
        (err: unknown) =>
          live && setState((s) => ({ ...s, loading: false, error: err instanceof Error ? err.message : "The gallery could not be read." })),
      );
    void load();
    const off = onGalleryChange(() => void load());
    return () => {
      live = false;
      off();
    };
  }, []);
  return state;
}
