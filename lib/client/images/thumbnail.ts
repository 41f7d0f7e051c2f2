export const THUMB_EDGE = 384;

export type Thumbnail = { thumb?: Blob; width?: number; height?: number };

/**
 * A small WebP preview made off the main thread where the browser can, so a grid of hundreds decodes
 * kilobytes instead of megabytes. Any failure just means "no thumbnail": the original is used instead.
 */
export async function makeThumbnail(original: Blob): Promise<Thumbnail> {
  if (typeof createImageBitmap !== "function") return {};
  let full: ImageBitmap | undefined;
  try {
    full = await createImageBitmap(original);
    const { width, height } = full;
    const scale = Math.min(1, THUMB_EDGE / Math.max(width, height));
    if (scale === 1 && original.size < 200_000) return { width, height };
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    const canvas = typeof OffscreenCanvas === "function" ? new OffscreenCanvas(w, h) : null;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return { width, height };
    ctx.drawImage(full, 0, 0, w, h);
    const thumb = await canvas.convertToBlob({ type: "image/webp", quality: 0.8 });
    return { thumb, width, height };
  } catch {
    return {};
  } finally {
    full?.close();
  }
}
