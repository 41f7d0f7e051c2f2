/**
 * Splits streamed markdown into top-level blocks so that finished blocks are parsed once and only
 * the growing tail is parsed again on each delta.
 *
 * Splitting is the risky direction (merging blocks just renders them together, as a whole-document
 * parse would), so every rule errs towards merging: a block ends only at a blank line outside a
 * code fence or `$$` math block, and only once the next line is known to start something new
 * (not indented, not the next item of a list). Link/footnote definitions resolve only within
 * their own block.
 */
export type BlockSplit = {
  /** Blocks that can no longer change, whatever text is appended. */
  finished: readonly string[];
  /** The last, still growing block (may be empty). */
  tail: string;
};

export type BlockSplitter = (text: string) => BlockSplit;

// Info strings of backtick fences may not contain a backtick (CommonMark), so "```x```" is inline code.
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const MATH_OPEN = /^[ \t]*\$\$[^$]*$/;
const MATH_CLOSE = /^[ \t]*\$\$+[ \t]*$/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
// What an unfinished line could still grow into a list marker from.
const PARTIAL_LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)]?)$/;
const BLANK = /^[ \t]*$/;

type Start = "new" | "continue" | "unknown";

function classifyStart(line: string, terminated: boolean, inList: boolean): Start {
  if (line[0] === " " || line[0] === "\t") return "continue";
  if (!inList) return "new";
  if (LIST_ITEM.test(line)) return "continue";
  return !terminated && PARTIAL_LIST_ITEM.test(line) ? "unknown" : "new";
}

function closesFence(line: string, fence: string): boolean {
  const t = line.trim();
  if (t.length < fence.length || t[0] !== fence[0]) return false;
  for (let i = 1; i < t.length; i++) if (t[i] !== fence[0]) return false;
  return true;
}

/**
 * Finds the block boundaries in `text` from `offset` (which must be a block start).
 * Returns the finished blocks found and the new offset.
 */
export function scanBlocks(text: string, offset: number): { blocks: string[]; offset: number } {
  const blocks: string[] = [];
  let blockStart = offset;
  let pos = offset;
  let fence: string | null = null;
  let inMath = false;
  let inList = false;
  let hasContent = false;
  let afterBlank = false;

  while (pos < text.length) {
    const nl = text.indexOf("\n", pos);
    const terminated = nl !== -1;
    const end = terminated ? nl : text.length;
    const line = text.slice(pos, end);

    if (fence !== null) {
      if (terminated && closesFence(line, fence)) fence = null;
    } else if (inMath) {
      if (terminated && MATH_CLOSE.test(line)) inMath = false;
    } else if (BLANK.test(line)) {
      if (hasContent) afterBlank = true;
    } else {
      if (afterBlank) {
        const start = classifyStart(line, terminated, inList);
        if (start === "unknown") break;
        if (start === "new") {
          blocks.push(text.slice(blockStart, pos));
          blockStart = pos;
          inList = false;
        }
        afterBlank = false;
      }
      hasContent = true;
      if (LIST_ITEM.test(line)) inList = true;
      const open = FENCE_OPEN.exec(line);
      if (open && open[1] && !(open[1][0] === "`" && open[2]?.includes("`"))) fence = open[1];
      else if (MATH_OPEN.test(line)) inMath = true;
    }

    if (!terminated) break;
    pos = nl + 1;
  }
  return { blocks, offset: blockStart };
}

/**
 * An incremental splitter: when the new text extends the previous one, scanning resumes at the
 * start of the last unfinished block instead of at character 0.
 */
export function createBlockSplitter(): BlockSplitter {
  let source = "";
  let finished: readonly string[] = [];
  let offset = 0;

  return (text) => {
    if (!text.startsWith(source)) {
      finished = [];
      offset = 0;
    }
    source = text;
    const found = scanBlocks(text, offset);
    if (found.blocks.length > 0) {
      finished = [...finished, ...found.blocks];
      offset = found.offset;
    }
    return { finished, tail: text.slice(offset) };
  };
}
