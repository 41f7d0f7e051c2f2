import { expect, sim, test } from "./support/fixtures";
import { answers, openChat, send, userMessages } from "./support/chat";

/**
 * Checklist rows whose E test needs a fault the browser itself causes (offline, another tab, quota, old data)
 * or a measurement taken in the browser (request sizes, live object URLs). See /work/shared/security-checklist.md.
 */

// A shared 2-core CI machine: these flows are about what happens, not how fast.
test.describe.configure({ timeout: 90_000 });

const chatCalls = async () => (await sim.log()).filter((e) => e.path === "/v1/chat/completions");

test("S-7: going offline mid-stream shows an error, keeps the partial answer (also after a reload), and Continue and a new message work once back online", async ({ page, context }) => {
  await openChat(page);
  await send(page, "Tell me a long story [[sim:long=6000,pace=60]]");
  const answer = answers(page).first();
  await expect(answer.locator(".md")).toContainText(/\w{4,}/, { timeout: 30_000 });

  await context.setOffline(true);
  await expect(answer).toHaveAttribute("data-status", "error");
  const alert = answer.getByRole("alert");
  await expect(alert).toContainText(/went offline/);
  await expect(alert.getByRole("button", { name: "Continue" })).toBeVisible();
  const partial = await answer.locator(".md").innerText();
  expect(partial).toContain("You asked");
  // The stream the browser gave up on is not left running (and billing) upstream.
  await expect.poll(async () => (await chatCalls())[0]?.aborted, { timeout: 15_000 }).toBe(true);

  await context.setOffline(false);
  await page.reload();
  const again = answers(page).first();
  await expect(again).toHaveAttribute("data-status", "error");
  await expect(again.getByRole("alert")).toContainText(/went offline/);
  await expect.poll(() => again.locator(".md").innerText()).toBe(partial);

  await sim.reset();
  await again.getByRole("button", { name: "Continue" }).click();
  await expect(again).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  expect((await chatCalls())[0]?.body).toMatchObject({ messages: expect.arrayContaining([expect.objectContaining({ role: "assistant" })]) });

  await send(page, "Are you still there?");
  await expect(answers(page)).toHaveCount(2);
  await expect(answers(page).last()).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  await expect(userMessages(page)).toHaveCount(2);
});
