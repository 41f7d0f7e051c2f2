/** Caps enforced by the route handlers and shown in the UI; README lists them. */
export const LIMITS = {
  chatBodyBytes: 24 * 1024 * 1024,
  chatMessages: 200,
  chatTextChars: 400_000,
  chatImagesPerRequest: 16,
  imageDataUrlBytes: 8 * 1024 * 1024,
  maxTokens: 32_768,
  imagesN: 4,
  imagePromptChars: 4_000,
  imagesBodyBytes: 64 * 1024,
  /** The gateway's own transcription limit (OpenAI's 25 MB). */
  audioBytes: 25 * 1024 * 1024,
  /** Multipart overhead on top of the audio file. */
  transcriptionBodyBytes: 25 * 1024 * 1024 + 64 * 1024,
} as const;

export const IMAGE_SIZES = ["1024x1024", "1536x1024", "1024x1536", "1792x1024", "1024x1792"] as const;
export const IMAGE_QUALITIES = ["standard", "hd", "low", "medium", "high", "auto"] as const;
export const TRANSCRIPTION_FORMATS = ["json", "verbose_json", "text", "srt", "vtt"] as const;
