"use client";
import { useQuery } from "@tanstack/react-query";
import type { ModelInfo, ModelKind } from "@/lib/schemas";
import { asModels } from "./wire";
import { apiJson } from "./api";

export const modelKeys = { all: ["models"] as const };

export async function fetchModels(): Promise<ModelInfo[]> {
  const body = await apiJson<unknown>("/api/models");
  return asModels(body);
}

export function useModels() {
  return useQuery({ queryKey: modelKeys.all, queryFn: fetchModels, staleTime: 5 * 60_000, retry: 1 });
}

export const KIND_LABEL: Record<ModelKind, string> = {
  chat: "Chat",
  "chat-image": "Image output",
  image: "Image generation",
  transcription: "Transcription",
  embedding: "Embedding",
  other: "Other",
};
