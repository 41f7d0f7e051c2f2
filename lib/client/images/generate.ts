"use client";
import { apiFetch, ApiError } from "@/lib/client/api";
import type { ImagesRequest } from "@/lib/schemas";
import { asImagesResponse } from "@/lib/client/wire";
import { base64ToBytes, sniffImage } from "./bytes";
import type { NewPicture } from "./gallery";

export type Generation = { pictures: NewPicture[]; requested: number };

/** POST /api/images, then turns each answer into bytes we can keep (or a link with its notice). */
export async function generateImages(req: ImagesRequest, signal?: AbortSignal): Promise<Generation> {
  const res = await apiFetch("/api/images", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(req),
    signal,
  });
  const parsed = asImagesResponse(await res.json().catch(() => null));
  if (!parsed) {
    throw new ApiError(
      { code: "upstream_bad_response", message: "The server's answer about the pictures could not be read.", retryable: true },
      res.status,
    );
  }
  const base = { prompt: req.prompt, model: req.model, size: req.size, quality: req.quality };
  const pictures = parsed.images.map((img): NewPicture => {
    if ("data" in img) {
      const bytes = base64ToBytes(img.data);
      // The mime we trust is the one the bytes prove; anything else is kept as a notice, never shown.
      const mime = sniffImage(bytes);
      if (!mime) return { ...base, revisedPrompt: img.revisedPrompt, notice: "The gateway sent something that is not a picture; it was not kept." };
      return { ...base, revisedPrompt: img.revisedPrompt, blob: new Blob([bytes], { type: mime }) };
    }
    return { ...base, revisedPrompt: img.revisedPrompt, url: img.url, notice: img.notice };
  });
  return { pictures, requested: parsed.requested };
}

/** Quality choices where the model family has them; most gateway image models take none. */
export function qualitiesFor(model: string | undefined): readonly string[] {
  if (!model) return [];
  if (/dall-e-3/i.test(model)) return ["standard", "hd"];
  if (/gpt-image/i.test(model)) return ["auto", "low", "medium", "high"];
  return [];
}
