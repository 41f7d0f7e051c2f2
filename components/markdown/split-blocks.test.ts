import { describe, expect, it } from "vitest";
import { createBlockSplitter, scanBlocks } from "./split-blocks";

const all = (text: string) => {
  const { blocks, offset } = scanBlocks(text, 0);
  return [...blocks, text.slice(offset)];
};

const ANSWER = [
  "# Title\n\nIntro paragraph with **bold**.\n\n",
  "```ts\nconst a = 1;\n\n\nconst b = 2;\n```\n\n",
  "- one\n- two\n\n- three, loose\n\n  continued inside item\n\n",
  "1. first\n2. second\n\n10. tenth\n\n",
  "| a | b |\n|---|---|\n| 1 | 2 |\n\n",
  "$$\nx^2\n\ny^2\n$$\n\n",
  "~~~~\n```\nnot a close\n\n~~~~\n\n",
  "Text\n```py\nprint(1)\n\nprint(2)\n```\nafter\n\n",
  "> quote\n\nLast paragraph.",
];
const TEXT = ANSWER.join("");

describe("block splitter", () => {
  it("splits at blank lines between top-level blocks", () => {
    expect(all("a\n\nb\n\nc")).toEqual(["a\n\n", "b\n\n", "c"]);
  });

  it("never splits inside a code fence, a $$ block, a list or a table", () => {
    expect(all(TEXT)).toEqual([
      "# Title\n\n",
      "Intro paragraph with **bold**.\n\n",
      ANSWER[1],
      // Adjacent lists stay together (merging is always safe).
      ANSWER[2]! + ANSWER[3]!,
      ...ANSWER.slice(4, 8),
      "> quote\n\n",
      "Last paragraph.",
    ]);
  });

  it("keeps an unterminated fence whole to the end, as CommonMark does", () => {
    expect(all("intro\n\n```js\nlet a;\n\nlet b;\n\nlet c;")).toEqual(["intro\n\n", "```js\nlet a;\n\nlet b;\n\nlet c;"]);
  });

  it("does not take inline ```x``` for a fence opener", () => {
    expect(all("```inline```\n\nnext")).toEqual(["```inline```\n\n", "next"]);
  });

  it("does not take one-line $$x$$ for a math block opener", () => {
    expect(all("$$x$$\n\nnext")).toEqual(["$$x$$\n\n", "next"]);
  });

  it("joins back to the original text", () => {
    expect(all(TEXT).join("")).toBe(TEXT);
  });

  it("waits while a line after a list could still become the next item", () => {
    expect(all("- a\n\n1")).toEqual(["- a\n\n1"]);
    expect(all("- a\n\n1.")).toEqual(["- a\n\n1."]);
    expect(all("- a\n\n12 monkeys\n")).toEqual(["- a\n\n", "12 monkeys\n"]);
  });

  it("appending text never changes finished blocks (every delta size)", () => {
    const whole = createBlockSplitter()(TEXT);
    for (const step of [1, 3, 7, 23]) {
      const split = createBlockSplitter();
      let prev: readonly string[] = [];
      for (let n = 0; n <= TEXT.length; n += step) {
        const { finished, tail } = split(TEXT.slice(0, n));
        expect(finished.slice(0, prev.length)).toEqual(prev);
        expect(finished.join("") + tail).toBe(TEXT.slice(0, n));
        expect(whole.finished.slice(0, finished.length)).toEqual(finished);
        prev = finished;
      }
    }
  });

  it("rescans from scratch when the text is replaced rather than extended", () => {
    const split = createBlockSplitter();
    split("a\n\nb\n\nc");
    expect(split("x\n\ny")).toEqual({ finished: ["x\n\n"], tail: "y" });
  });
});
