import type { ChatStreamEvent, ErrorEnvelope, ImagesResponse, ModelInfo, TranscriptionResponse } from "@/lib/schemas";

/**
 * Shape checks for what our own /api routes send. The server validates with the zod schemas in lib/schemas;
 * the browser only checks the fields it relies on, so zod (33 kB gzipped, and an eval probe that the CSP
 * blocks) stays out of the client bundle. Everything here imports types only.
 */
type Obj = Record<string, unknown>;
export const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
export const isStr = (x: unknown): x is string => typeof x === "string";

export function isErrorEnvelope(x: unknown): x is ErrorEnvelope {
  return isObj(x) && isObj(x.error) && isStr(x.error.code) && isStr(x.error.message);
}

const EVENT_FIELDS: Record<ChatStreamEvent["type"], (e: Obj) => boolean> = {
  start: (e) => isStr(e.model),
  text: (e) => isStr(e.delta),
  reasoning: (e) => isStr(e.delta),
  image: (e) => isStr(e.mime) && isStr(e.data),
  image_unavailable: (e) => isStr(e.notice),
  usage: (e) => isObj(e.usage) && typeof e.usage.totalTokens === "number",
  finish: (e) => isStr(e.reason),
  error: (e) => isErrorEnvelope(e),
};

/** One of our stream events, or null for anything else (ignored, never evaluated: X-4). */
export function asChatStreamEvent(x: unknown): ChatStreamEvent | null {
  if (!isObj(x) || !isStr(x.type) || !Object.hasOwn(EVENT_FIELDS, x.type)) return null;
  return EVENT_FIELDS[x.type as ChatStreamEvent["type"]](x) ? (x as ChatStreamEvent) : null;
}

export class WireError extends Error {
  constructor(what: string) {
    super(`The server sent an unexpected ${what} response.`);
    this.name = "WireError";
  }
}

export function asModels(x: unknown): ModelInfo[] {
  if (!isObj(x) || !Array.isArray(x.models)) throw new WireError("model list");
  return x.models.filter((m): m is ModelInfo => isObj(m) && isStr(m.id) && isStr(m.kind) && isStr(m.provider));
}

export function asImagesResponse(x: unknown): ImagesResponse | null {
  if (!isObj(x) || !Array.isArray(x.images) || typeof x.requested !== "number") return null;
  const ok = x.images.every((i) => isObj(i) && ((isStr(i.mime) && isStr(i.data)) || (isStr(i.url) && isStr(i.notice))));
  return ok ? (x as ImagesResponse) : null;
}

export function asTranscription(x: unknown): TranscriptionResponse {
  if (!isObj(x) || !isStr(x.text) || !isStr(x.format)) throw new WireError("transcription");
  if (x.segments !== undefined && !Array.isArray(x.segments)) throw new WireError("transcription");
  return x as TranscriptionResponse;
}
