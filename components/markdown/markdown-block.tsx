import { memo } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import type { PluginSet } from "./plugin-types";
import { urlTransform } from "./url-policy";
import { CodeBlock } from "./code-block";
import { MarkdownLink } from "./markdown-link";
import { MarkdownImage } from "./markdown-image";
import { MarkdownTable } from "./markdown-table";
import { TaskCheckbox } from "./task-checkbox";
import { InlineCode } from "./inline-code";

const COMPONENTS: Components = {
  a: MarkdownLink,
  img: MarkdownImage,
  pre: CodeBlock,
  code: InlineCode,
  table: MarkdownTable,
  input: TaskCheckbox,
};

type Props = { source: string; plugins: PluginSet };

/**
 * One top-level block. Memoized on its text and plugin set, which is what keeps finished blocks
 * from being parsed again while the answer streams (measured: bench/stream-render).
 * Raw HTML is escaped (no raw-HTML plugin; skipHtml would drop it silently instead).
 */
export const MarkdownBlock = memo(function MarkdownBlock({ source, plugins }: Props) {
  return (
    <ReactMarkdown
      remarkPlugins={plugins.remarkPlugins}
      rehypePlugins={plugins.rehypePlugins}
      components={COMPONENTS}
      urlTransform={urlTransform}
    >
      {source}
    </ReactMarkdown>
  );
});
