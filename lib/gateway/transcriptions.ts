import "server-only";
import type { Segment, TranscriptionFields, TranscriptionResponse } from "@/lib/schemas/transcriptions";
import { LIMITS } from "@/lib/schemas/limits";
import { getEnv } from "@/lib/server/env";
import { AppFailure, fail } from "@/lib/server/failure";
import { demoTranscription } from "./demo";
import { sniffAudio } from "./sniff";
import { assertOk, gatewayFetch, readReplyText, type GatewayContext } from "./transport";

type Format = TranscriptionResponse["format"];

/**
 * Names the upload for the gateway from its magic bytes alone: new-api picks its duration parser by file
 * extension (§5.3), and the client's filename is never trusted (U-4, U-5). Non-audio is a 415.
 */
export function audioUpload(bytes: Uint8Array): { filename: string; mime: string } {
  const type = sniffAudio(bytes);
  if (!type) throw fail("unsupported_media_type", "That file is not audio we can send: use WAV, MP3, M4A, OGG, FLAC or WebM.");
  return { filename: `audio.${type.ext}`, mime: type.mime };
}

function segmentsOf(raw: unknown): Segment[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const segments = raw.flatMap((s): Segment[] => {
    if (typeof s !== "object" || s === null) return [];
    const { start, end, text } = s as Record<string, unknown>;
    return typeof start === "number" && typeof end === "number" && typeof text === "string" ? [{ start, end, text: text.trim() }] : [];
  });
  return segments.length ? segments : undefined;
}

/** Reshapes `{text}`, verbose_json (Groq/OpenAI/DeepInfra extras ignored) or a text/plain body. */
export function normalizeTranscription(bodyText: string, contentType: string, format: Format): TranscriptionResponse {
  const asJson = format === "json" || format === "verbose_json" || /json/i.test(contentType);
  if (asJson) {
    let body: unknown;
    try {
      body = JSON.parse(bodyText);
    } catch {
      body = undefined;
    }
    if (typeof body === "object" && body !== null && typeof (body as { text?: unknown }).text === "string") {
      const record = body as Record<string, unknown>;
      const segments = segmentsOf(record.segments);
      const text = (record.text as string).trim() || segments?.map((s) => s.text).join(" ") || "";
      return {
        text,
        format,
        ...(typeof record.language === "string" && record.language ? { language: record.language } : {}),
        ...(typeof record.duration === "number" && record.duration > 0 ? { duration: record.duration } : {}),
        ...(segments ? { segments } : {}),
      };
    }
    if (format === "json" || format === "verbose_json") throw fail("upstream_bad_response", "The gateway's transcript was not in a form we can read.", { retryable: true });
  }
  return { text: bodyText.trim(), format };
}

async function call(fields: TranscriptionFields, audio: Uint8Array, format: Format, context: GatewayContext) {
  const { filename, mime } = audioUpload(audio);
  const form = new FormData();
  form.set("file", new Blob([audio as BlobPart], { type: mime }), filename);
  form.set("model", fields.model);
  if (fields.language) form.set("language", fields.language);
  if (fields.prompt) form.set("prompt", fields.prompt);
  if (fields.temperature !== undefined) form.set("temperature", String(fields.temperature));
  form.set("response_format", format);
  const reply = await gatewayFetch("transcriptions", { ...context, body: form, accept: "application/json, text/plain" });
  await assertOk(reply, [context.key]);
  return normalizeTranscription(await readReplyText(reply, 16 * 1024 * 1024), reply.headers.get("content-type") ?? "", format);
}

/**
 * POST /audio/transcriptions with the bytes unchanged. JSON is asked for as verbose_json (for segments); when
 * the gateway refuses that with a 4xx, the same upload is retried once as plain json.
 */
export async function transcribe(fields: TranscriptionFields, audio: Uint8Array, context: GatewayContext): Promise<TranscriptionResponse> {
  if (audio.byteLength === 0) throw fail("bad_request", "file: the recording is empty.");
  if (audio.byteLength > LIMITS.audioBytes) throw fail("payload_too_large", "file: the recording is larger than the 25 MB limit.");
  if (getEnv().DEMO_MODE) {
    audioUpload(audio);
    return demoTranscription();
  }
  const wanted = fields.response_format ?? "json";
  if (wanted !== "json" && wanted !== "verbose_json") return call(fields, audio, wanted, context);
  try {
    return await call(fields, audio, "verbose_json", context);
  } catch (err) {
    const refused = err instanceof AppFailure && err.error.code === "upstream_bad_request";
    if (!refused || context.signal.aborted) throw err;
    return call(fields, audio, "json", context);
  }
}
