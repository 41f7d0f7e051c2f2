import { test, expect } from "./support/fixtures";

// Nothing on a page moves while it loads. Two ways it used to:
// - the first frame was painted while the HTML was still being parsed (the shell first, then the chat view grew
//   into place); app/layout.tsx now blocks rendering until the page's markup is parsed (<link rel="expect">);
// - content that arrives after hydration pushed what was below it down (the Images form and storage line, the
//   Settings record count, the gallery's loading line); each now has its place from the first paint.
// A slowed CPU (3×, as a mid-range phone) widens the windows in which either happens; before the fixes 5 of 8
// such loads of /chat and every load of /images and /settings shifted.
const PAGES = ["/chat", "/images", "/transcribe", "/settings"];
const SIZES = [
  { name: "desktop", width: 1350, height: 940 },
  { name: "phone", width: 412, height: 823 },
];

for (const size of SIZES) {
  test(`no layout shift while each page loads (${size.name}, CPU slowed 3×)`, async ({ page, context }) => {
    test.slow();
    await page.setViewportSize({ width: size.width, height: size.height });
    await context.addInitScript(() => {
      const w = window as unknown as { __shifts: string[] };
      w.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { value: number; sources?: { node?: Node | null }[] })[]) {
          const what = (e.sources ?? []).map((s) => (s.node instanceof Element ? `${s.node.tagName.toLowerCase()}.${s.node.className}` : (s.node?.textContent ?? "").slice(0, 40))).join(", ");
          w.__shifts.push(`${e.value.toFixed(4)} ${what}`);
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 3 });
    for (const path of PAGES) {
      await page.goto(path, { waitUntil: "load" });
      // Past the late arrivals: the model list, the stored records, the storage estimate.
      await page.waitForTimeout(2500);
      const shifts = await page.evaluate(() => (window as unknown as { __shifts: string[] }).__shifts);
      expect(shifts, `${path} at ${size.name} width`).toEqual([]);
    }
  });
}
