"use client";
import { QueryClient, QueryObserver, type QueryObserverResult } from "@tanstack/react-query";
import type { ModelInfo } from "@/lib/schemas";
import { apiJson } from "./api";
import { asModels } from "./wire";

/**
 * react-query holds the model list: freshness, one shared request for concurrent readers, retry, refetch.
 * This module (and the library) is imported with the first request, after the page has painted, so neither
 * is in any page's first load; `useModels` in models.ts mirrors the observer's result into React.
 */
const client = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });

async function fetchModels(): Promise<ModelInfo[]> {
  return asModels(await apiJson<unknown>("/api/models"));
}

export type ModelsQueryResult = QueryObserverResult<ModelInfo[], Error>;

const options = {
  queryKey: ["models"],
  queryFn: fetchModels,
  staleTime: 5 * 60_000,
  retry: 1,
  retryDelay: 1000,
} as const;

export function observeModels(onChange: (result: ModelsQueryResult) => void) {
  const observer = new QueryObserver<ModelInfo[], Error>(client, options);
  const unsubscribe = observer.subscribe(onChange);
  onChange(observer.getCurrentResult());
  return {
    unsubscribe,
    refetch: () => observer.refetch().then(() => undefined),
    /** What a newly mounted reader does: fetch again only if the list is stale (or failed). */
    refreshIfStale: () => client.prefetchQuery(options),
  };
}
