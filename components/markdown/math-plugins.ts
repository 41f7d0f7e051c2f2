import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import type { Pluggable } from "./plugin-types";
import "katex/dist/katex.min.css";

// Loaded with import() only once the text contains math delimiters; brings KaTeX's CSS along.
export const remarkMathPlugin: Pluggable = remarkMath;
// trust stays false (KaTeX's default), so \href/\url cannot produce javascript: links.
export const rehypeKatexPlugin: Pluggable = [rehypeKatex, { throwOnError: false, strict: "ignore", trust: false }];
