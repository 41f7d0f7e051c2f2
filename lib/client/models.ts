"use client";
import { useEffect, useSyncExternalStore } from "react";
import type { ModelInfo, ModelKind } from "@/lib/schemas";

/**
 * The gateway's model list, the one piece of server data the pages read. react-query keeps it (fresh for 5
 * minutes, one retry after a second, refetch on demand), but the library and the request code load with the
 * first request (models-query.ts), not with the page: a provider and hooks in the root cost every page ~9 kB
 * gz of first-load JS. Here a tiny store mirrors the one shared observer's result for useSyncExternalStore.
 */
type ModelsState = { data?: ModelInfo[]; error?: Error; fetching: boolean };

const INITIAL: ModelsState = { fetching: false };

let state: ModelsState = INITIAL;
let observer: Promise<{ refetch: () => Promise<void>; refreshIfStale: () => Promise<void> }> | null = null;
const listeners = new Set<() => void>();

function set(next: ModelsState) {
  state = next;
  for (const fn of listeners) fn();
}

/** Starts the one observer of the model list (react-query fetches it unless its cached copy is fresh). */
function observe() {
  observer ??= import("./models-query").then(
    ({ observeModels }) => observeModels((r) => set({ data: r.data, error: r.error ?? undefined, fetching: r.isFetching })),
    (err: unknown) => {
      // The code did not arrive (offline, a deploy replaced it): say so, and let Retry ask for it again.
      observer = null;
      set({ ...state, error: new Error("The model list could not be loaded. Check the connection, then retry."), fetching: false });
      throw err;
    },
  );
  return observer;
}

const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};
const snapshot = () => state;
const serverSnapshot = () => INITIAL;

export type ModelsResult = {
  data: ModelInfo[] | undefined;
  isPending: boolean;
  isError: boolean;
  error: Error | undefined;
  isFetching: boolean;
  refetch: () => Promise<void>;
};

/** Starts loading the model list now (a page load does, before hydration: components/models/model-picker.tsx). */
export function startModels(): void {
  observe().then((o) => o.refreshIfStale(), () => {});
}

const refetch = () => observe().then((o) => o.refetch(), () => {});

export function useModels(): ModelsResult {
  const s = useSyncExternalStore(subscribe, snapshot, serverSnapshot);
  useEffect(() => {
    observe().then((o) => o.refreshIfStale(), () => {});
  }, []);
  const isError = !s.data && !!s.error;
  return { data: s.data, isPending: !s.data && !s.error, isError, error: s.error, isFetching: s.fetching, refetch };
}

export const KIND_LABEL: Record<ModelKind, string> = {
  chat: "Chat",
  "chat-image": "Image output",
  image: "Image generation",
  transcription: "Transcription",
  embedding: "Embedding",
  other: "Other",
};
