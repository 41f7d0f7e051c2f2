import { useEffect, useMemo, useReducer, useState } from "react";
import remarkGfm from "remark-gfm";
import type { Pluggable, PluginSet } from "./plugin-types";
import { setMathRenderer } from "./math-runtime";
import { onceSyntaxPlugin } from "./once-plugin";

const gfm = onceSyntaxPlugin(remarkGfm);

type Loaded = { highlight?: Pluggable; math?: Pluggable };
const loaded: Loaded = {};
let highlightLoad: Promise<void> | undefined;
let mathLoad: Promise<void> | undefined;

function loadHighlight(): Promise<void> {
  highlightLoad ??= import("./highlight-plugin").then((m) => {
    loaded.highlight = m.highlightPlugin;
  });
  return highlightLoad;
}

function loadMath(): Promise<void> {
  mathLoad ??= import("./math-plugins").then((m) => {
    setMathRenderer(m.renderMath);
    loaded.math = m.remarkMathPlugin;
  });
  return mathLoad;
}

// One shared object per combination: blocks are memoized on plugin identity. Called with what has loaded.
const sets = new Map<string, PluginSet>();
function pluginSet(highlight: boolean, math: boolean): PluginSet {
  const key = `${highlight}|${math}`;
  let set = sets.get(key);
  if (!set) {
    const remarkPlugins: Pluggable[] = [gfm];
    const rehypePlugins: Pluggable[] = [];
    if (math && loaded.math) remarkPlugins.push(loaded.math);
    if (highlight && loaded.highlight) rehypePlugins.push(loaded.highlight);
    set = { remarkPlugins, rehypePlugins, highlight, math };
    sets.set(key, set);
  }
  return set;
}

const CODE_FENCE = /(?:^|\n)[ \t]*(?:```|~~~)/;
// $$…$$ or $x$ where the opening $ is followed by a non-space (so "$5 and $10" still counts; remark-math would too).
const MATH = /\$\$|\$[^\s$][^\n$]*\$/;
// Delimiters can straddle a delta boundary, so each check re-reads a little of the old text.
const OVERLAP = 200;

type Needs = { code: boolean; math: boolean };

/** Tells whether a growing text needs highlighting or math, reading only what was appended. */
function createNeedsDetector(): (text: string) => Needs {
  let source = "";
  let needs: Needs = { code: false, math: false };
  return (text) => {
    const from = text.startsWith(source) ? Math.max(0, source.length - OVERLAP) : 0;
    if (from === 0) needs = { code: false, math: false };
    const fresh = from === 0 ? text : text.slice(from);
    const code = needs.code || CODE_FENCE.test(fresh);
    const math = needs.math || MATH.test(fresh);
    if (code !== needs.code || math !== needs.math) needs = { code, math };
    source = text;
    return needs;
  };
}

/**
 * The set one block renders with: highlighting only for a block that has a code fence. A prose block then
 * renders with the same set finished as it did while it was the growing tail, so its parse is reused.
 */
export function pluginsFor(block: string, plugins: { full: PluginSet; live: PluginSet }): PluginSet {
  return plugins.full !== plugins.live && CODE_FENCE.test(block) ? plugins.full : plugins.live;
}

/**
 * The plugins for a text: GFM always; syntax highlighting and KaTeX are imported the first time
 * the text needs them, and blocks re-render once when they arrive.
 * `live` omits highlighting: the growing tail is re-parsed per delta, and its code is highlighted
 * once the block is finished or the stream ends.
 */
export function useMarkdownPlugins(text: string): { full: PluginSet; live: PluginSet } {
  const [detect] = useState(createNeedsDetector);
  const { code, math } = useMemo(() => detect(text), [detect, text]);
  const [, loadedOne] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    let live = true;
    const pending: Promise<void>[] = [];
    if (code && !loaded.highlight) pending.push(loadHighlight());
    if (math && !loaded.math) pending.push(loadMath());
    if (pending.length > 0) {
      Promise.all(pending).then(
        () => live && loadedOne(),
        // A failed chunk load leaves the text readable, only unhighlighted.
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [code, math]);

  const highlight = code && !!loaded.highlight;
  const withMath = math && !!loaded.math;
  return { full: pluginSet(highlight, withMath), live: pluginSet(false, withMath) };
}
