import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect as baseExpect, sim, expectNoAxeViolations } from "./support/fixtures";
import { picture } from "./sim/picture.mjs";
import { seedGalleryPicture } from "./support/seed";

const OUT = process.env.E2E_OUT ?? ".ci-out";
// IndexedDB, decoding and downloads are slow on a loaded 2-core runner; the assertions are not about speed.
const expect = baseExpect.configure({ timeout: 25_000 });
const IMAGE_MODEL = "gemini-2.5-flash-image"; // answers PNG through /v1/images/generations
const FLUX = "black-forest-labs/FLUX-1-schnell"; // answers JPEG, with revised_prompt

/** The exact bytes the simulated gateway paints for a prompt (markers removed) and index. */
const simBytes = (cleanPrompt: string, i: number, format: "png" | "jpeg" = "png") =>
  picture({ seed: cleanPrompt + (i ? `#${i}` : ""), format, size: 256 }).bytes as Buffer;

async function chooseModel(page: Page, id: string) {
  await page.addInitScript((model) => {
    localStorage.setItem("gs-models", JSON.stringify({ state: { selected: { images: model } }, version: 1 }));
  }, id);
}

/** The radios are visually hidden inside their chips; a person clicks the chip. */
const pickRadio = (page: Page, name: string) =>
  page.locator("label").filter({ has: page.getByRole("radio", { name, exact: true }) }).click();

async function generate(page: Page, prompt: string, n = 1) {
  await page.getByRole("textbox", { name: "Prompt" }).fill(prompt);
  await pickRadio(page, n === 1 ? "1 picture" : `${n} pictures`);
  await page.getByRole("button", { name: "Generate", exact: true }).click();
}

const gallery = (page: Page) => page.getByRole("region", { name: /^Gallery/ });
const tiles = (page: Page) => gallery(page).getByRole("button", { name: /^Open picture/ });

test.describe("Images", () => {
  // Generous: the shared CI machine runs several builds at once; nothing here waits on a fixed delay but undo.
  test.describe.configure({ timeout: 150_000 });
  test("a new user generates four pictures, reloads, and downloads them byte for byte", async ({ page }) => {
    await page.goto("/images");
    // Pick the model the way a person does: the combobox, typed, chosen.
    const picker = page.getByRole("combobox", { name: "Model" });
    await picker.click();
    await picker.fill("flash-image");
    await page.getByRole("option", { name: new RegExp(IMAGE_MODEL) }).click();

    const prompt = "A lighthouse on a cliff at dawn, watercolor";
    await page.getByRole("textbox", { name: "Prompt" }).fill(prompt);
    await pickRadio(page, "4 pictures");
    await pickRadio(page, "3:2 (1536x1024)");
    await page.getByRole("textbox", { name: "Prompt" }).press("Control+Enter");

    await expect(page.getByText("4 pictures in")).toBeVisible({ timeout: 30_000 });
    await expect(tiles(page)).toHaveCount(4);

    const upstream = (await sim.log()).filter((e) => e.path.endsWith("/images/generations"));
    expect(upstream).toHaveLength(1);
    expect(upstream[0]?.body).toMatchObject({ model: IMAGE_MODEL, prompt, n: 4, size: "1536x1024" });

    await page.reload();
    await expect(tiles(page)).toHaveCount(4);
    await expect(page.getByRole("textbox", { name: "Prompt" })).toHaveValue(prompt);

    // Newest first; within one batch, in the gateway's order.
    for (let i = 0; i < 4; i++) {
      await tiles(page).nth(i).click();
      const dialog = page.getByRole("dialog", { name: "Picture" });
      await expect(dialog).toBeVisible();
      const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download" }).click()]);
      expect(download.suggestedFilename()).toBe("a-lighthouse-on-a-cliff-at-dawn-watercolor.png");
      const got = readFileSync((await download.path())!);
      expect(got.equals(simBytes(prompt, i)), `picture ${i} byte for byte`).toBe(true);
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
    }
    await page.screenshot({ path: `${OUT}/images-desktop-light.png`, fullPage: true });
  });

  test("b64_json with a revised prompt, a fetched url, and a url that could not be fetched", async ({ page }) => {
    await chooseModel(page, FLUX);
    await page.goto("/images");
    await generate(page, "A red fox in snow");
    await expect(page.getByText("1 picture in")).toBeVisible({ timeout: 30_000 });
    await tiles(page).first().click();
    await expect(page.getByRole("dialog").getByText("Model")).toBeVisible();
    await expect(page.getByRole("dialog").getByRole("img", { name: "A red fox in snow" })).toBeVisible();
    await page.keyboard.press("Escape");

    await generate(page, "A blue boat [[sim:url]]");
    await expect(page.getByText("1 picture in")).toBeVisible({ timeout: 30_000 });
    await expect(tiles(page)).toHaveCount(2);
    await tiles(page).first().click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("dialog").getByRole("button", { name: "Download" }).click(),
    ]);
    expect(readFileSync((await download.path())!).equals(simBytes("A blue boat", 0, "jpeg"))).toBe(true);
    await page.keyboard.press("Escape");

    await generate(page, "A green hill [[sim:url-expired]]");
    await expect(page.getByText(/came only as a link that could not be loaded/)).toBeVisible({ timeout: 30_000 });
    await page.reload();
    await expect(tiles(page)).toHaveCount(3);
    await expect(gallery(page).getByText("Link only: not kept")).toBeVisible();
    await tiles(page).first().click();
    await expect(page.getByRole("dialog").getByText(/could not load/).first()).toBeVisible();
  });

  test("the lightbox works by keyboard: open, step, close", async ({ page }) => {
    await chooseModel(page, IMAGE_MODEL);
    await page.goto("/images");
    await generate(page, "Three pears on a table", 3);
    await expect(tiles(page)).toHaveCount(3, { timeout: 30_000 });

    await tiles(page).first().focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Picture" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText("1 / 3")).toBeVisible();
    await page.keyboard.press("ArrowRight");
    await expect(dialog.getByText("2 / 3")).toBeVisible();
    await page.keyboard.press("ArrowRight");
    await expect(dialog.getByText("3 / 3")).toBeVisible();
    await page.keyboard.press("ArrowLeft");
    await expect(dialog.getByText("2 / 3")).toBeVisible();
    // Focus stays inside the modal dialog while tabbing.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      expect(await dialog.evaluate((d) => d.contains(document.activeElement) || document.activeElement === document.body)).toBe(true);
    }
    await expectNoAxeViolations(page);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  });

  test("delete with undo; the picture goes only after the undo window", async ({ page }) => {
    await chooseModel(page, IMAGE_MODEL);
    await page.goto("/images");
    await generate(page, "Two kites", 2);
    await expect(tiles(page)).toHaveCount(2, { timeout: 30_000 });

    await tiles(page).first().click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("Picture deleted.")).toBeVisible();
    await expect(tiles(page)).toHaveCount(1);
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(tiles(page)).toHaveCount(2);

    await tiles(page).first().click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("Picture deleted.")).toBeVisible();
    await expect(page.getByText("Picture deleted.")).toBeHidden({ timeout: 10_000 });
    await page.reload();
    await expect(tiles(page)).toHaveCount(1);
  });

  test("search, filter by model, reuse settings; refusal keeps the prompt; fewer pictures get a note", async ({ page }) => {
    await chooseModel(page, IMAGE_MODEL);
    await page.goto("/images");
    await generate(page, "Ocean waves", 1);
    await expect(tiles(page)).toHaveCount(1, { timeout: 30_000 });
    await generate(page, "Mountain lake [[sim:fewer]]", 3);
    await expect(page.getByText("You asked for 3; the gateway returned 2.")).toBeVisible({ timeout: 30_000 });
    await expect(tiles(page)).toHaveCount(3);

    await gallery(page).getByRole("searchbox", { name: "Search prompts" }).fill("ocean");
    await expect(tiles(page)).toHaveCount(1);
    await gallery(page).getByRole("searchbox", { name: "Search prompts" }).fill("");
    await gallery(page).getByRole("combobox", { name: "Filter by model" }).selectOption(IMAGE_MODEL);
    await expect(tiles(page)).toHaveCount(3);

    await tiles(page).last().click();
    await page.getByRole("dialog").getByRole("button", { name: "Reuse settings" }).click();
    await expect(page.getByRole("textbox", { name: "Prompt" })).toHaveValue("Ocean waves");

    const refused = "A forbidden thing [[sim:refusal]]";
    await generate(page, refused);
    const alert = page.getByRole("alert").filter({ hasText: /refused|policy|blocked/i });
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("textbox", { name: "Prompt" })).toHaveValue(refused);
    await page.screenshot({ path: `${OUT}/images-refusal.png` });
  });

  test("a quota error loses nothing: earlier pictures stay, new ones stay in the tab, the export has them all", async ({ page }) => {
    await chooseModel(page, IMAGE_MODEL);
    await page.addInitScript(() => {
      const w = window as unknown as { __quotaFull?: boolean };
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["put"]>) {
        if (w.__quotaFull) throw new DOMException("full", "QuotaExceededError");
        return put.apply(this, args);
      };
    });
    await page.goto("/images");
    await generate(page, "First batch", 2);
    await expect(tiles(page)).toHaveCount(2, { timeout: 30_000 });

    await page.evaluate(() => ((window as unknown as { __quotaFull: boolean }).__quotaFull = true));
    await generate(page, "Second batch", 2);
    await expect(page.getByText(/storage is full, so some of these pictures are kept in this tab only/)).toBeVisible({ timeout: 30_000 });
    const banner = page.getByRole("alert").filter({ hasText: "storage for the site is full" });
    await expect(banner).toBeVisible();
    await expect(tiles(page)).toHaveCount(4);
    await expect(gallery(page).getByText("Not saved")).toHaveCount(2);
    await page.screenshot({ path: `${OUT}/images-quota.png` });

    const [download] = await Promise.all([page.waitForEvent("download"), banner.getByRole("button", { name: "Export gallery" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^gateway-studio-gallery-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync((await download.path())!, "utf8")) as { items: { prompt: string; data: string }[] };
    expect(exported.items.map((i) => i.prompt).sort()).toEqual(["First batch", "First batch", "Second batch", "Second batch"]);
    const second = exported.items.filter((i) => i.prompt === "Second batch").map((i) => Buffer.from(i.data, "base64"));
    expect(second.some((b) => b.equals(simBytes("Second batch", 0)))).toBe(true);
    expect(second.some((b) => b.equals(simBytes("Second batch", 1)))).toBe(true);

    // Storage comes back: the stored ones were never touched.
    await page.evaluate(() => ((window as unknown as { __quotaFull: boolean }).__quotaFull = false));
    await page.reload();
    await expect(tiles(page)).toHaveCount(2);
  });

  test("a picture from a chat answer shows in the gallery with a link to its conversation; Edit in chat hands it over", async ({ page }) => {
    await page.goto("/images");
    await expect(page.getByText(/Pictures you generate here/)).toBeVisible();
    const png = [...simBytes("chat picture", 0)];
    await seedGalleryPicture(page, {
      id: "chat-pic-1", blobId: "chat-blob-1", bytes: png, prompt: "make it watercolor", model: IMAGE_MODEL,
      source: "chat", conversationId: "conv-42", messageId: "msg-7",
    });
    await page.reload();
    await expect(tiles(page)).toHaveCount(1);
    await expect(gallery(page).getByText("Chat", { exact: true })).toBeVisible();
    await gallery(page).getByRole("combobox", { name: "Filter by source" }).selectOption("chat");
    await expect(tiles(page)).toHaveCount(1);
    await tiles(page).first().click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("link", { name: "its chat conversation" })).toHaveAttribute("href", "/chat/conv-42");

    await dialog.getByRole("button", { name: "Edit in chat" }).click();
    // The chat page takes the handoff (lib/client/handoff.ts), opens the new conversation and puts the picture in the composer.
    await expect(page).toHaveURL(/\/chat\/[\w-]+$/);
    await expect(page.getByRole("heading", { name: "Edit: make it watercolor", level: 1 })).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.getItem("gs-chat-handoff"))).toBeNull();
  });

  test("looks right: light and dark, desktop and phone; no axe violations", async ({ page }) => {
    await chooseModel(page, IMAGE_MODEL);
    await page.goto("/images");
    await generate(page, "Lanterns over a river at night", 4);
    await expect(tiles(page)).toHaveCount(4, { timeout: 30_000 });
    await expectNoAxeViolations(page);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [name, width, height] of [["desktop", 1280, 900], ["phone", 390, 844]] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: `${OUT}/images-${name}-${scheme}.png`, fullPage: true });
        await tiles(page).first().click();
        await page.screenshot({ path: `${OUT}/images-lightbox-${name}-${scheme}.png` });
        await page.keyboard.press("Escape");
      }
    }
    await page.emulateMedia({ colorScheme: "dark" });
    await expectNoAxeViolations(page);
  });
});
