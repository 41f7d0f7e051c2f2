import path from "node:path";
import { expect, FIXTURES, sim, test } from "./support/fixtures";
import { answers, openChat, send, userMessages } from "./support/chat";

/**
 * Every gateway fault of gateway-protocol.md §8, driven from the simulated gateway through the real UI. Each must
 * end in a clear message, a way on (Retry / Continue / a countdown), and nothing lost: after a reload the user's
 * message and any partial answer are still there.
 */


type ChatFault = {
  /** §8 quirk number and name. */
  quirk: string;
  /** The security-checklist row it covers: S-2 errors before the stream, S-3 failures mid-stream, S-4 an idle gateway. */
  id?: "S-2" | "S-3" | "S-4";
  marker: string;
  model?: string;
  /** An error ending: the alert's text. */
  alert?: RegExp;
  /** A finish ending: the data-finish reason and its explanation. */
  finish?: { reason: string; text: RegExp };
  /** A normal ending despite the quirk. */
  done?: true;
  /** Some answer text arrives before the fault. */
  partial?: true;
  /** How the way on is offered: a Retry button (default) or a countdown. */
  wayOn?: RegExp;
  timeout?: number;
  /** Also check after a reload (always done when a partial answer arrived). */
  reload?: true;
};

const BROKE_OFF = /broke off|ended unexpectedly|interrupted|connection/i;

const CHAT_FAULTS: ChatFault[] = [
  { quirk: "8 slow first byte", marker: "slow-first-byte=4000", reload: true, done: true },
  { quirk: "8 pings, comments, CRLF", marker: "ping=200,comments,crlf", done: true },
  { id: "S-3", quirk: "10 truncated stream ending in [DONE]", marker: "truncated-done", finish: { reason: "incomplete", text: /Incomplete/ }, partial: true },
  { id: "S-3", quirk: "10 abrupt TCP close", marker: "abrupt-close", alert: BROKE_OFF, partial: true },
  { id: "S-4", quirk: "10 idle stall past the timeout", marker: "stall=14000", alert: /took too long|silent|timed out|stopped sending/i, partial: true, timeout: 40_000 },
  { id: "S-3", quirk: "11 OpenRouter mid-stream error", marker: "openrouter-error", alert: /broke off/, partial: true },
  { id: "S-3", quirk: "11 LiteLLM mid-stream error", marker: "litellm-error", alert: /broke off/, partial: true },
  { id: "S-3", quirk: "11 new-api relay_stream_error + [DONE]", marker: "relay-stream-error", alert: /broke off/, partial: true },
  { id: "S-3", quirk: "11 bare JSON error without data:", marker: "bare-json-error", alert: /broke off|could not read/, partial: true },
  { quirk: "12 length", marker: "length", finish: { reason: "length", text: /Cut off/ }, partial: true },
  { quirk: "12 content_filter with empty content (image model)", model: "gemini-2.5-flash-image", marker: "content-filter", reload: true, finish: { reason: "content_filter", text: /Blocked/ } },
  { quirk: "13/15 401 invalid key", marker: "error=401", reload: true, alert: /refused the API key/ },
  { quirk: "15 401 echoing a masked key", marker: "echo-key", alert: /refused the API key/ },
  { quirk: "15 403 insufficient_user_quota", marker: "error=403-quota", alert: /run out of balance or quota/ },
  { quirk: "15 403 model not allowed", marker: "error=403-model", alert: /not allowed to use this model/ },
  { id: "S-2", quirk: "15 503 no channel", marker: "error=503-no-channel", alert: /No provider is available/ },
  { quirk: "15 400 prompt_blocked", marker: "error=400-prompt-blocked", alert: /blocked this prompt/ },
  { id: "S-2", quirk: "15 500 empty_response", marker: "error=500-empty-response", alert: /having trouble/ },
  { quirk: "15 413 body too large", marker: "error=413", alert: /too large/ },
  { quirk: "14 400 without code or param", marker: "error=400-no-code", alert: /did not accept/ },
  { quirk: "14 404 with a numeric code", marker: "error=404-gemini", alert: /did not accept/ },
  { id: "S-2", quirk: "16 429 without Retry-After", marker: "error=429", alert: /rate-limiting/ },
  { id: "S-2", quirk: "16 429 with Retry-After: 60", marker: "error=429-retry-after", reload: true, alert: /rate-limiting/, wayOn: /^Retry in \d+s$/ },
  { id: "S-2", quirk: "16 429 empty body", marker: "error=429-empty", alert: /rate-limiting/ },
  { id: "S-2", quirk: "16 429 upstream saturated", marker: "error=429-upstream", alert: /rate-limiting/ },
  { id: "S-2", quirk: "14/16 429 with a numeric code", marker: "error=429-gemini", alert: /rate-limiting/ },
  { id: "S-2", quirk: "17 nginx HTML 502", marker: "html-502", reload: true, alert: /having trouble/ },
  { id: "S-2", quirk: "17 nginx HTML 504", marker: "html-504", alert: /took too long/ },
  { id: "S-2", quirk: "17 Cloudflare 524", marker: "cf-524=1500", alert: /took too long/ },
  { id: "S-2", quirk: "17 502 wrapped as JSON", marker: "error=502-wrapped", alert: /having trouble/ },
  { quirk: "24 channel retries, then success", marker: "retry=3", done: true },
];

// This shared 2-core machine is slow under load; these flows are not about speed.
test.describe.configure({ timeout: 90_000 });

test.describe("chat faults", () => {
  for (const fault of CHAT_FAULTS) {
    test(`${fault.id ? `${fault.id}: ` : ""}§8.${fault.quirk}`, async ({ page }) => {
      test.setTimeout((fault.timeout ?? 20_000) + 70_000);
      await openChat(page, fault.model ?? "gemini-2.5-flash");
      const prompt = `Fault check ${fault.quirk.replace(/\W+/g, " ").trim()} [[sim:${fault.marker}]]`;
      await send(page, prompt);
      const answer = answers(page).last();
      await expect(answer).not.toHaveAttribute("data-status", "streaming", { timeout: fault.timeout ?? 20_000 });

      if (fault.done) {
        await expect(answer).toHaveAttribute("data-status", "done");
        await expect(answer).toContainText("You asked");
      }
      if (fault.alert) {
        const alert = answer.getByRole("alert");
        await expect(alert).toContainText(fault.alert);
        await expect(alert.getByRole("button", { name: fault.wayOn ?? /^Retry/ })).toBeVisible();
      }
      if (fault.finish) {
        const notice = answer.locator(`[data-finish="${fault.finish.reason}"]`);
        await expect(notice).toContainText(fault.finish.text);
      }
      const firstParagraph = answer.locator("p").first();
      // The markdown renderer loads lazily; wait for the partial answer to be rendered before reading it.
      if (fault.partial) await expect(firstParagraph).toContainText("You asked");
      const partialText = fault.partial ? ((await firstParagraph.textContent()) ?? "") : "";

      // Nothing lost: the question, the answer and its state survive a reload. Pre-stream errors all take the
      // same path, so a representative few are reloaded (CI time on 2 cores); every partial answer is.
      await expect(page).toHaveURL(/\/chat\/[\w-]+$/);
      const title = prompt.replace(/\s*\[\[sim:[^\]]*\]\]/, "");
      // The sidebar shortens long titles with an ellipsis: match on their start.
      await expect(page.getByRole("navigation", { name: "Saved conversations" }).getByRole("link", { name: title.slice(0, 40) })).toBeVisible();
      if (!fault.partial && !fault.reload) return;
      await page.reload();
      await expect(userMessages(page).last()).toContainText(title, { timeout: 20_000 });
      await expect(answers(page)).toHaveCount(1);
      if (fault.partial) await expect(answers(page).last().locator("p").first()).toHaveText(partialText);
      if (fault.alert) await expect(answers(page).last().getByRole("alert")).toContainText(fault.alert);
    });
  }

  test("S-2: Retry after a fault sends the same question again, and the first failure stays readable until then", async ({ page }) => {
    await openChat(page, "gemini-2.5-flash");
    await send(page, "Try me twice [[sim:error=500-empty-response]]");
    const alert = answers(page).last().getByRole("alert");
    await expect(alert).toContainText(/having trouble/);
    await expect(alert).toContainText(/Request id/);
    const before = (await sim.log()).filter((e) => e.path === "/v1/chat/completions").length;
    await alert.getByRole("button", { name: /^Retry/ }).click();
    await expect.poll(async () => (await sim.log()).filter((e) => e.path === "/v1/chat/completions").length).toBe(before + 1);
    await expect(answers(page).last().getByRole("alert")).toContainText(/having trouble/);
    await expect(userMessages(page).filter({ hasText: "Try me twice" })).toHaveCount(1);
  });
});

test.describe("images faults", () => {
  const IMAGE_FAULTS: { id?: "S-2"; quirk: string; marker: string; alert: RegExp; retry?: RegExp | null }[] = [
    { id: "S-2", quirk: "15 500 no images generated", marker: "error=500-no-images", alert: /having trouble|no pictures|could not be made/i },
    // A refusal is not retried as is: the way on is rephrasing the prompt, which stays in the box.
    { quirk: "15 400 content policy refusal", marker: "refusal", alert: /did not accept|blocked|refused|policy/i, retry: null },
    { id: "S-2", quirk: "16 429 with Retry-After", marker: "error=429-retry-after", alert: /rate-limiting/, retry: /^Retry \(wait \d+ s\)$/ },
    { id: "S-2", quirk: "17 nginx HTML 502", marker: "html-502", alert: /having trouble/ },
    { id: "S-2", quirk: "17 Cloudflare 524 on a slow image call", marker: "cf-524=1500", alert: /took too long/ },
  ];
  for (const fault of IMAGE_FAULTS) {
    test(`${fault.id ? `${fault.id}: ` : ""}§8.${fault.quirk}`, async ({ page }) => {
      await page.goto("/images");
      const picker = page.getByRole("combobox", { name: "Model" });
      await picker.click();
      await picker.fill("flash-image");
      await page.getByRole("option", { name: /gemini-2\.5-flash-image/ }).click();
      const prompt = `A calm lake [[sim:${fault.marker}]]`;
      await page.getByRole("textbox", { name: "Prompt" }).fill(prompt);
      await page.getByRole("button", { name: "Generate", exact: true }).click();
      const alert = page.getByRole("alert").filter({ hasText: fault.alert });
      await expect(alert).toBeVisible({ timeout: 20_000 });
      if (fault.retry === null) await expect(alert.getByRole("button", { name: /^Retry/ })).toHaveCount(0);
      else await expect(alert.getByRole("button", { name: fault.retry ?? /^Retry/ })).toBeVisible();
      // What the user typed is kept for the next try.
      await expect(page.getByRole("textbox", { name: "Prompt" })).toHaveValue(prompt);
    });
  }

  test("§8.18 a picture link that expired is reported, not shown as a broken picture", async ({ page }) => {
    await page.goto("/images");
    const picker = page.getByRole("combobox", { name: "Model" });
    await picker.click();
    await picker.fill("flash-image");
    await page.getByRole("option", { name: /gemini-2\.5-flash-image/ }).click();
    await page.getByRole("textbox", { name: "Prompt" }).fill("An old map [[sim:url-expired]]");
    await page.getByRole("button", { name: "Generate", exact: true }).click();
    await expect(page.getByText(/could not (load|be fetched|fetch)|expired|only (gave|sent) a link/i).first()).toBeVisible({ timeout: 20_000 });
  });
});

test.describe("transcription faults", () => {
  const TRANSCRIBE_FAULTS: { id?: "S-2"; quirk: string; file: string; prompt?: string; alert: RegExp }[] = [
    { quirk: "20 ffprobe N/A on an accepted format", file: "speech-en.mp3", prompt: "[[sim:ffprobe-na]]", alert: /format|could not read/i },
    { id: "S-2", quirk: "16 429 on upload", file: "speech-en.wav", prompt: "[[sim:error=429]]", alert: /rate-limiting/ },
    { id: "S-2", quirk: "17 nginx HTML 502 on upload", file: "speech-en.wav", prompt: "[[sim:html-502]]", alert: /having trouble/ },
  ];
  for (const fault of TRANSCRIBE_FAULTS) {
    test(`${fault.id ? `${fault.id}: ` : ""}§8.${fault.quirk}`, async ({ page }) => {
      await page.goto("/transcribe");
      await page.getByLabel("Audio or video file").setInputFiles(path.join(FIXTURES, fault.file));
      if (fault.prompt) await page.getByLabel(/^Prompt/).fill(fault.prompt);
      await page.getByRole("button", { name: "Transcribe", exact: true }).click();
      const alert = page.getByRole("alert").filter({ hasText: fault.alert });
      await expect(alert).toBeVisible({ timeout: 30_000 });
      // The recording is still there to try again (nothing lost).
      await expect(page.getByText(fault.file).first()).toBeVisible();
    });
  }

  test("§8.20 corrupt audio (bytes that do not match the name) is refused in the browser before any upload", async ({ page }) => {
    await page.goto("/transcribe");
    await page.getByLabel("Audio or video file").setInputFiles(path.join(FIXTURES, "not-audio.mp3"));
    await expect(page.getByRole("alert").filter({ hasText: /not an audio or video file we can read.*Nothing was uploaded/ })).toBeVisible();
    expect((await sim.log()).filter((e) => e.path === "/v1/audio/transcriptions")).toHaveLength(0);
  });
});
