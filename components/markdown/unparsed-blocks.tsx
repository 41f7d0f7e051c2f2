import type { ReactElement } from "react";
import type { Element } from "hast";
import { CodeBlock } from "./code-block";
import { InlineCode } from "./inline-code";
import { PendingFormula } from "./math-formula";

// A fence that opens a block, not indented (its lines are then the code as typed, tabs and all), with an
// info string free of escapes and entities (which CommonMark would decode). Anything else goes to the parser.
const OPENING = /^(`{3,}|~{3,})([^\n]*)(?:\n|$)/;

/**
 * A block that is one fenced code block, unclosed (the tail while it streams) or closed by its last line, as
 * the element tree react-markdown would give it, built without parsing: while an answer streams a code
 * block, each delta otherwise parsed the whole block again (micromark, mdast, hast) only to find literal
 * text. Null for anything else, including a block with more after its closing line.
 * `markdown.test.tsx` checks the trees are the same as the parser's.
 */
export function fencedCode(source: string): ReactElement | null {
  const m = OPENING.exec(source);
  if (!m) return null;
  const fence = m[1]!;
  const info = m[2]!.trim();
  if ((fence[0] === "`" && info.includes("`")) || /[\\&\r]/.test(info)) return null;
  let value = source.slice(m[0].length);
  if (value.includes("\r")) return null;
  // A closing line ends the block only as its last line: the finished block then renders the same way.
  const closing = new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}[ \\t]*$`);
  const lines = m[0].endsWith("\n") ? value.split("\n") : [];
  const close = lines.findIndex((line) => closing.test(line));
  if (close !== -1) {
    if (close !== lines.length - 1) return null;
    value = lines.slice(0, close).join("\n");
  }

  const lang = info.split(/[ \t]/, 1)[0];
  const meta = info.slice(lang?.length ?? 0).trim();
  // mdast-util-to-hast: the code's text ends with a newline; the language is a class; the rest is data.meta.
  const text = value ? `${value}\n` : "";
  const className = lang ? [`language-${lang}`] : undefined;
  const code: Element = {
    type: "element",
    tagName: "code",
    properties: className ? { className } : {},
    children: text ? [{ type: "text", value: text }] : [],
    ...(meta ? { data: { meta } } : {}),
  };
  const pre: Element = { type: "element", tagName: "pre", properties: {}, children: [code] };
  return (
    <CodeBlock node={pre}>
      <InlineCode node={code} className={className?.join(" ")}>
        {text || undefined}
      </InlineCode>
    </CodeBlock>
  );
}

const MATH_OPENING = /^\$\$([^\n$]*)(?:\n|$)/;

/** A streaming block that is a `$$` display formula still waiting for its closing `$$`; null for anything else. */
export function openDisplayMath(source: string): ReactElement | null {
  const m = MATH_OPENING.exec(source);
  if (!m) return null;
  const body = source.slice(m[0].length);
  // Any `$$` after the opening line may close the formula (a closing line, or `$$` ending a line): the parser decides.
  if (body.includes("$$")) return null;
  return <PendingFormula tex={[m[1]!.trim(), body].filter(Boolean).join("\n")} />;
}
