import { sniffBlob, PictureRejected, type PictureMime } from "./image-type";

/** Long side after downscaling: what vision models read anyway; larger only costs upload time and tokens. */
export const MAX_SIDE = 2048;
/** Above this a picture is re-encoded even when it is small enough in pixels. */
export const REENCODE_ABOVE = 1.5 * 1024 * 1024;
/** Headers claiming more pixels than this are refused before decoding (pixel flood, U-6). */
const MAX_PIXELS = 100_000_000;

export type PreparedPicture = {
  blob: Blob;
  mime: PictureMime;
  width: number;
  height: number;
  originalBytes: number;
  /** Whether the bytes were changed (downscaled or re-encoded). */
  changed: boolean;
};

/**
 * Checks a picture by its bytes and makes it fit for upload: long side ≤ MAX_SIDE, re-encoded when over
 * REENCODE_ABOVE; GIFs are left alone (re-encoding would lose the animation). Loaded with import() so
 * the canvas code costs nothing until someone adds a picture.
 */
export async function preparePicture(file: Blob, name = "file"): Promise<PreparedPicture> {
  const mime = await sniffBlob(file);
  if (!mime) throw new PictureRejected(name);
  const originalBytes = file.size;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new PictureRejected(name);
  }
  const { width, height } = bitmap;
  if (width * height > MAX_PIXELS) {
    bitmap.close();
    throw new Error(`“${name}” is ${width}×${height} pixels, more than this browser can safely shrink.`);
  }
  const typed = file.type === mime ? file : new Blob([file], { type: mime });
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  if (mime === "image/gif" || (scale === 1 && originalBytes <= REENCODE_ABOVE)) {
    bitmap.close();
    return { blob: typed, mime, width, height, originalBytes, changed: false };
  }
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  // PNGs with few colors stay PNG when that is already small; photos become JPEG (or WebP keeps WebP).
  const outMime: PictureMime = mime === "image/webp" ? "image/webp" : mime === "image/png" && originalBytes <= REENCODE_ABOVE ? "image/png" : "image/jpeg";
  const blob = await encode(bitmap, w, h, outMime);
  bitmap.close();
  if (blob.size >= originalBytes && scale === 1) return { blob: typed, mime, width, height, originalBytes, changed: false };
  return { blob, mime: outMime, width: w, height: h, originalBytes, changed: true };
}

async function encode(bitmap: ImageBitmap, w: number, h: number, mime: PictureMime): Promise<Blob> {
  const quality = mime === "image/png" ? undefined : 0.86;
  if (typeof OffscreenCanvas !== "undefined") {
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("This browser cannot resize pictures.");
    if (mime === "image/jpeg") {
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, w, h);
    }
    ctx.drawImage(bitmap, 0, 0, w, h);
    return canvas.convertToBlob({ type: mime, quality });
  }
  const canvas = document.createElement("canvas");
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("This browser cannot resize pictures.");
  if (mime === "image/jpeg") {
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, w, h);
  }
  ctx.drawImage(bitmap, 0, 0, w, h);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("This browser could not encode the picture."))), mime, quality),
  );
}
