import type { Page } from "@playwright/test";
import { expect } from "@playwright/test";

/** The chat page's parts, by role and label, shared by the chat, fault and trust specs. */
export const composer = (page: Page) => page.getByLabel("Message", { exact: true });
export const answers = (page: Page) => page.locator('article[data-role="assistant"]');
export const userMessages = (page: Page) => page.locator('article[data-role="user"]');

/** Opens /chat and picks `model` in the model picker. */
export async function openChat(page: Page, model = "gemini-2.5-flash") {
  await page.goto("/chat");
  const picker = page.getByRole("combobox", { name: "Model" });
  await picker.click();
  await picker.fill(model);
  await picker.press("Enter");
  await expect(picker).toHaveValue(model);
}

/**
 * Types `text` and presses Enter once the composer can send: Enter is ignored while an answer is still
 * streaming (a picture can be on screen before its stream has finished), so a test that sends a follow-up
 * waits for Send, not for what the answer shows. Resolves once the message has left the composer.
 */
export async function send(page: Page, text: string) {
  await composer(page).fill(text);
  await expect(page.getByRole("button", { name: "Send", exact: true })).toBeEnabled({ timeout: 30_000 });
  await composer(page).press("Enter");
  await expect(composer(page)).toHaveValue("");
}
