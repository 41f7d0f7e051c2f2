import type { ComponentProps } from "react";
import type { ExtraProps } from "react-markdown";

type HastNode = { type: string; tagName?: string; value?: string; children?: HastNode[] };

function textOf(node: HastNode): string {
  if (node.type === "text") return node.value ?? "";
  return (node.children ?? []).map(textOf).join("");
}

function firstHeaderCells(node: HastNode | undefined): string[] {
  const thead = node?.children?.find((c) => c.tagName === "thead");
  const row = thead?.children?.find((c) => c.tagName === "tr");
  return (row?.children ?? []).filter((c) => c.tagName === "th").map((c) => textOf(c).trim()).filter(Boolean);
}

/**
 * A table in a horizontally scrolling, keyboard-focusable frame, so wide tables fit on phones. The frame is
 * named after the table's columns, so two tables in one page are two distinct regions (axe landmark-unique).
 */
export function MarkdownTable({ children, node }: ComponentProps<"table"> & ExtraProps) {
  const headers = firstHeaderCells(node as HastNode | undefined);
  const label = headers.length ? `Table: ${headers.join(", ")}`.slice(0, 120) : "Table";
  return (
    <div className="md-table" role="region" aria-label={label} tabIndex={0}>
      <table>{children}</table>
    </div>
  );
}
