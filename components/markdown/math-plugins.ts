import remarkMath from "remark-math";
import katex from "katex";
import type { Pluggable } from "./plugin-types";
import type { MathRenderer } from "./math-runtime";
import { onceSyntaxPlugin } from "./once-plugin";
import "katex/dist/katex.min.css";

// Loaded with import() only once the text contains math delimiters; brings KaTeX's CSS along.
export const remarkMathPlugin: Pluggable = onceSyntaxPlugin(remarkMath);

// KaTeX builds DOM nodes itself (no HTML strings), and trust stays false so \href/\url cannot make
// javascript: links. A half-streamed formula shows in muted text rather than an error red.
export const renderMath: MathRenderer = (tex, into, display) =>
  katex.render(tex, into, { displayMode: display, throwOnError: false, strict: "ignore", trust: false, errorColor: "var(--muted)" });
