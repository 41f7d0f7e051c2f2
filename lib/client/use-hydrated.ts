"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False on the server and while hydrating, true from the render after: for what only the browser can draw.
 * The component that reads it re-renders once, synchronously, right after hydration; keep that component small.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
