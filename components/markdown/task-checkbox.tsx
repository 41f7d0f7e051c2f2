import type { ComponentProps } from "react";
import type { ExtraProps } from "react-markdown";

/** GFM task-list checkbox: read-only, with a name for screen readers. */
export function TaskCheckbox({ type, checked }: ComponentProps<"input"> & ExtraProps) {
  return <input type={type} checked={!!checked} readOnly disabled aria-label={checked ? "Done" : "Not done"} />;
}
