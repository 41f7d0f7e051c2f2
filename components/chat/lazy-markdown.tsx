"use client";
import { Suspense } from "react";
import { lazyWithPreload } from "react-lazy-with-preload";

// The markdown stack (react-markdown, remark, micromark) is ~47 kB gzipped: it stays out of the chat page's
// first load. It is fetched when an answer is on its way (the person types, sends, or opens a saved
// conversation), so it is usually ready before the first answer arrives and never competes with the first
// paint of an empty chat. Until it is, an answer shows as plain text. Once preloaded, an answer renders as
// markdown at once, without suspending (see lazy-thread.tsx).
const Markdown = lazyWithPreload(() => import("@/components/markdown/markdown").then((m) => ({ default: m.Markdown })));

/** Starts loading the markdown stack ahead of need (typing, sending, opening a saved conversation). */
export function preloadMarkdown(): void {
  // A failed fetch is not an error here: an answer asks for the code again when it renders.
  Markdown.preload().catch(() => {});
}

export function LazyMarkdown(props: { text: string; streaming?: boolean; className?: string }) {
  return (
    <Suspense fallback={<div className={`whitespace-pre-wrap ${props.className ?? ""}`}>{props.text}</div>}>
      <Markdown {...props} />
    </Suspense>
  );
}
