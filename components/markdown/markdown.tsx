"use client";
import { type ReactElement, useDeferredValue, useMemo, useState } from "react";
import { cn } from "@/lib/client/cn";
import { createBlockSplitter } from "./split-blocks";
import { pluginsFor, useMarkdownPlugins } from "./use-markdown-plugins";
import { BlockGroup, GROUP } from "./block-group";
import "./markdown.css";

type Props = {
  /** Untrusted markdown (model output): raw HTML is escaped, URLs filtered, remote images not loaded. */
  text: string;
  /** True while deltas are still arriving: the last block then skips syntax highlighting. */
  streaming?: boolean;
  className?: string;
};

/**
 * Renders GFM markdown with code highlighting and KaTeX math (both loaded on first need).
 * Built for streaming: the text is split into top-level blocks, finished blocks are rendered once,
 * and each delta re-parses only the last block.
 */
export function Markdown({ text, streaming = false, className }: Props) {
  const [split] = useState(createBlockSplitter);
  const { finished, tail } = useMemo(() => split(text), [split, text]);
  const plugins = useMarkdownPlugins(text);
  // Highlighting a block that has just finished (or the tail, once the stream ends) waits for a deferred
  // render: the update that finishes it shows the parse it already had as the growing tail, and the colours
  // follow in a background render a moment later. A delta never pays for highlighting.
  const highlighted = useDeferredValue(finished.length);
  const tailDone = useDeferredValue(!streaming);
  const tailProps = tail ? { source: tail, streaming, plugins: tailDone ? pluginsFor(tail, plugins) : plugins.live } : undefined;
  // Groups of GROUP blocks; the tail (block index finished.length) joins the group it will belong to.
  const groups: ReactElement[] = [];
  const count = finished.length + (tail ? 1 : 0);
  for (let from = 0; from < count; from += GROUP) {
    const to = Math.min(from + GROUP, finished.length);
    const last = from + GROUP >= count;
    groups.push(
      <BlockGroup
        key={from}
        blocks={finished}
        from={from}
        to={to}
        highlighted={Math.min(Math.max(highlighted - from, 0), to - from)}
        full={plugins.full}
        live={plugins.live}
        tail={last ? tailProps : undefined}
      />,
    );
  }
  return <div className={cn("md", className)}>{groups}</div>;
}
