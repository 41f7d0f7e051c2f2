import type { ComponentProps } from "react";
import type { ExtraProps } from "react-markdown";

/**
 * Links in model output open in a new tab without referrer or opener, and are not endorsed.
 * A URL the default transform blanked (javascript:, vbscript:, data:...) becomes plain text.
 */
export function MarkdownLink({ href, title, id, children }: ComponentProps<"a"> & ExtraProps) {
  if (!href) return <span className="md-dead-link">{children}</span>;
  // In-page targets (GFM footnotes) stay in the page.
  if (href.startsWith("#")) return <a href={href} id={id}>{children}</a>;
  return (
    <a href={href} title={title} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  );
}
