import { z } from "zod";
import { AppError } from "./errors";
import { LIMITS } from "./limits";
import { ModelId } from "./models";

/** Only pictures our own uploader made: a base64 data URL of a raster type. Never a remote URL (P-3). */
export const ImageDataUrl = z
  .string()
  .max(LIMITS.imageDataUrlBytes, "picture too large")
  .regex(/^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+={0,2}$/, "image_url must be a PNG, JPEG, WebP or GIF data URL");

export const TextPart = z.object({ type: z.literal("text"), text: z.string() });
export const ImagePart = z.object({
  type: z.literal("image_url"),
  image_url: z.object({ url: ImageDataUrl, detail: z.enum(["auto", "low", "high"]).optional() }),
});
export const ContentPart = z.discriminatedUnion("type", [TextPart, ImagePart]);
export type ContentPart = z.infer<typeof ContentPart>;

export const ChatMessage = z.discriminatedUnion("role", [
  z.object({ role: z.literal("system"), content: z.string() }),
  z.object({ role: z.literal("user"), content: z.union([z.string(), z.array(ContentPart).min(1)]) }),
  z.object({ role: z.literal("assistant"), content: z.union([z.string(), z.array(ContentPart).min(1)]) }),
]);
export type ChatMessage = z.infer<typeof ChatMessage>;

/** POST /api/chat: the gateway's own request format (minus `stream`, which is always on). */
export const ChatRequest = z
  .object({
    model: ModelId,
    messages: z.array(ChatMessage).min(1).max(LIMITS.chatMessages),
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: z.number().int().min(1).max(LIMITS.maxTokens).optional(),
  })
  .strict()
  .superRefine((request, ctx) => {
    // C-1: whole-conversation caps, which no single field can see.
    let chars = 0;
    let images = 0;
    for (const message of request.messages) {
      if (typeof message.content === "string") chars += message.content.length;
      else
        for (const part of message.content) {
          if (part.type === "text") chars += part.text.length;
          else images++;
        }
    }
    if (chars > LIMITS.chatTextChars) ctx.addIssue({ code: "custom", path: ["messages"], message: `the conversation is longer than ${LIMITS.chatTextChars} characters` });
    if (images > LIMITS.chatImagesPerRequest) ctx.addIssue({ code: "custom", path: ["messages"], message: `at most ${LIMITS.chatImagesPerRequest} pictures per request` });
  });
export type ChatRequest = z.infer<typeof ChatRequest>;

export const Usage = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  reasoningTokens: z.number().int().nonnegative().optional(),
  imageTokens: z.number().int().nonnegative().optional(),
});
export type Usage = z.infer<typeof Usage>;

/**
 * Why an answer ended. `incomplete`: the stream ended (even with [DONE]) without a finish reason;
 * `stopped`: the user stopped it (set by the browser, never by the server).
 */
export const FinishReason = z.enum(["stop", "length", "content_filter", "tool_calls", "incomplete", "error", "stopped"]);
export type FinishReason = z.infer<typeof FinishReason>;

/** The app's own stream, sent by /api/chat as SSE `data: <json>` lines. */
export const ChatStreamEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), requestId: z.string().optional(), model: z.string() }),
  z.object({ type: z.literal("text"), delta: z.string() }),
  z.object({ type: z.literal("reasoning"), delta: z.string() }),
  /** One whole picture, whatever wire shape it arrived in. `data` is base64 without a prefix. */
  z.object({ type: z.literal("image"), mime: z.string(), data: z.string() }),
  /** A picture the gateway only linked to and we could not fetch. */
  z.object({ type: z.literal("image_unavailable"), notice: z.string() }),
  z.object({ type: z.literal("usage"), usage: Usage }),
  /** `note`: a plain-words explanation when the reason is not a normal stop. */
  z.object({ type: z.literal("finish"), reason: FinishReason, note: z.string().optional() }),
  z.object({ type: z.literal("error"), error: AppError }),
]);
export type ChatStreamEvent = z.infer<typeof ChatStreamEvent>;
