import { memo, useMemo, type ReactElement } from "react";
import type { PluginSet } from "./plugin-types";
import { MarkdownBlock } from "./markdown-block";
import { pluginsFor } from "./use-markdown-plugins";

/** Blocks per group: a delta re-renders at most this many finished blocks (each skipped by its memo) and the tail. */
export const GROUP = 16;

type Props = {
  /** Every finished block of the answer; this group shows `blocks[from]` up to (not including) `to`. */
  blocks: readonly string[];
  from: number;
  to: number;
  /** How many of this group's blocks render highlighted (blocks past that have just finished, see Markdown). */
  highlighted: number;
  /** `full` and `live` come separately: each is a stable object, so the memo holds between deltas. */
  full: PluginSet;
  live: PluginSet;
  /** The growing tail, in the last group only: it sits in the slot it keeps once it is finished. */
  tail?: { source: string; streaming: boolean; plugins: PluginSet };
};

/** Same blocks (by reference: finished blocks never change), same range and plugins, no tail in either. */
function sameGroup(a: Props, b: Props): boolean {
  if (a.from !== b.from || a.to !== b.to || a.highlighted !== b.highlighted || a.full !== b.full || a.live !== b.live) return false;
  if (a.tail || b.tail) return false;
  for (let i = a.from; i < a.to; i++) if (a.blocks[i] !== b.blocks[i]) return false;
  return true;
}

/**
 * A run of up to GROUP consecutive blocks of an answer, and in the last run the growing tail.
 *
 * The tail is keyed by the index it will have in the finished list and rendered under the same parent, so when
 * the stream finishes it, React keeps its component and DOM: a block moving from the tail to the finished
 * list used to be unmounted and mounted again, which made the updates that finish a block the slowest ones
 * (bench/stream-render). Groups keep the other side bounded: a delta re-renders only the last group, and a
 * block finishing leaves every full group untouched (sameGroup), instead of walking the whole list.
 */
export const BlockGroup = memo(function BlockGroup({ blocks, from, to, highlighted, full, live, tail }: Props) {
  // The finished blocks' elements change only when a block finishes or gets its colours: the last group renders
  // on every delta, and then hands React the same elements (nothing to compare, no plugin choice made again).
  const finished = useMemo(() => {
    const children: ReactElement[] = [];
    for (let i = from; i < to; i++) {
      const block = blocks[i]!;
      children.push(<MarkdownBlock key={i} source={block} plugins={i - from < highlighted ? pluginsFor(block, { full, live }) : live} />);
    }
    return children;
  }, [blocks, from, to, highlighted, full, live]);
  if (!tail) return finished;
  // A flat array of keyed children: a nested array or fragment would put the tail under a different parent.
  return [...finished, <MarkdownBlock key={to} source={tail.source} streaming={tail.streaming} plugins={tail.plugins} />];
}, sameGroup);
