import { z } from "zod";
import { TRANSCRIPTION_FORMATS } from "./limits";
import { ModelId } from "./models";

/** The non-file fields of POST /api/transcriptions (multipart, the gateway's field names). */
export const TranscriptionFields = z.object({
  model: ModelId,
  language: z.string().regex(/^[a-z]{2,3}$/, "language must be an ISO-639-1 code such as en").optional(),
  prompt: z.string().max(2_000).optional(),
  response_format: z.enum(TRANSCRIPTION_FORMATS).optional(),
  temperature: z.coerce.number().min(0).max(1).optional(),
});
export type TranscriptionFields = z.infer<typeof TranscriptionFields>;

export const Segment = z.object({ start: z.number(), end: z.number(), text: z.string() });
export type Segment = z.infer<typeof Segment>;

export const TranscriptionResponse = z.object({
  text: z.string(),
  language: z.string().optional(),
  duration: z.number().optional(),
  segments: z.array(Segment).optional(),
  /** The format the gateway actually answered in (after any fallback). */
  format: z.enum(TRANSCRIPTION_FORMATS),
});
export type TranscriptionResponse = z.infer<typeof TranscriptionResponse>;
