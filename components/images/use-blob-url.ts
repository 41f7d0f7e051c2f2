"use client";
import { useEffect, useState } from "react";

/**
 * An object URL for a Blob loaded on demand, only while `active`; revoked when it goes inactive, the key
 * changes or the component unmounts, so a long gallery never holds more decoded URLs than are on screen.
 */
export function useBlobUrl(load: (() => Promise<Blob | undefined>) | null, key: string, active = true): string | null {
  const [state, setState] = useState<{ key: string; url: string } | null>(null);
  useEffect(() => {
    if (!active || !load) return;
    let url: string | null = null;
    let live = true;
    load().then(
      (blob) => {
        if (!live || !blob) return;
        url = URL.createObjectURL(blob);
        setState({ key, url });
      },
      () => {},
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
      setState(null);
    };
    // `load` is recreated each render; `key` identifies what it loads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, active]);
  return state && state.key === key ? state.url : null;
}
