"use client";
import { Suspense } from "react";
import { lazyWithPreload } from "react-lazy-with-preload";

// The thread (turns, actions, pictures, versions, edit box) is not part of an empty chat's first paint: it is
// loaded when a conversation is opened or the person starts writing, like the markdown stack. Once preloaded
// it renders without suspending: React.lazy suspends on its first render even when the import has settled,
// and React holds a suspended boundary's content back for up to 300 ms after its fallback shows.
const Thread = lazyWithPreload(() => import("./thread").then((m) => ({ default: m.Thread })));

/** Starts loading the thread's code ahead of need. */
export function preloadThread(): void {
  // A failed fetch is not an error here: rendering the thread asks for its code again.
  Thread.preload().catch(() => {});
}

/** The thread, with the conversation skeleton while its code arrives. */
export function LazyThread({ skeleton }: { skeleton: React.ReactNode }) {
  return (
    <Suspense fallback={skeleton}>
      <Thread empty={null} />
    </Suspense>
  );
}
