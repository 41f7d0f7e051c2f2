import { memo } from "react";
import type { PluginSet } from "./plugin-types";
import { MarkdownBlock } from "./markdown-block";
import { pluginsFor } from "./use-markdown-plugins";

/** `full` and `live` come separately: each is a stable object, so the memo holds between deltas. */
/** Blocks from `highlighted` on have just finished: they keep their unhighlighted parse until the next render. */
type Props = { blocks: readonly string[]; highlighted: number; full: PluginSet; live: PluginSet };

/**
 * The blocks that can no longer change. The splitter hands back the same array until a block finishes, so
 * a streamed delta skips this whole list instead of comparing hundreds of block props one by one.
 */
export const FinishedBlocks = memo(function FinishedBlocks({ blocks, highlighted, full, live }: Props) {
  // The index is the block's identity: a finished block keeps its text, so MarkdownBlock's memo skips it.
  return blocks.map((block, i) => (
    <MarkdownBlock key={i} source={block} plugins={i < highlighted ? pluginsFor(block, { full, live }) : live} />
  ));
});
