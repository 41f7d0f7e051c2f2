"use client";
import { useEffect, useSyncExternalStore } from "react";
import type { ModelInfo, ModelKind } from "@/lib/schemas";

/** The request and shape-check code load with the first request, after the page has mounted, not with it. */
export async function fetchModels(): Promise<ModelInfo[]> {
  const [{ apiJson }, { asModels }] = await Promise.all([import("./api"), import("./wire")]);
  const body = await apiJson<unknown>("/api/models");
  return asModels(body);
}

/**
 * The gateway's model list, the one piece of server data the pages read. A module-level cache instead of
 * react-query: one query did not pay for the library's ~9 kB gz and its provider in every page's first load.
 * Same behaviour as before: fresh for 5 minutes, one retry after a second, a manual refetch on error.
 */
type ModelsState = { data?: ModelInfo[]; error?: Error; fetching: boolean; at: number };

const STALE_MS = 5 * 60_000;
const RETRY_DELAY_MS = 1000;
const INITIAL: ModelsState = { fetching: false, at: 0 };

let state: ModelsState = INITIAL;
let inflight: Promise<void> | null = null;
const listeners = new Set<() => void>();

function set(next: ModelsState) {
  state = next;
  for (const fn of listeners) fn();
}

/** Fetches the list unless a fresh one is cached (or `force`); concurrent callers share one request. */
export function loadModels(force = false): Promise<void> {
  if (inflight) return inflight;
  if (!force && state.data && Date.now() - state.at < STALE_MS) return Promise.resolve();
  set({ ...state, fetching: true });
  inflight = (async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        set({ data: await fetchModels(), fetching: false, at: Date.now() });
        return;
      } catch (err) {
        if (attempt >= 1) {
          set({ ...state, error: err instanceof Error ? err : new Error(String(err)), fetching: false });
          return;
        }
        await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
      }
    }
  })().finally(() => {
    inflight = null;
  });
  return inflight;
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

const refetch = () => loadModels(true);

export function useModels(): ModelsResult {
  const s = useSyncExternalStore(subscribe, snapshot, serverSnapshot);
  useEffect(() => {
    void loadModels();
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
