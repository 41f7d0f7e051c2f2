import { z } from "zod";
import { IMAGE_QUALITIES, IMAGE_SIZES, LIMITS } from "./limits";
import { ModelId } from "./models";

/** POST /api/images: the gateway's request format. */
export const ImagesRequest = z
  .object({
    model: ModelId,
    prompt: z.string().trim().min(1, "prompt is empty").max(LIMITS.imagePromptChars),
    n: z.number().int().min(1).max(LIMITS.imagesN).optional(),
    size: z.enum(IMAGE_SIZES).optional(),
    quality: z.enum(IMAGE_QUALITIES).optional(),
  })
  .strict();
export type ImagesRequest = z.infer<typeof ImagesRequest>;

export const GeneratedImage = z.union([
  /** The picture's bytes, base64 without a prefix; `mime` from its magic bytes. */
  z.object({ mime: z.string(), data: z.string(), revisedPrompt: z.string().optional() }),
  /** The gateway returned a link we could not fetch: kept so the user sees what happened. */
  z.object({ url: z.string(), notice: z.string(), revisedPrompt: z.string().optional() }),
]);
export type GeneratedImage = z.infer<typeof GeneratedImage>;

export const ImagesResponse = z.object({
  images: z.array(GeneratedImage),
  /** How many were asked for; fewer may come back. */
  requested: z.number().int(),
  created: z.number().int().optional(),
});
export type ImagesResponse = z.infer<typeof ImagesResponse>;
