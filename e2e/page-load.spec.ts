import { test, expect } from "./support/fixtures";

const HINT = "//# allFunctionsCalledOnLoad\n";

/** The scripts a page's HTML loads (not the nomodule polyfills, which browsers of today skip). */
const scriptsOf = (html: string) =>
  [...html.matchAll(/<script\b([^>]*)>/g)]
    .filter((m) => !/\bnomodule\b/i.test(m[1]!))
    .flatMap((m) => /\bsrc="([^"]+)"/.exec(m[1]!)?.[1]?.split("?")[0] ?? []);

// The build marks the scripts every page runs at load with V8's compile hint (scripts/compile-hints.mjs), so they
// compile as they stream in, off the main thread. Checked on what the server sends: a build finished without the
// step (a bare `next build`) fails here. Code loaded later must stay unmarked: most of it may never run.
test("a page's first-load scripts carry V8's compile hint, and the code it loads later does not", async ({ page, request }) => {
  const firstLoads = new Map<string, string[]>();
  for (const route of ["/chat", "/images", "/transcribe"]) {
    firstLoads.set(route, scriptsOf(await (await request.get(route)).text()));
    expect(firstLoads.get(route)!.length, route).toBeGreaterThan(3);
  }
  // Each script once: the framework's chunks are in every page's first load.
  for (const src of new Set([...firstLoads.values()].flat())) {
    const hinted = (await (await request.get(src)).text()).startsWith(HINT);
    expect(hinted, `${src} has no compile hint (was the build finished with scripts/compile-hints.mjs?)`).toBe(true);
  }

  const firstLoad = new Set(firstLoads.get("/chat"));
  await page.goto("/chat");
  // The chat's data code, the conversation item and the model list's code load after the first paint.
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByType("resource").filter((e) => new URL(e.name).pathname.endsWith(".js")).length))
    .toBeGreaterThan(firstLoad.size);
  const later = (await page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname)))
    .filter((p) => p.endsWith(".js") && !firstLoad.has(p));
  expect(later.length).toBeGreaterThan(0);
  for (const src of later) expect((await (await request.get(src)).text()).startsWith(HINT), src).toBe(false);
});
