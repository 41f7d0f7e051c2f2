import type { ComponentProps } from "react";
import type { ExtraProps } from "react-markdown";

/** A table in a horizontally scrolling, keyboard-focusable frame, so wide tables fit on phones. */
export function MarkdownTable({ children }: ComponentProps<"table"> & ExtraProps) {
  return (
    <div className="md-table" role="region" aria-label="Table" tabIndex={0}>
      <table>{children}</table>
    </div>
  );
}
