"use client";
import { useMemo, useState } from "react";
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
  return (
    <div className={cn("md", className)}>
      <FinishedBlocks blocks={finished} full={plugins.full} live={plugins.live} />
      {tail && <MarkdownBlock key={finished.length} source={tail} plugins={streaming ? plugins.live : pluginsFor(tail, plugins)} />}
    </div>
  );
}
