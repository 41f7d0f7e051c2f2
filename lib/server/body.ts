import "server-only";
import type { z } from "zod";
import { fail } from "./failure";
import { describeIssues } from "./responses";

function tooLarge(limit: number) {
  return fail("payload_too_large", `The request is larger than the ${formatBytes(limit)} limit.`);
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(n / 1024)} KB`;
}

/**
 * Reads the request body, refusing it with 413 as soon as it passes `limit` bytes (U-1, U-2): before reading
 * anything when Content-Length already says so, otherwise at limit+1 bytes, without buffering the rest.
 */
export async function readBoundedBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      chunks.length = 0;
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** A bounded read, then JSON, then the route's zod schema: every failure is a 400 that says what was wrong. */
export async function readJson<T extends z.ZodType>(request: Request, limit: number, schema: T): Promise<z.infer<T>> {
  const bytes = await readBoundedBody(request, limit);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw fail("bad_request", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw fail("bad_request", describeIssues(parsed.error));
  return parsed.data;
}

/** A bounded read, then a multipart parse of the buffered bytes (never `request.formData()` on an unbounded body). */
export async function readMultipart(request: Request, limit: number): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  const bytes = await readBoundedBody(request, limit);
  try {
    return await new Response(bytes as BodyInit, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw fail("bad_request", "The upload is not a valid multipart/form-data body.");
  }
}
