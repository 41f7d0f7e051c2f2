import type { FinishReason, ModelInfo } from "@/lib/schemas";

/**
 * Image-output models spend most of their tokens on the picture itself: with the gateway's default of 1024
 * they often stop with `length` before any picture arrives.
 */
export const IMAGE_MODEL_MAX_TOKENS = 8192;
export const IMAGE_MODEL_MAX_TOKENS_WHY =
  "Image-output models use many tokens for a picture; the gateway's default of 1024 often ends the answer before the picture arrives, so 8192 is used unless you set another value.";

export function defaultMaxTokens(model: Pick<ModelInfo, "kind"> | undefined): number | undefined {
  return model?.kind === "chat-image" ? IMAGE_MODEL_MAX_TOKENS : undefined;
}

/** Plain words for an answer that did not end normally. */
export const FINISH_EXPLAINED: Partial<Record<FinishReason, string>> = {
  length: "Cut off: the answer reached the max tokens limit. Continue it, or raise max tokens in this chat's settings.",
  content_filter: "Blocked: the provider's content filter stopped this answer.",
  incomplete: "Incomplete: the connection ended before the answer finished.",
  error: "The answer failed.",
  stopped: "Stopped by you.",
  tool_calls: "The model asked to call a tool, which this app does not run.",
};

