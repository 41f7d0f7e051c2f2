import path from "node:path";
import { CHROMIUM_ARGS } from "../playwright.config";
import { test, expect as baseExpect, sim, FIXTURES } from "./support/fixtures";

const expect = baseExpect.configure({ timeout: 30_000 });

// Chromium's fake microphone plays the English speech fixture in a loop.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      ...CHROMIUM_ARGS,
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-audio-capture=${path.resolve(FIXTURES, "speech-en.wav")}`,
    ],
  },
  permissions: ["microphone"],
});

test("a recording from the microphone is paused, resumed, stopped and arrives upstream as WAV", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/transcribe");
  await page.getByRole("button", { name: "Record" }).click();
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
  // The level meter moves while speech plays, and the clock runs.
  await expect
    .poll(async () => Number(await page.getByRole("meter", { name: "Microphone input level" }).getAttribute("aria-valuenow")))
    .toBeGreaterThan(0);
  await expect(page.getByRole("timer", { name: "Recording time" })).toHaveText(/0:0[2-9]/);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByRole("timer", { name: "Recording time" })).toContainText("Paused");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByRole("timer", { name: "Recording time" })).toHaveText(/0:0[3-9]/);
  await page.getByRole("button", { name: "Stop" }).click();

  await expect(page.getByText(/^Recording .*\.webm$/)).toBeVisible();
  await expect(page.getByText(/converted to 16 kHz WAV/)).toBeVisible();
  await page.getByRole("button", { name: "Transcribe", exact: true }).click();
  await expect(page.locator("#transcript-title")).toBeVisible({ timeout: 60_000 });

  const [entry, ...more] = (await sim.log()).filter((e) => e.path === "/v1/audio/transcriptions");
  expect(more).toHaveLength(0);
  const file = entry?.file as { filename: string; size: number };
  expect(file.filename).toMatch(/\.wav$/);
  // 16 kHz mono 16-bit: at least the ~3 s recorded.
  expect((file.size - 44) / 32_000).toBeGreaterThan(2.5);
  await expect(page.getByText(/This is a simulated transcript/)).toBeVisible();
});

test("Discard throws a recording away", async ({ page }) => {
  await page.goto("/transcribe");
  await page.getByRole("button", { name: "Record" }).click();
  await expect(page.getByRole("timer", { name: "Recording time" })).toHaveText(/0:0[1-9]/);
  await page.getByRole("button", { name: "Discard" }).click();
  await expect(page.getByRole("button", { name: "Record" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Audio" })).toHaveCount(0);
});
