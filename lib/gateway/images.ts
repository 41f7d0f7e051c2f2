import "server-only";
import type { GeneratedImage, ImagesRequest, ImagesResponse } from "@/lib/schemas/images";
import { getEnv } from "@/lib/server/env";
import { fail } from "@/lib/server/failure";
import { demoImages } from "./demo";
import { fetchRemoteImage } from "./remote-image";
import { sniffImage } from "./sniff";
import { assertOk, gatewayFetch, readReplyJson, type GatewayContext } from "./transport";

/** n × a few MB of base64, with room to spare. */
const MAX_IMAGES_REPLY_BYTES = 96 * 1024 * 1024;

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v : undefined);

/** One `data[]` item: `b64_json` (no prefix, PNG or JPEG…) or `url`; the unused one is `""` on new-api. */
async function normalizeItem(item: unknown, signal: AbortSignal): Promise<GeneratedImage | undefined> {
  if (typeof item !== "object" || item === null) return undefined;
  const record = item as Record<string, unknown>;
  const revisedPrompt = text(record.revised_prompt);
  const extra = revisedPrompt ? { revisedPrompt } : {};
  const b64 = text(record.b64_json)?.replace(/^data:[^,]*,/, "").replace(/\s+/g, "");
  if (b64) {
    const bytes = Buffer.from(b64, "base64");
    const mime = sniffImage(bytes);
    return mime ? { mime, data: bytes.toString("base64"), ...extra } : undefined;
  }
  const url = text(record.url);
  if (!url) return undefined;
  if (url.startsWith("data:")) return normalizeItem({ b64_json: url, revised_prompt: revisedPrompt }, signal);
  const fetched = await fetchRemoteImage(url, signal);
  if (fetched.ok) return { mime: fetched.mime, data: fetched.data, ...extra };
  return { url, notice: fetched.notice, ...extra };
}

/** POST /images/generations, reshaped: every picture as checked bytes when we can get them. Fewer than asked is fine. */
export async function generateImages(request: ImagesRequest, context: GatewayContext): Promise<ImagesResponse> {
  if (getEnv().DEMO_MODE) return demoImages(request);
  const reply = await gatewayFetch("images", { ...context, body: JSON.stringify(request), accept: "application/json" });
  await assertOk(reply, [context.key]);
  const body = await readReplyJson(reply, MAX_IMAGES_REPLY_BYTES);
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  if (!Array.isArray(record.data)) throw fail("upstream_bad_response", "The gateway's answer had no pictures in it.", { retryable: true });
  const images: GeneratedImage[] = [];
  for (const item of record.data) {
    const image = await normalizeItem(item, context.signal);
    if (image) images.push(image);
  }
  if (images.length === 0) {
    throw fail("upstream_bad_response", "The gateway answered without a usable picture (none, or not PNG, JPEG, WebP or GIF).", { retryable: true });
  }
  const created = typeof record.created === "number" && Number.isInteger(record.created) ? record.created : undefined;
  return { images, requested: request.n ?? 1, ...(created !== undefined ? { created } : {}) };
}
