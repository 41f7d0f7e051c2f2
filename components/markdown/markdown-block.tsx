import { memo, type ReactElement } from "react";
import renderMarkdown, { type Components } from "react-markdown";
import type { PluginSet } from "./plugin-types";
import { urlTransform } from "./url-policy";
import { CodeBlock } from "./code-block";
import { MarkdownLink } from "./markdown-link";
import { MarkdownImage } from "./markdown-image";
import { MarkdownTable } from "./markdown-table";
import { TaskCheckbox } from "./task-checkbox";
import { InlineCode } from "./inline-code";
import { fencedCode, openDisplayMath } from "./unparsed-blocks";

const COMPONENTS: Components = {
  a: MarkdownLink,
  img: MarkdownImage,
  pre: CodeBlock,
  code: InlineCode,
  table: MarkdownTable,
  input: TaskCheckbox,
};

/** Rendered blocks kept per plugin set, newest last; enough for the blocks of a few long answers. */
const KEEP = 400;
const rendered = new WeakMap<PluginSet, Map<string, ReactElement>>();

/**
 * Parses one block, or hands back the element tree it gave before. A streamed block that finishes keeps its
 * component (BlockGroup), and its text gains the blank line that ended it, which is trimmed off below: when the
 * rest is what it showed a delta ago, its tree comes back from here and React leaves its DOM alone.
 * React elements are immutable, so one tree can serve several mounts (a block in two open answers, a
 * re-mounted thread).
 */
function parsed(source: string, plugins: PluginSet, streaming: boolean): ReactElement {
  // Unhighlighted, a block that is one code fence (open while it streams, or closed by its last line) needs no parse.
  const fence = plugins.highlight ? null : fencedCode(source);
  if (fence) return fence;
  const formula = streaming && plugins.math ? openDisplayMath(source) : null;
  if (formula) return formula;
  return parseMarkdown(source, plugins);
}

/** react-markdown's tree for a block, cached per plugin set. */
export function parseMarkdown(source: string, plugins: PluginSet): ReactElement {
  let cache = rendered.get(plugins);
  if (!cache) rendered.set(plugins, (cache = new Map()));
  const hit = cache.get(source);
  if (hit) return hit;
  const tree = renderMarkdown({
    children: source,
    remarkPlugins: plugins.remarkPlugins,
    rehypePlugins: plugins.rehypePlugins,
    components: COMPONENTS,
    urlTransform,
  });
  cache.set(source, tree);
  if (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  return tree;
}

/** `streaming`: the block is the growing tail of an answer still arriving. */
type Props = { source: string; plugins: PluginSet; streaming?: boolean };

/**
 * One top-level block. Memoized on its text and plugin set, which is what keeps finished blocks
 * from being parsed again while the answer streams (measured: bench/stream-render).
 * Raw HTML is escaped (no raw-HTML plugin; skipHtml would drop it silently instead).
 * Trailing newlines are dropped before parsing: they never change a block's rendering, and without them the
 * tail a delta ago and the finished block it became are the same text.
 */
export const MarkdownBlock = memo(function MarkdownBlock({ source, plugins, streaming = false }: Props) {
  return parsed(source.replace(/\n+$/, ""), plugins, streaming);
});
