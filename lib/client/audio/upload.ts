import type { TranscriptionResponse } from "@/lib/schemas";
import { asTranscription } from "@/lib/client/wire";
import { ApiError, apiHeaders, errorFromResponse, toApiError } from "@/lib/client/api";
import type { UploadPart } from "./prepare";

export type TranscribeOptions = { model: string; language?: string; prompt?: string; temperature?: number };

/**
 * POST /api/transcriptions with upload progress. fetch cannot report upload progress, so this one call uses
 * XMLHttpRequest; it still sends the person's key header and reads errors through the AppError contract.
 */
export function postTranscription(
  part: UploadPart,
  options: TranscribeOptions,
  { onProgress, signal }: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<TranscriptionResponse> {
  const form = new FormData();
  form.append("file", part.blob, part.filename);
  form.append("model", options.model);
  if (options.language) form.append("language", options.language);
  if (options.prompt?.trim()) form.append("prompt", options.prompt.trim());
  form.append("response_format", "verbose_json");
  if (options.temperature !== undefined) form.append("temperature", String(options.temperature));

  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(toApiError(new DOMException("Stopped", "AbortError")));
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/transcriptions");
    xhr.withCredentials = true;
    apiHeaders().forEach((value, key) => xhr.setRequestHeader(key, value));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    const onAbort = () => xhr.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => signal?.removeEventListener("abort", onAbort);
    xhr.onabort = () => {
      done();
      reject(toApiError(new DOMException("Stopped", "AbortError")));
    };
    xhr.onerror = () => {
      done();
      reject(toApiError(new TypeError("network")));
    };
    xhr.onload = async () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(asTranscription(JSON.parse(xhr.responseText)));
        } catch {
          reject(
            new ApiError(
              { code: "upstream_bad_response", message: "The server's answer could not be read as a transcript.", retryable: true },
              xhr.status,
            ),
          );
        }
        return;
      }
      const headers = new Headers();
      const retryAfter = xhr.getResponseHeader("Retry-After");
      if (retryAfter) headers.set("Retry-After", retryAfter);
      const contentType = xhr.getResponseHeader("Content-Type");
      if (contentType) headers.set("Content-Type", contentType);
      reject(await errorFromResponse(new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers })));
    };
    xhr.send(form);
  });
}
