"use client";
import { useEffect, useState } from "react";

/** A blob: URL for a Blob, revoked when the Blob changes or the component goes away (M-1). */
export function useObjectUrl(blob: Blob | null | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  // The URL is an external resource created and revoked with this effect, so it is set from here.
  /* eslint-disable react-hooks/set-state-in-effect */
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return;
    }
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  /* eslint-enable react-hooks/set-state-in-effect */
  return url;
}
