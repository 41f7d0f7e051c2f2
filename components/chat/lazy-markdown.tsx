"use client";
import { lazy, Suspense } from "react";

// The markdown stack (react-markdown, remark, micromark) is ~47 kB gzipped: an empty chat never needs it, so it
// loads with the first answer; until then the answer shows as plain text, which it becomes a moment later.
const Markdown = lazy(() => import("@/components/markdown/markdown").then((m) => ({ default: m.Markdown })));

export function LazyMarkdown(props: { text: string; streaming?: boolean; className?: string }) {
  return (
    <Suspense fallback={<div className={`whitespace-pre-wrap ${props.className ?? ""}`}>{props.text}</div>}>
      <Markdown {...props} />
    </Suspense>
  );
}
