import rehypeHighlight from "rehype-highlight";
import type { Pluggable } from "./plugin-types";

// Loaded with import() only once a fenced code block appears. rehype-highlight registers lowlight's
// `common` set (37 languages), not all of highlight.js; no guessing for unlabelled blocks.
// Its attacher builds a new lowlight instance (37 registrations, and each grammar compiled again on first
// use), and react-markdown runs attachers on every render: 4+ ms per block with code highlighting on,
// which made finished blocks and the final update long tasks. One instance, one transformer, built here.
const transform = rehypeHighlight({ detect: false });

export const highlightPlugin: Pluggable = function highlight() {
  return transform;
};
