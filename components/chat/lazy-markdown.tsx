"use client";
import { lazy, Suspense } from "react";

// The markdown stack (react-markdown, remark, micromark) is ~47 kB gzipped: an empty chat never needs it, so it
// loads with the first answer; until then the answer shows as plain text, which it becomes a moment later.
const load = () => import("@/components/markdown/markdown");
const Markdown = lazy(() => load().then((m) => ({ default: m.Markdown })));

/** Starts loading the markdown stack early (opening a saved conversation), so answers do not render twice. */
export function preloadMarkdown(): void {
  void load();
}

export function LazyMarkdown(props: { text: string; streaming?: boolean; className?: string }) {
  return (
    <Suspense fallback={<div className={`whitespace-pre-wrap ${props.className ?? ""}`}>{props.text}</div>}>
      <Markdown {...props} />
    </Suspense>
  );
}
