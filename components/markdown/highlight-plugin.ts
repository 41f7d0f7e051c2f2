import rehypeHighlight from "rehype-highlight";
import type { Pluggable } from "./plugin-types";

// Loaded with import() only once a fenced code block appears. rehype-highlight registers lowlight's
// `common` set (37 languages), not all of highlight.js; no guessing for unlabelled blocks.
export const highlightPlugin: Pluggable = [rehypeHighlight, { detect: false }];
