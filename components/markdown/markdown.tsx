"use client";
import { useMemo, useState } from "react";
import { cn } from "@/lib/client/cn";
import { createBlockSplitter } from "./split-blocks";
import { useMarkdownPlugins } from "./use-markdown-plugins";
import { MarkdownBlock } from "./markdown-block";
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
  return (
    <div className={cn("md", className)}>
      {finished.map((block, i) => (
        // The index is the block's identity: a finished block keeps its text, so memo skips it.
        <MarkdownBlock key={i} source={block} plugins={plugins.full} />
      ))}
      {tail && <MarkdownBlock key={finished.length} source={tail} plugins={streaming ? plugins.live : plugins.full} />}
    </div>
  );
}
