import type { ComponentProps } from "react";
import type { ExtraProps } from "react-markdown";
import type { Element, ElementContent } from "hast";
import { CopyButton } from "./copy-button";
import { MathFormula } from "./math-formula";

function textOf(node: ElementContent | Element): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

function languageOf(code: Element | undefined): string | undefined {
  const classes = code?.properties.className;
  if (!Array.isArray(classes)) return undefined;
  for (const c of classes) {
    const m = /^language-(.+)$/.exec(String(c));
    if (m) return m[1];
  }
  return undefined;
}

/** A fenced code block: language label, copy button, and the (possibly highlighted) code; or display math. */
export function CodeBlock({ node, children, className, ...rest }: ComponentProps<"pre"> & ExtraProps) {
  const code = node?.children.find((c): c is Element => c.type === "element" && c.tagName === "code");
  const lang = languageOf(code);
  const text = code ? textOf(code).replace(/\n$/, "") : "";
  // remark-math marks $$ blocks this way; KaTeX typesets them instead of a code frame.
  if (lang === "math") return <MathFormula tex={text} display />;
  return (
    <div className="md-code">
      <div className="md-code-bar">
        <span className="md-code-lang">{lang ?? "text"}</span>
        <CopyButton text={text} />
      </div>
      {/* Focusable so a keyboard user can scroll long lines. */}
      <pre {...rest} className={className} tabIndex={0}>
        {children}
      </pre>
    </div>
  );
}
