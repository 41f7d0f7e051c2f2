import { z } from "zod";

export const ModelKind = z.enum(["chat", "chat-image", "image", "transcription", "embedding", "other"]);
export type ModelKind = z.infer<typeof ModelKind>;

/**
 * Model ids look like `gemini-2.5-flash` or `deepseek-ai/DeepSeek-V3-0324`: word characters, dots, colons
 * and dashes, with at most one `/` between two non-empty segments. No `..`, no query, no fragment, no CRLF (P-2).
 */
export const ModelId = z
  .string()
  .regex(/^[\w.:-]{1,128}(\/[\w.:-]{1,128})?$/, "model must be a model id such as gemini-2.5-flash")
  .refine((id) => !id.split("/").some((seg) => /^\.+$/.test(seg)), "model must be a model id");

export const ModelInfo = z.object({
  id: z.string(),
  /** Provider shown in the picker's groups, from the id prefix or the gateway's owned_by. */
  provider: z.string(),
  kind: ModelKind,
  /** Whether the model likely accepts pictures as input (judged from its id). */
  vision: z.boolean(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

export const ModelsResponse = z.object({
  models: z.array(ModelInfo),
  /** DEMO_MODE is on: answers are simulated; show a banner. */
  demo: z.boolean().optional(),
});
export type ModelsResponse = z.infer<typeof ModelsResponse>;
