"use client";
import { lazy, Suspense } from "react";

// The thread (turns, actions, pictures, versions, edit box) is not part of an empty chat's first paint: it is
// loaded when a conversation is opened or the person starts writing, like the markdown stack.
const load = () => import("./thread");
const Thread = lazy(() => load().then((m) => ({ default: m.Thread })));

/** Starts loading the thread's code ahead of need. */
export function preloadThread(): void {
  void load();
}

/** The thread, with the conversation skeleton while its code arrives. */
export function LazyThread({ skeleton }: { skeleton: React.ReactNode }) {
  return (
    <Suspense fallback={skeleton}>
      <Thread empty={null} />
    </Suspense>
  );
}
