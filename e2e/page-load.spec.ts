import { answers, openChat, send } from "./support/chat";
import { test, expect } from "./support/fixtures";

const HINT = "//# allFunctionsCalledOnLoad\n";

/** The scripts a page's HTML loads (not the nomodule polyfills, which browsers of today skip). */
const scriptsOf = (html: string) =>
  [...html.matchAll(/<script\b([^>]*)>/g)]
    .filter((m) => !/\bnomodule\b/i.test(m[1]!))
    .flatMap((m) => /\bsrc="([^"]+)"/.exec(m[1]!)?.[1]?.split("?")[0] ?? []);

// The build marks the scripts every page runs at load with V8's compile hint (scripts/compile-hints.mjs), so they
// compile as they stream in, off the main thread; and the chunks that code imports directly, which a chat fetches
// right after hydration. Checked on what the server sends: a build finished without the step (a bare `next build`)
// fails here. KaTeX and highlight.js, which the markdown renderer loads when an answer needs them and of which only
// part runs, must stay unmarked.
test("first-load scripts and the chunks they import carry V8's compile hint; KaTeX and highlight.js do not", async ({ page, request }) => {
  const text = new Map<string, string>();
  const read = async (src: string) => {
    if (!text.has(src)) text.set(src, await (await request.get(src)).text());
    return text.get(src)!;
  };
  const firstLoads = new Map<string, string[]>();
  for (const route of ["/chat", "/images", "/transcribe"]) {
    firstLoads.set(route, scriptsOf(await (await request.get(route)).text()));
    expect(firstLoads.get(route)!.length, route).toBeGreaterThan(3);
  }
  // Each script once: the framework's chunks are in every page's first load.
  for (const src of new Set([...firstLoads.values()].flat())) {
    expect((await read(src)).startsWith(HINT), `${src} has no compile hint (was the build finished with scripts/compile-hints.mjs?)`).toBe(true);
  }

  // A chat answer with code and formulas, so the markdown renderer, highlight.js and KaTeX all load.
  await openChat(page);
  await send(page, "Show me everything [[sim:long=4000]]");
  await expect(answers(page).last()).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  await expect(answers(page).last().locator(".katex").first()).toBeVisible();
  await expect(answers(page).last().locator("code.hljs").first()).toBeVisible();

  const firstLoad = new Set(firstLoads.get("/chat"));
  const later = (await page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname)))
    .filter((p) => p.endsWith(".js") && !firstLoad.has(p));
  const hinted = new Map<string, boolean>();
  for (const src of later) hinted.set(src, (await read(src)).startsWith(HINT));
  const holding = (marker: string) => later.filter((src) => text.get(src)!.includes(marker));

  // One import away: the markdown renderer and the thread's code.
  for (const marker of ["remarkjs/react-markdown", "Regenerate answer"]) {
    expect(holding(marker).length, marker).toBeGreaterThan(0);
    for (const src of holding(marker)) expect(hinted.get(src), `${src} (${marker})`).toBe(true);
  }
  // Further away: KaTeX and highlight.js.
  for (const marker of ["KaTeX parse error", "registerLanguage"]) {
    expect(holding(marker).length, marker).toBeGreaterThan(0);
    for (const src of holding(marker)) expect(hinted.get(src), `${src} (${marker})`).toBe(false);
  }
  // And the rule itself: a later chunk is marked exactly when a first-load chunk names it.
  const firstLoadCode = [...firstLoad].map((src) => text.get(src) ?? "").join("\n");
  for (const src of later) {
    const named = firstLoadCode.includes(`"${src.replace(/^\/_next\//, "")}"`);
    expect(hinted.get(src), `${src}: named by the first load ${named}`).toBe(named);
  }
});
