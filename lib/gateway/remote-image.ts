import "server-only";
import { getEnv } from "@/lib/server/env";
import { sniffImage, type RasterMime } from "./sniff";

export const REMOTE_IMAGE_MAX_BYTES = 20 * 1024 * 1024;
const REMOTE_IMAGE_TIMEOUT_MS = 20_000;

export type FetchedImage = { ok: true; mime: RasterMime; data: string } | { ok: false; notice: string };

const PRIVATE_HOST = /^(localhost|.*\.localhost|.*\.local|.*\.internal|0\.0\.0\.0|127\.|10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.|\[?::1\]?|\[?f[cd][0-9a-f]{2}:|\[?fe80:)/i;

/**
 * Which links we fetch for a picture: the gateway's own origin, or a public https host. No private or
 * link-local hosts, no other schemes (a link that came back from the gateway must not reach our network).
 */
export function mayFetchImage(url: URL): boolean {
  const gateway = new URL(getEnv().GATEWAY_BASE_URL);
  if (url.origin === gateway.origin) return true;
  return url.protocol === "https:" && !PRIVATE_HOST.test(url.hostname) && !url.username && !url.password;
}

/** Fetches a picture the gateway linked to: no redirects, no credentials, a size cap and a timeout, magic bytes checked. */
export async function fetchRemoteImage(link: string, signal: AbortSignal): Promise<FetchedImage> {
  const unavailable = (why: string): FetchedImage => ({ ok: false, notice: `The gateway linked a picture we could not load (${why}).` });
  if (!URL.canParse(link)) return unavailable("bad link");
  const url = new URL(link);
  if (!mayFetchImage(url)) return unavailable("link not allowed");
  try {
    const response = await fetch(url, {
      redirect: "manual",
      signal: AbortSignal.any([signal, AbortSignal.timeout(REMOTE_IMAGE_TIMEOUT_MS)]),
      headers: { Accept: "image/png, image/jpeg, image/webp, image/gif" },
      cache: "no-store",
    });
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel().catch(() => {});
      return unavailable(`status ${response.status}`);
    }
    if (Number(response.headers.get("content-length") ?? 0) > REMOTE_IMAGE_MAX_BYTES) {
      await response.body.cancel().catch(() => {});
      return unavailable("too large");
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > REMOTE_IMAGE_MAX_BYTES) {
        await reader.cancel().catch(() => {});
        return unavailable("too large");
      }
      chunks.push(value);
    }
    const bytes = Buffer.concat(chunks);
    const mime = sniffImage(bytes);
    if (!mime) return unavailable("not a PNG, JPEG, WebP or GIF picture");
    return { ok: true, mime, data: bytes.toString("base64") };
  } catch {
    if (signal.aborted) throw signal.reason;
    return unavailable("the link did not answer in time");
  }
}
