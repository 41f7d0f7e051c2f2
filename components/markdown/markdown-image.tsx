import type { ComponentProps } from "react";
import type { ExtraProps } from "react-markdown";
import { isInlineImageSrc } from "./url-policy";

/**
 * Only our own raster data/blob pictures are shown inline. Any other image (a remote URL, which a
 * prompt injection could use to send chat text to a third party, or an SVG) becomes a link labelled
 * with its alt text, so nothing is fetched unless the reader clicks.
 */
export function MarkdownImage({ src, alt, title }: ComponentProps<"img"> & ExtraProps) {
  const url = typeof src === "string" ? src : undefined;
  if (isInlineImageSrc(url)) {
    // eslint-disable-next-line @next/next/no-img-element -- data:/blob: pictures; next/image cannot optimize them.
    return <img src={url} alt={alt ?? ""} title={title} loading="lazy" decoding="async" className="md-img" />;
  }
  const label = alt?.trim() || "image";
  if (!url) return <span className="md-image-link">[{label}]</span>;
  return (
    <a href={url} title={title ?? url} target="_blank" rel="noopener noreferrer nofollow" className="md-image-link">
      [{label}]
    </a>
  );
}
