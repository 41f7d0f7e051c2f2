import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import rehypeHighlight from "rehype-highlight";

const REMARK = [remarkGfm, remarkMath];
const REHYPE = [rehypeKatex, rehypeHighlight];

/** The baseline: what NextChat does, one react-markdown parse of the whole message per update. */
export function WholeMarkdown({ text }: { text: string }) {
  return (
    <div className="md">
      <ReactMarkdown remarkPlugins={REMARK} rehypePlugins={REHYPE}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
