"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { AppError, ImagesRequest } from "@/lib/schemas";
import { ApiError, toApiError } from "@/lib/client/api";
import { generateImages } from "@/lib/client/images/generate";
import { saveToGallery, type GalleryItem } from "@/lib/client/images/gallery";

export type Run =
  | { status: "idle" }
  | { status: "working"; startedAt: number; n: number; size: string }
  | { status: "done"; items: GalleryItem[]; requested: number; quotaFull: boolean; seconds: number }
  | { status: "cancelled" }
  | { status: "error"; error: AppError; request: ImagesRequest };

/** One generation at a time: ask, keep every picture, or say exactly why not. Cancel aborts the request. */
export function useGeneration() {
  const [run, setRun] = useState<Run>({ status: "idle" });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const generate = useCallback(async (req: ImagesRequest) => {
    controller.current?.abort();
    const ac = new AbortController();
    controller.current = ac;
    const startedAt = Date.now();
    setRun({ status: "working", startedAt, n: req.n ?? 1, size: req.size ?? "1024x1024" });
    try {
      const { pictures, requested } = await generateImages(req, ac.signal);
      const { items, quotaFull } = await saveToGallery(pictures);
      if (controller.current === ac) {
        setRun({ status: "done", items, requested, quotaFull, seconds: Math.round((Date.now() - startedAt) / 1000) });
      }
    } catch (err) {
      if (controller.current !== ac) return;
      const error = describe(err);
      setRun(error.code === "aborted" ? { status: "cancelled" } : { status: "error", error, request: req });
    } finally {
      if (controller.current === ac) controller.current = null;
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  const dismiss = useCallback(() => setRun({ status: "idle" }), []);

  return { run, generate, cancel, dismiss };
}

function describe(err: unknown): AppError {
  if (err instanceof ApiError || (err instanceof DOMException && err.name === "AbortError")) return toApiError(err).info;
  // Past the network: the answer came but keeping it failed (storage broken, not full: full is handled in saveToGallery).
  const detail = err instanceof Error ? err.message : String(err);
  return { code: "internal", message: `The pictures arrived but this browser could not keep them: ${detail}`, retryable: true };
}
