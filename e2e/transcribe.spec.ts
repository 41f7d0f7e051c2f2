import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect as baseExpect, sim, fixture, FIXTURES, expectNoAxeViolations, type SimLogEntry } from "./support/fixtures";

// First loads wait on hydration, /api/models and IndexedDB; on a busy shared CI box that can take many seconds.
const expect = baseExpect.configure({ timeout: 30_000 });

const OUT = process.env.E2E_OUT ?? ".ci-out";
const SUMS = new Map(
  readFileSync(path.join(FIXTURES, "SHA256SUMS"), "utf8")
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/).reverse() as [string, string]),
);
const SRT_TIME = /^(\d{2}):(\d{2}):(\d{2}),(\d{3}) --> (\d{2}):(\d{2}):(\d{2}),(\d{3})$/;
const VTT_TIME = /^(\d{2}):(\d{2}):(\d{2})\.(\d{3}) --> (\d{2}):(\d{2}):(\d{2})\.(\d{3})$/;
const seconds = (m: RegExpMatchArray, at: number) => +m[at]! * 3600 + +m[at + 1]! * 60 + +m[at + 2]! + +m[at + 3]! / 1000;

/** The Transcribe page, driven the way a person does: by labels and roles. */
const transcribePage = (page: Page) => ({
  fileInput: page.getByLabel("Audio or video file"),
  transcribe: page.getByRole("button", { name: "Transcribe", exact: true }),
  transcript: page.getByRole("region", { name: /./ }).filter({ has: page.locator("#transcript-title") }),
  segments: page.getByRole("list", { name: "Timed segments" }),
  async pick(file: string) {
    await this.fileInput.setInputFiles(file.includes("/") ? file : path.join(FIXTURES, file));
  },
  async run(file: string) {
    await this.pick(file);
    await this.transcribe.click();
    await expect(page.locator("#transcript-title")).toBeVisible({ timeout: 40_000 });
  },
  async download(format: "TXT" | "SRT" | "VTT" | "JSON"): Promise<string> {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: `Download ${format}` }).click()]);
    return readFileSync(await download.path(), "utf8");
  },
});

const uploads = async () => (await sim.log()).filter((e) => e.path === "/v1/audio/transcriptions");
type FileInfo = { filename: string; size: number; sha256: string; contentType?: string };
const fileOf = (e: SimLogEntry | undefined) => e?.file as FileInfo | undefined;

/**
 * Records each file the page hands to XMLHttpRequest (Playwright cannot read multipart bodies with Blobs),
 * so a test can check what the browser sent against what the gateway received.
 */
async function recordSentFiles(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __sent: Blob[] };
    w.__sent = [];
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (body) {
      const file = body instanceof FormData ? body.get("file") : null;
      if (file instanceof Blob) w.__sent.push(file);
      return send.call(this, body);
    };
  });
}

async function sentFile(page: Page, i: number): Promise<{ name: string; data: Buffer }> {
  const { name, b64 } = await page.evaluate(async (i) => {
    const f = (window as unknown as { __sent: File[] }).__sent[i]!;
    const bytes = new Uint8Array(await f.arrayBuffer());
    let bin = "";
    for (let j = 0; j < bytes.length; j += 0x8000) bin += String.fromCharCode(...bytes.subarray(j, j + 0x8000));
    return { name: f.name, b64: btoa(bin) };
  }, i);
  return { name, data: Buffer.from(b64, "base64") };
}

function expectWav16kMono(data: Buffer) {
  expect(data.toString("ascii", 0, 4)).toBe("RIFF");
  expect(data.toString("ascii", 8, 12)).toBe("WAVE");
  expect(data.readUInt16LE(20)).toBe(1); // PCM
  expect(data.readUInt16LE(22)).toBe(1); // mono
  expect(data.readUInt32LE(24)).toBe(16_000);
  expect(data.readUInt16LE(34)).toBe(16);
  expect(data.readUInt32LE(40)).toBe(data.length - 44);
}

test.describe("Transcribe", () => {
  // Decoding, uploading and a fresh browser per test: slow on a busy 2-core CI box.
  test.describe.configure({ timeout: 120_000 });
  for (const name of ["speech-en.wav", "speech-en.mp3", "speech-en.m4a", "speech-en.ogg", "speech-en.flac", "speech-zh.wav"]) {
    test(`${name} arrives upstream byte for byte`, async ({ page }) => {
      const t = transcribePage(page);
      await page.goto("/transcribe");
      await t.run(name);
      const [entry, ...more] = await uploads();
      expect(more).toHaveLength(0);
      expect(fileOf(entry)?.sha256).toBe(SUMS.get(name));
      expect(fileOf(entry)?.size).toBe(fixture(name).length);
      expect(fileOf(entry)?.filename).toMatch(new RegExp(`\\.${path.extname(name).slice(1)}$`));
      expect(entry?.fields).toMatchObject({ response_format: "verbose_json" });
      await expect(t.segments.getByRole("listitem").first()).toBeVisible();
      await expect(t.segments).toContainText(name.includes("zh") ? "这是一个中文对话" : "The quick brown fox");
    });
  }

  test("webm is converted to 16 kHz mono WAV in the browser and sent as .wav", async ({ page }) => {
    await recordSentFiles(page);
    const t = transcribePage(page);
    await page.goto("/transcribe");
    await t.pick("speech-en.webm");
    await expect(page.getByText(/converted to 16 kHz WAV/)).toBeVisible();
    await t.transcribe.click();
    await expect(page.locator("#transcript-title")).toBeVisible({ timeout: 40_000 });
    const [entry] = await uploads();
    expect(fileOf(entry)?.filename).toMatch(/\.wav$/);
    const part = await sentFile(page, 0);
    expect(part.name).toBe("speech-en.wav");
    expectWav16kMono(part.data);
    expect(fileOf(entry)?.size).toBe(part.data.length);
    expect(fileOf(entry)?.sha256).toBe(createHash("sha256").update(part.data).digest("hex"));
    // About 8.3 s of speech: 16 000 samples a second, 2 bytes each.
    expect(part.data.length / 32_000).toBeGreaterThan(7.5);
    expect(part.data.length / 32_000).toBeLessThan(9.5);
    await expect(page.getByText(/0:08 · \d+ segments/)).toBeVisible();
  });

  test("SRT and VTT exports are valid and in time with the audio", async ({ page }) => {
    const t = transcribePage(page);
    await page.goto("/transcribe");
    await t.run("speech-en.m4a");
    for (const [format, pattern] of [["SRT", SRT_TIME], ["VTT", VTT_TIME]] as const) {
      const text = await t.download(format);
      writeFileSync(path.join(OUT, `transcribe-export.${format.toLowerCase()}`), text);
      let blocks = text.trimEnd().split("\n\n");
      if (format === "VTT") {
        expect(blocks[0]).toBe("WEBVTT");
        blocks = blocks.slice(1);
      }
      expect(blocks.length).toBeGreaterThanOrEqual(2);
      let last = 0;
      blocks.forEach((block, i) => {
        const lines = block.split("\n");
        if (format === "SRT") expect(lines.shift()).toBe(String(i + 1));
        const m = lines[0]!.match(pattern);
        expect(m, lines[0]).not.toBeNull();
        const [start, end] = [seconds(m!, 1), seconds(m!, 5)];
        expect(start).toBeGreaterThanOrEqual(last);
        expect(end).toBeGreaterThan(start);
        last = end;
        expect(lines.slice(1).join(" ").trim()).not.toBe("");
      });
      // The speech fixture is about 8.27 s long: the last cue ends there.
      expect(last).toBeGreaterThan(8);
      expect(last).toBeLessThan(8.6);
    }
    const json = JSON.parse(await t.download("JSON"));
    expect(json.text).toContain("The quick brown fox");
    expect(json.segments.length).toBeGreaterThan(0);
    expect(await t.download("TXT")).toContain("The quick brown fox");
  });

  test("a file that is not audio is refused before upload", async ({ page }) => {
    const t = transcribePage(page);
    await page.goto("/transcribe");
    await t.pick("not-audio.mp3");
    await expect(page.getByRole("alert").filter({ hasText: "not-audio.mp3" })).toContainText("not an audio or video file");
    await expect(t.transcribe).toHaveCount(0);
    expect(await uploads()).toHaveLength(0);
  });

  test("a 30 MB WAV is split at a quiet point, sent in parts, and stitched with offsets", async ({ page }) => {
    test.setTimeout(120_000);
    // 16 kHz mono 16-bit, ~983 s: 9 s of tone then 1 s of silence, over and over.
    const rate = 16_000;
    const samples = Math.floor((30 * 1024 * 1024 - 44) / 2);
    const wav = Buffer.alloc(44 + samples * 2);
    wav.write("RIFF", 0, "ascii");
    wav.writeUInt32LE(wav.length - 8, 4);
    wav.write("WAVEfmt ", 8, "ascii");
    wav.writeUInt32LE(16, 16);
    wav.writeUInt16LE(1, 20);
    wav.writeUInt16LE(1, 22);
    wav.writeUInt32LE(rate, 24);
    wav.writeUInt32LE(rate * 2, 28);
    wav.writeUInt16LE(2, 32);
    wav.writeUInt16LE(16, 34);
    wav.write("data", 36, "ascii");
    wav.writeUInt32LE(samples * 2, 40);
    const silent = (i: number) => i % (10 * rate) >= 9 * rate;
    for (let i = 0; i < samples; i++) {
      if (!silent(i)) wav.writeInt16LE(Math.round(9000 * Math.sin((2 * Math.PI * 330 * i) / rate)), 44 + i * 2);
    }
    const file = path.resolve(OUT, "long-30mb.wav");
    writeFileSync(file, wav);

    const t = transcribePage(page);
    await page.goto("/transcribe");
    await t.pick(file);
    await expect(page.getByText(/Over the 25 MB upload limit/)).toBeVisible();
    await t.transcribe.click();
    await expect(page.getByRole("progressbar", { name: /Part 2 of 2/ })).toBeVisible({ timeout: 30_000 });
    await expect(page.locator("#transcript-title")).toBeVisible({ timeout: 90_000 });

    const parts = (await uploads()).map(fileOf);
    expect(parts).toHaveLength(2);
    for (const p of parts) {
      expect(p!.filename).toMatch(/\.wav$/);
      expect(p!.size).toBeLessThan(25 * 1024 * 1024);
    }
    const firstSamples = (parts[0]!.size - 44) / 2;
    expect(firstSamples + (parts[1]!.size - 44) / 2).toBe(samples);
    expect(silent(firstSamples), `the cut at ${firstSamples / rate}s lands in a silence`).toBe(true);

    // Part 2's first segment starts where part 2 starts; the last ends at the end of the whole file.
    const offset = firstSamples / rate;
    const srt = await t.download("SRT");
    const times = srt.split("\n").flatMap((l) => {
      const m = l.match(SRT_TIME);
      return m ? [[seconds(m, 1), seconds(m, 5)] as const] : [];
    });
    expect(times.some(([start]) => Math.abs(start - offset) < 0.002)).toBe(true);
    expect(times.at(-1)![1]).toBeGreaterThan(samples / rate - 0.02);
    expect(times.at(-1)![1]).toBeLessThan(samples / rate + 0.02);
    times.forEach(([start, end], i) => {
      expect(end).toBeGreaterThanOrEqual(start);
      if (i) expect(start).toBeGreaterThanOrEqual(times[i - 1]![0]);
    });
  });

  test("a failed upload keeps the file; Try again sends it; errors are in plain words", async ({ page }) => {
    const t = transcribePage(page);
    await page.goto("/transcribe");
    await t.pick("speech-en.mp3");
    await page.getByLabel(/^Prompt/).fill("[[sim:error=503-no-channel]]");
    await t.transcribe.click();
    const alert = page.getByRole("alert").filter({ hasText: /./ });
    await expect(alert).toBeVisible({ timeout: 20_000 });
    await expect(alert).toContainText(/request id/i);
    await expect(page.getByText("speech-en.mp3", { exact: true })).toBeVisible();
    await page.getByLabel(/^Prompt/).fill("");
    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.locator("#transcript-title")).toBeVisible({ timeout: 20_000 });
    expect(await uploads()).toHaveLength(2);
  });

  test("when the gateway cannot read a format, the error says so and Convert to WAV fixes it", async ({ page }) => {
    const t = transcribePage(page);
    await page.goto("/transcribe");
    await t.pick("speech-en.mp3");
    await page.getByLabel(/^Prompt/).fill("[[sim:ffprobe-na]]");
    await t.transcribe.click();
    const alert = page.getByRole("alert").filter({ hasText: /./ });
    await expect(alert).toContainText("measures the duration before transcribing");
    await page.screenshot({ path: path.join(OUT, "transcribe-format-error.png") });
    await page.getByLabel(/^Prompt/).fill("");
    await page.getByRole("button", { name: "Convert to WAV and try again" }).click();
    await expect(page.locator("#transcript-title")).toBeVisible();
    const [first, second] = (await uploads()).map(fileOf);
    expect(first?.filename).toMatch(/\.mp3$/);
    expect(second?.filename).toMatch(/\.wav$/);
  });

  test("when storage is full, the transcript is kept without its audio and the page says so (D-1)", async ({ page }) => {
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
        if (this.name === "blobs") throw new DOMException("full", "QuotaExceededError");
        return put.call(this, value, key);
      };
    });
    const t = transcribePage(page);
    await page.goto("/transcribe");
    await t.run("speech-en.m4a");
    await expect(page.getByText(/Saved to history without its audio/)).toBeVisible();
    await page.reload();
    const history = page.getByRole("region", { name: "History" });
    await expect(history.getByRole("button", { name: /speech-en.*text only/ })).toBeVisible();
    await history.getByRole("button", { name: /^speech-en/ }).click();
    await expect(page.getByText("The audio of this transcript was not kept.")).toBeVisible();
    await expect(t.segments).toContainText("The quick brown fox");
  });

  test("Cancel stops the upload and keeps the file ready to send again", async ({ page }) => {
    // Hold the first request in the browser until it is cancelled; later ones go through.
    let held = false;
    await page.route("**/api/transcriptions", async (route) => {
      if (held) return route.continue();
      held = true;
      await new Promise((r) => setTimeout(r, 60_000));
      await route.continue().catch(() => {});
    });
    const t = transcribePage(page);
    await page.goto("/transcribe");
    await t.pick("speech-en.wav");
    await t.transcribe.click();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByText(/Stopped\. Your audio is kept/)).toBeVisible();
    await expect(page.getByText("speech-en.wav", { exact: true })).toBeVisible();
    await page.screenshot({ path: path.join(OUT, "transcribe-stopped.png") });
    // Nothing is lost to a reload either: the audio not yet transcribed comes back.
    await page.reload();
    await expect(page.getByText(/restored after reload/)).toBeVisible();
    await t.transcribe.click();
    await expect(page.locator("#transcript-title")).toBeVisible();
    expect(await uploads()).toHaveLength(1);
  });

  test("history keeps transcripts across reloads: open, play from a segment, rename, search, delete", async ({ page }) => {
    const t = transcribePage(page);
    await page.goto("/transcribe");
    await t.run("speech-en.flac");
    await page.reload();
    const history = page.getByRole("region", { name: "History" });
    await expect(history.getByRole("button", { name: /^speech-en/ })).toBeVisible();
    await history.getByRole("button", { name: /^speech-en/ }).click();
    await expect(t.segments).toBeVisible();

    // Clicking a segment plays the audio from its start and highlights it.
    const second = t.segments.getByRole("listitem").nth(1);
    await second.getByRole("button", { name: /^Play from/ }).click();
    await expect.poll(() => page.locator("audio").evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(1);
    await expect(second).toHaveAttribute("aria-current", "true");

    // Edit the text: kept after a reload.
    await page.getByRole("button", { name: "Edit text" }).click();
    await page.getByLabel("Transcript text").fill("Edited: the quick brown fox.");
    // Wait until the edit is stored, then reload.
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            new Promise<string[]>((resolve) => {
              const open = indexedDB.open("gateway-studio");
              open.onsuccess = () => {
                const req = open.result.transaction("transcripts").objectStore("transcripts").getAll();
                req.onsuccess = () => resolve((req.result as { text: string }[]).map((r) => r.text));
              };
            }),
        ),
      )
      .toContain("Edited: the quick brown fox.");
    await page.reload();
    await history.getByRole("button", { name: /^speech-en/ }).click();
    await page.getByRole("button", { name: "Edit text" }).click();
    await expect(page.getByLabel("Transcript text")).toHaveValue("Edited: the quick brown fox.");

    await history.getByRole("button", { name: "Rename speech-en" }).click();
    await page.getByLabel("New name").fill("Fox memo");
    await page.getByLabel("New name").press("Enter");
    await expect(history.getByRole("button", { name: /^Fox memo/ })).toBeVisible();
    await page.getByLabel("Search transcripts").fill("nothing like this");
    await expect(history.getByText("No transcript matches.")).toBeVisible();
    await page.getByLabel("Search transcripts").fill("edited");
    await expect(history.getByRole("button", { name: /^Fox memo/ })).toBeVisible();
    await history.getByRole("button", { name: "Delete Fox memo" }).click();
    await history.getByRole("button", { name: "Really delete Fox memo" }).click();
    await page.getByLabel("Search transcripts").fill("");
    await expect(history.getByRole("button", { name: /^Fox memo/ })).toHaveCount(0);
  });

  test("Send to chat hands the transcript over", async ({ page }) => {
    const t = transcribePage(page);
    await page.goto("/transcribe");
    await t.run("speech-en.ogg");
    await page.getByRole("button", { name: "Send to chat" }).click();
    await expect(page).toHaveURL(/\/chat/);
  });

  test("passes axe, light and dark, desktop and phone", async ({ page }) => {
    test.setTimeout(360_000);
    const t = transcribePage(page);
    for (const [scheme, width] of [["light", 1280], ["dark", 1280], ["light", 390], ["dark", 390]] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // Tall viewports: the page scrolls inside the app shell, so a "full page" shot would stop at the fold.
      await page.setViewportSize({ width, height: width > 400 ? 1100 : 1700 });
      await page.goto("/transcribe");
      await expect(page.getByRole("combobox", { name: "Model" })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.screenshot({ path: path.join(OUT, `transcribe-empty-${scheme}-${width}.png`), });
      await t.run("speech-en.wav");
      await expectNoAxeViolations(page);
      await page.screenshot({ path: path.join(OUT, `transcribe-${scheme}-${width}.png`), });
    }
  });
});
