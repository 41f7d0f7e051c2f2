"use client";
import { useDeferredValue, useMemo, useState } from "react";
import { cn } from "@/lib/client/cn";
import { createBlockSplitter } from "./split-blocks";
import { pluginsFor, useMarkdownPlugins } from "./use-markdown-plugins";
import { MarkdownBlock } from "./markdown-block";
import { FinishedBlocks } from "./finished-blocks";
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
  return (
    <div className={cn("md", className)}>
      <FinishedBlocks blocks={finished} highlighted={highlighted} full={plugins.full} live={plugins.live} />
      {tail && (
        <MarkdownBlock key={finished.length} source={tail} streaming={streaming} plugins={tailDone ? pluginsFor(tail, plugins) : plugins.live} />
      )}
    </div>
  );
}
