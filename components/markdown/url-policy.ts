import { defaultUrlTransform, type UrlTransform } from "react-markdown";

// Pictures we produce ourselves (decoded uploads, generated images) are the only ones shown inline:
// raster data URLs and object URLs, which make no network request. SVG is excluded because it
// can carry script (CVE-2025-59417).
const INLINE_IMAGE = /^(?:data:image\/(?:png|jpeg|webp|gif);base64,[a-z0-9+/=\s]*|blob:https?:\/\/[^\s"'<>]+)$/i;

/** True for an image source that may be rendered as an <img> (X-3, X-5). */
export function isInlineImageSrc(src: string | undefined | null): src is string {
  return typeof src === "string" && INLINE_IMAGE.test(src);
}

/**
 * react-markdown's default transform (http, https, mailto, relative...) for every URL, with one
 * narrowing exception: an <img> src that is one of our own raster data/blob pictures is kept,
 * since the default would blank it.
 */
export const urlTransform: UrlTransform = (url, key, node) =>
  key === "src" && node.tagName === "img" && isInlineImageSrc(url) ? url : defaultUrlTransform(url);
