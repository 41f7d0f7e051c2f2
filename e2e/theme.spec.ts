import { test, expect } from "./support/fixtures";

// The palette is one set of light-dark() values; the theme class picks the side through color-scheme.
// These read the colours the page really paints, so a theme class that stops switching them fails here.
const LIGHT_BG = "rgb(251, 251, 250)";
const DARK_BG = "rgb(18, 19, 20)";

const cases = [
  { theme: "light", os: "dark", bg: LIGHT_BG },
  { theme: "dark", os: "light", bg: DARK_BG },
  { theme: "system", os: "light", bg: LIGHT_BG },
  { theme: "system", os: "dark", bg: DARK_BG },
] as const;

for (const c of cases) {
  test(`theme ${c.theme} with the OS in ${c.os} paints the ${c.bg === DARK_BG ? "dark" : "light"} palette from the first response`, async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "gs-theme", value: c.theme, url: baseURL! }]);
    await page.emulateMedia({ colorScheme: c.os });
    await page.goto("/settings");
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${c.theme}\\b`));
    const colours = await page.evaluate(() => {
      const body = getComputedStyle(document.body);
      return { bg: body.backgroundColor, fg: body.color, scheme: getComputedStyle(document.documentElement).colorScheme };
    });
    expect(colours.bg).toBe(c.bg);
    expect(colours.fg).not.toBe(colours.bg);
  });
}
