"use client";
import { lazy, Suspense } from "react";

// The markdown stack (react-markdown, remark, micromark) is ~47 kB gzipped: it stays out of the chat page's
// first load and is fetched once the browser is idle (or sooner, when a saved conversation is opened), so it
// is usually ready before the first answer arrives. Until it is, an answer shows as plain text.
const load = () => import("@/components/markdown/markdown");
const Markdown = lazy(() => load().then((m) => ({ default: m.Markdown })));

/** Starts loading the markdown stack early (opening a saved conversation), so answers do not render twice. */
export function preloadMarkdown(): void {
  void load();
}

if (typeof window !== "undefined") {
  const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 1500));
  idle(preloadMarkdown);
}

export function LazyMarkdown(props: { text: string; streaming?: boolean; className?: string }) {
  return (
    <Suspense fallback={<div className={`whitespace-pre-wrap ${props.className ?? ""}`}>{props.text}</div>}>
      <Markdown {...props} />
    </Suspense>
  );
}
