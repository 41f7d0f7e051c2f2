"use client";
import { useSyncExternalStore } from "react";
import { ImagesStudio } from "./images-studio";

function Skeleton() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading the image studio">
      <div className="h-44 animate-pulse rounded-lg border border-border bg-panel" />
      <div className="grid grid-cols-[repeat(auto-fill,minmax(10rem,1fr))] gap-2">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="aspect-square animate-pulse rounded-md bg-subtle" />
        ))}
      </div>
    </div>
  );
}

const subscribe = () => () => {};

/**
 * The studio reads the draft from localStorage and the gallery from IndexedDB, which exist only in the
 * browser; rendering it after hydration avoids a mismatch on the prompt.
 */
export function ImagesIsland({ storage }: { storage?: React.ReactNode }) {
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  return hydrated ? <ImagesStudio storage={storage} /> : <Skeleton />;
}
