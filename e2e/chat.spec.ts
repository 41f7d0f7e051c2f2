import type { Page } from "@playwright/test";
import path from "node:path";
import { test, expect as baseExpect, sim, fixture, expectNoAxeViolations, type SimLogEntry } from "./support/fixtures";
import { answers, composer, openChat, send } from "./support/chat";
import { seedGalleryPicture } from "./support/seed";
import { chunkReport, fetchedChunks } from "../bench/lib/chunks.mjs";

// Whole conversations with paced streams and multi-MB pictures, on a shared CI machine: more time than the defaults.
test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

type ChatBody = { model: string; max_tokens?: number; messages: { role: string; content: string | { type: string; text?: string; image_url?: { url: string } }[] }[] };


async function chatRequests(): Promise<(SimLogEntry & { body: ChatBody })[]> {
  return (await sim.log()).filter((e) => e.path === "/v1/chat/completions") as (SimLogEntry & { body: ChatBody })[];
}

const images = (body: ChatBody) =>
  body.messages.flatMap((m) => (typeof m.content === "string" ? [] : m.content.filter((p) => p.type === "image_url")));

/** Drops a file on the chat as a person would drag it from their desktop. */
async function dropFile(page: Page, name: string, mime: string) {
  const b64 = fixture(name).toString("base64");
  const dataTransfer = await page.evaluateHandle(
    ({ b64, name, mime }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: mime }));
      return dt;
    },
    { b64, name, mime },
  );
  // Files dragged into the window raise the drop target over the view; the drop lands on it.
  await page.getByTestId("chat-drop-zone").dispatchEvent("dragenter", { dataTransfer });
  await expect(page.getByText("Drop pictures to add them to your message")).toBeVisible();
  const target = page.getByTestId("chat-drop-target");
  await target.dispatchEvent("dragenter", { dataTransfer });
  await target.dispatchEvent("drop", { dataTransfer });
  await expect(page.getByText("Drop pictures to add them to your message")).toBeHidden();
  // Clicks reach the view again.
  await expect(target).toHaveCSS("pointer-events", "none");
}

test("five turns: the gateway receives the whole history each time, and the chat survives a reload", async ({ page }) => {
  await openChat(page, "gemini-2.5-flash");
  const prompts = ["My name is Ada.", "I like tea.", "What is 2+2?", "Name a colour.", "What did I say first?"];
  for (const [i, text] of prompts.entries()) {
    await send(page, text);
    await expect(answers(page)).toHaveCount(i + 1);
    await expect(answers(page).nth(i)).toHaveAttribute("data-status", "done");
    await expect(answers(page).nth(i)).toContainText(`turn ${i + 1}`);
  }
  const requests = await chatRequests();
  expect(requests).toHaveLength(5);
  requests.forEach((r, i) => {
    const msgs = r.body.messages.filter((m) => m.role !== "system");
    expect(msgs).toHaveLength(2 * i + 1);
    expect(msgs.filter((m) => m.role === "user").map((m) => m.content)).toEqual(prompts.slice(0, i + 1));
    expect(msgs.at(-1)).toEqual({ role: "user", content: prompts[i] });
  });
  await expect(page).toHaveURL(/\/chat\/[\w-]+$/);
  await expect(page.getByRole("status").filter({ hasText: "Answer finished" })).toHaveCount(1);

  await page.reload();
  await expect(page.locator('article[data-role="user"]')).toHaveCount(5);
  await expect(answers(page)).toHaveCount(5);
  await expect(answers(page).nth(4)).toContainText("turn 5");
  await expect(page.getByRole("navigation", { name: "Saved conversations" }).getByRole("link", { name: /My name is Ada/ })).toBeVisible();
});

test("a dropped 4000×3000 photo is downscaled before upload; a small PNG goes as it is; a fake PNG is refused", async ({ page }) => {
  test.setTimeout(90_000);
  await openChat(page, "gemini-2.5-flash");
  await dropFile(page, "not-an-image.png", "image/png");
  await expect(page.getByTestId("chat-drop-zone").getByRole("alert")).toContainText("not a picture we can send");

  await dropFile(page, "large-4000x3000.jpg", "image/jpeg");
  const size = page.getByTestId("draft-picture-size");
  await expect(size).toContainText("→");
  await expect(size).toContainText("2048×1536");
  await send(page, "What is in this photo?");
  await expect(answers(page).first()).toHaveAttribute("data-status", "done");
  await expect(answers(page).first()).toContainText("1 attached image (image/jpeg");

  let [request] = await chatRequests();
  let pictures = images(request!.body);
  expect(pictures).toHaveLength(1);
  const sent = /\[sim:data-url mime=(\S+) bytes=(\d+)/.exec(pictures[0]!.image_url!.url);
  expect(sent?.[1]).toBe("image/jpeg");
  expect(Number(sent?.[2])).toBeLessThan(1.5 * 1024 * 1024);
  expect(Number(sent?.[2])).toBeLessThan(fixture("large-4000x3000.jpg").length / 2);

  await sim.reset();
  await page.getByTestId("composer-file-input").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: fixture("photo-640x480.png") });
  await expect(size).toContainText("539 KB");
  await expect(size).not.toContainText("→");
  await send(page, "And this one?");
  await expect(answers(page).nth(1)).toHaveAttribute("data-status", "done");
  [request] = await chatRequests();
  pictures = images(request!.body);
  // Only the latest picture is sent again; the older one became a note, and the UI says so.
  expect(pictures).toHaveLength(1);
  expect(pictures[0]!.image_url!.url).toContain(`mime=image/png bytes=${fixture("photo-640x480.png").length}`);
  expect(JSON.stringify(request!.body.messages[0])).toContain("not sent again");
  await expect(page.getByText("This picture is no longer sent to the model")).toBeVisible();
});

test("the watercolor loop twice with multi-MB pictures in one SSE line, surviving a reload", async ({ page }) => {
  test.setTimeout(300_000);
  await openChat(page, "gemini-2.5-flash-image");
  await page.getByTestId("composer-file-input").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: fixture("photo-640x480.png") });
  await expect(page.getByTestId("draft-picture")).toHaveCount(1);
  await expect(page.getByTestId("draft-picture-size")).not.toContainText("Preparing");
  await send(page, "make it watercolor [[sim:large]]");
  const out = page.getByTestId("picture-out");
  await expect(out).toHaveCount(1, { timeout: 90_000 });
  await expect(answers(page).first()).toHaveAttribute("data-status", "done", { timeout: 60_000 });

  for (const [i, prompt] of ["now at night [[sim:large]]", "now in winter [[sim:large]]"].entries()) {
    await answers(page).last().getByRole("button", { name: "Edit this" }).click();
    await expect(page.getByTestId("draft-picture")).toHaveCount(1);
    await expect(page.getByTestId("draft-picture-size")).not.toContainText("Preparing", { timeout: 20_000 });
    await send(page, prompt);
    await expect(out).toHaveCount(i + 2, { timeout: 90_000 });
    await expect(answers(page).last()).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  }

  const requests = await chatRequests();
  expect(requests).toHaveLength(3);
  for (const r of requests) {
    expect(r.body.max_tokens).toBe(8192);
    // Bounded history: exactly one picture per request, the one being edited.
    expect(images(r.body)).toHaveLength(1);
    expect(r.bodyBytes as number).toBeLessThan(24 * 1024 * 1024);
  }
  expect(requests[2]!.body.messages.at(-1)!.content).toEqual(
    expect.arrayContaining([expect.objectContaining({ type: "image_url" }), { type: "text", text: "now in winter [[sim:large]]" }]),
  );

  const gallery = await page.evaluate(
    () =>
      new Promise<{ source: string; prompt: string }[]>((resolve) => {
        const open = indexedDB.open("gateway-studio");
        open.onsuccess = () => {
          const req = open.result.transaction("gallery").objectStore("gallery").getAll();
          req.onsuccess = () => resolve(req.result);
        };
      }),
  );
  expect(gallery.filter((g) => g.source === "chat").map((g) => g.prompt)).toEqual(
    expect.arrayContaining(["make it watercolor [[sim:large]]", "now at night [[sim:large]]", "now in winter [[sim:large]]"]),
  );

  await page.reload();
  await expect(out).toHaveCount(3);
  const last = out.last().locator("img");
  await expect(last).toHaveJSProperty("complete", true, { timeout: 30_000 });
  expect(await last.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await last.click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("S-1: Stop aborts the upstream call within a second and keeps the partial answer", async ({ page }) => {
  await openChat(page, "gemini-2.5-flash");
  await send(page, "Tell me a long story [[sim:long=6000,pace=120]]");
  await expect(answers(page).first().locator(".md")).toContainText(/\w{4,}/, { timeout: 30_000 });
  const stoppedAt = Date.now();
  await page.keyboard.press("Escape");
  await expect(answers(page).first()).toHaveAttribute("data-status", "stopped");
  await expect(answers(page).first()).toContainText("Stopped by you.");
  // S-1: the simulated gateway sees its connection closed (not a stream that ran to its end).
  await expect.poll(async () => (await chatRequests())[0]?.aborted, { timeout: 15_000 }).toBe(true);
  const [entry] = await chatRequests();
  expect((entry!.abortedAt as number) - stoppedAt).toBeLessThan(1000);

  const partial = await answers(page).first().locator(".md").innerText();
  await page.reload();
  await expect(answers(page).first()).toHaveAttribute("data-status", "stopped");
  expect(await answers(page).first().locator(".md").innerText()).toBe(partial);
});

test("D-10: a reload mid-answer keeps the question and the partial answer, and offers Continue", async ({ page }) => {
  await openChat(page, "gemini-2.5-flash");
  await send(page, "Explain everything [[sim:long=8000,pace=100]]");
  await expect(answers(page).first().locator(".md")).toContainText(/\w{4,}/, { timeout: 30_000 });
  await page.waitForTimeout(1200);
  await page.reload();
  await expect(page.locator('article[data-role="user"]')).toContainText("Explain everything");
  const answer = answers(page).first();
  await expect(answer).toContainText("This answer was interrupted");
  await expect(answer.locator(".md")).not.toBeEmpty();
  await expect(answer.getByRole("button", { name: "Regenerate", exact: true })).toBeVisible();
  await sim.reset();
  await answer.getByRole("button", { name: "Continue" }).click();
  await expect(answer).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  const [request] = await chatRequests();
  const msgs = request!.body.messages;
  expect(msgs.at(-2)?.role).toBe("assistant");
  expect(String(msgs.at(-1)?.content)).toContain("Continue exactly where");
});

const STREAM_FAILURES = ["openrouter-error", "litellm-error", "relay-stream-error", "bare-json-error", "abrupt-close", "truncated-done"];

test("every in-stream failure is shown clearly with the partial answer kept", async ({ page }) => {
  test.setTimeout(120_000);
  await openChat(page, "deepseek-ai/DeepSeek-V3-0324");
  for (const [i, marker] of STREAM_FAILURES.entries()) {
    await send(page, `Failure ${i} [[sim:${marker}]]`);
    const answer = answers(page).nth(i);
    await expect(answer).not.toHaveAttribute("data-status", "streaming", { timeout: 20_000 });
    await expect(answer.locator(".md")).toContainText("You asked");
    const status = await answer.getAttribute("data-status");
    expect(["error", "incomplete"], `${marker} ended as ${status}`).toContain(status);
    if (status === "error") {
      await expect(answer.getByRole("alert")).toContainText(/\w/);
      await expect(answer.getByRole("button", { name: "Retry" })).toBeVisible();
    } else {
      await expect(answer).toContainText("Incomplete");
      await expect(answer.getByRole("button", { name: "Continue" })).toBeVisible();
    }
  }
  // The question and the partial answers are all still there after a reload.
  await page.reload();
  await expect(answers(page)).toHaveCount(STREAM_FAILURES.length);
  await expect(page.locator('article[data-role="user"]').first()).toContainText("Failure 0");
});

test("errors before the stream: rate limit with a countdown, gateway down, and Retry keeps the question", async ({ page }) => {
  await openChat(page, "gemini-2.5-flash");
  await send(page, "hello [[sim:error=429-retry-after]]");
  const first = answers(page).first();
  await expect(first).toHaveAttribute("data-status", "error");
  await expect(first.getByRole("button", { name: /Retry in \d+s/ })).toBeDisabled();
  await send(page, "again [[sim:html-502]]");
  const second = answers(page).nth(1);
  await expect(second).toHaveAttribute("data-status", "error");
  await expect(second.getByRole("alert")).not.toContainText("<html");
  await expect(page.locator('article[data-role="user"]')).toHaveCount(2);
});

test("model output with <script>, event handlers and javascript: links stays inert (X-1)", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openChat(page, "gemini-2.5-flash");
  await send(page, `<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) <svg onload=alert(4)>`);
  const answer = answers(page).first();
  await expect(answer).toHaveAttribute("data-status", "done");
  await expect(answer).toContainText("<script>");
  expect(await page.locator("main script, main iframe, main svg [onload]").count()).toBe(0);
  const bad = await page.evaluate(() =>
    [...document.querySelectorAll("main *")].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)).map((a) => `${el.tagName} ${a.name}=${a.value}`),
    ),
  );
  expect(bad).toEqual([]);
  expect(dialogs).toEqual([]);
});

test("edit and resend keeps both versions as branches; regenerate adds a version; export works", async ({ page }) => {
  await openChat(page, "gemini-2.5-flash");
  await send(page, "first version");
  await expect(answers(page).first()).toHaveAttribute("data-status", "done");
  const user = page.locator('article[data-role="user"]').first();
  await user.hover();
  await user.getByRole("button", { name: "Edit and resend" }).click();
  await page.getByLabel("Edit message").fill("second version");
  await page.getByLabel("Edit message").press("Enter");
  await expect(answers(page).first()).toHaveAttribute("data-status", "done");
  await expect(user).toContainText("second version");
  await expect(user.getByRole("group", { name: "Versions" })).toContainText("2/2");
  await user.getByRole("button", { name: "Previous version" }).click();
  await expect(user).toContainText("first version");
  await expect(answers(page).first()).toContainText("first version");

  await answers(page).first().getByRole("button", { name: "Regenerate answer" }).click();
  await expect(answers(page).first()).toHaveAttribute("data-status", "done");
  await expect(answers(page).first().getByRole("group", { name: "Versions" })).toContainText("2/2");

  await page.locator("summary").filter({ hasText: "Export" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Markdown (.md)" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.md$/);
});

test("sidebar: search message text, rename, pin, delete with undo; shortcuts", async ({ page }) => {
  await openChat(page, "gemini-2.5-flash");
  await send(page, "Zebra facts please");
  await expect(answers(page).first()).toHaveAttribute("data-status", "done");
  await page.keyboard.press("Control+Shift+O");
  await expect(page).toHaveURL(/\/chat$/);
  await send(page, "Another topic");
  await expect(answers(page).first()).toHaveAttribute("data-status", "done");

  const list = page.getByRole("navigation", { name: "Saved conversations" });
  await page.keyboard.press("Control+K");
  await expect(page.getByLabel("Search conversations")).toBeFocused();
  await page.keyboard.type("hope that helps");
  await expect(list.getByRole("link")).toHaveCount(2);
  await page.getByLabel("Search conversations").fill("zebra");
  await expect(list.getByRole("link")).toHaveCount(1);
  await page.getByLabel("Search conversations").fill("");

  await list.getByRole("button", { name: "Rename “Zebra facts please”" }).click();
  await page.getByLabel("New title").fill("Zebras");
  await page.getByLabel("New title").press("Enter");
  await list.getByRole("button", { name: "Pin “Zebras”" }).click();
  await expect(list.getByRole("link").first()).toContainText("Zebras");

  await list.getByRole("button", { name: "Delete “Zebras”" }).click();
  await expect(list.getByRole("link")).toHaveCount(1);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(list.getByRole("link")).toHaveCount(2);
  await expect(list.getByRole("link").first()).toContainText("Zebras");
});

test("a page load fetches no other route: sidebar and section links are prefetched on hover, not when they appear", async ({ page }) => {
  await openChat(page, "gemini-2.5-flash");
  await send(page, "Keep me in the sidebar");
  await expect(answers(page).first()).toHaveAttribute("data-status", "done");
  const prefetches: string[] = [];
  page.on("request", (r) => {
    if (r.headers()["rsc"] || new URL(r.url()).searchParams.has("_rsc")) prefetches.push(new URL(r.url()).pathname);
  });
  await page.reload();
  const list = page.getByRole("navigation", { name: "Saved conversations" });
  const link = list.getByRole("link", { name: /Keep me in the sidebar/ });
  await expect(link).toBeVisible();
  await expect(page.getByRole("link", { name: "New chat" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(prefetches).toEqual([]);
  // Intent: pointing at a link fetches its route.
  await page.getByRole("link", { name: "New chat" }).hover();
  await expect.poll(() => prefetches).toContain("/chat");
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Images" }).hover();
  await expect.poll(() => prefetches).toContain("/images");
});

test("a handoff from Images (picture, new conversation) and from Transcribe (text) lands in the composer and is sent", async ({ page }) => {
  await openChat(page, "gemini-2.5-flash");
  await expect(page.getByText("No conversations yet.")).toBeVisible();
  const png = fixture("small-64.png");
  await seedGalleryPicture(page, { id: "handoff-pic-1", blobId: "handoff-blob-1", bytes: [...png], prompt: "a red fox", model: "gpt-image-1", source: "images" });
  // What Images' "Edit in chat" does (lib/client/images/edit-in-chat.ts + lib/client/handoff.ts): a conversation
  // record, then the handoff in sessionStorage, then /chat?handoff=1.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open("gateway-studio");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction(["conversations"], "readwrite");
    tx.objectStore("conversations").put({ id: "handoff-conv", title: "Edit: a red fox", createdAt: Date.now(), updatedAt: Date.now(), pinned: false });
    await new Promise((r) => (tx.oncomplete = r));
    db.close();
    sessionStorage.setItem(
      "gs-chat-handoff",
      JSON.stringify({ conversationId: "handoff-conv", attachments: [{ blobId: "handoff-blob-1", mime: "image/png", bytes: 0, name: "a-red-fox.png" }] }),
    );
  });
  await page.goto("/chat?handoff=1");
  await expect(page).toHaveURL(/\/chat\/handoff-conv$/);
  await expect(page.getByRole("heading", { name: "Edit: a red fox", level: 1 })).toBeVisible();
  const tray = page.getByRole("list", { name: "Pictures to send" });
  await expect(tray.getByRole("img", { name: "Preview of a-red-fox.png" })).toBeVisible();
  await expect(page.getByTestId("draft-picture")).toHaveCount(1);
  expect(await page.evaluate(() => sessionStorage.getItem("gs-chat-handoff"))).toBeNull();

  await send(page, "Make it blue");
  await expect(answers(page).first()).toHaveAttribute("data-status", "done");
  const [request] = await chatRequests();
  const pictures = images(request!.body);
  expect(pictures).toHaveLength(1);
  // The gallery's bytes, unchanged (a small PNG is sent as it is; the sim logs small data URLs in full).
  expect(pictures[0]!.image_url!.url).toBe(`data:image/png;base64,${png.toString("base64")}`);
  await expect(page.getByTestId("picture-in")).toHaveCount(1);
  // Reloading does not apply the handoff twice.
  await page.reload();
  await expect(answers(page)).toHaveCount(1);
  await expect(page.getByTestId("draft-picture")).toHaveCount(0);

  // Transcribe's "Send to chat": text only, a new chat.
  await page.evaluate(() => sessionStorage.setItem("gs-chat-handoff", JSON.stringify({ text: "Transcribed words" })));
  await page.goto("/chat?handoff=1");
  await expect(page).toHaveURL(/\/chat$/);
  await expect(composer(page)).toHaveValue("Transcribed words");
});

test("the chat page passes axe, light and dark, desktop and phone (screenshots kept)", async ({ page }) => {
  await openChat(page, "gemini-2.5-flash");
  await send(page, "Hello there");
  await expect(answers(page).first()).toHaveAttribute("data-status", "done");
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Chat settings" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Chat settings" }).click();
  await send(page, "Show me a table and some code [[sim:long=1500]]");
  await expect(answers(page).nth(1)).toHaveAttribute("data-status", "done");
  const out = process.env.E2E_OUT ?? ".ci-out";
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width > 500 ? 800 : 844 });
      await page.screenshot({ path: `${out}/chat-${scheme}-${width}.png` });
    }
  }
  await page.getByRole("button", { name: "Conversations" }).click();
  await expect(page.getByRole("complementary", { name: "Conversations" })).toBeVisible();
  await page.screenshot({ path: `${out}/chat-dark-390-drawer.png` });
});

test("the drop overlay is not in the server's HTML: it draws nothing until files are dragged in, so there is no boundary to hydrate", async ({ request }) => {
  const html = await (await request.get("/chat")).text();
  // Rendered on the server, its boundary was hydrated synchronously in the first update after hydration.
  expect(html).toContain('data-testid="chat-drop-zone"');
  expect(html).not.toContain('data-testid="chat-drop-target"');
});

test("a saved conversation's page load fetches each module once: its chunks do not repeat each other's code", async ({ page }) => {
  await openChat(page);
  await send(page, "Hello");
  await expect(answers(page).first()).toHaveAttribute("data-status", "done");
  await expect(page).toHaveURL(/\/chat\/[^/]+$/);
  // A full page load, as from a bookmark: every chunk it fetches until the page has settled.
  await page.reload();
  await expect(answers(page).first()).toHaveAttribute("data-status", "done");
  await page.waitForLoadState("networkidle");
  const scripts = await fetchedChunks(page);
  const report = chunkReport(path.join(process.cwd(), ".next"), scripts);
  // Turbopack builds the chunks of an import() for the place it is made from. When the sidebar, the view and
  // instrumentation-client each imported the data layer, this load fetched 83 kB of modules a second (up to a
  // fourth) time; what is left is a few small modules that two lazy chunks both need.
  expect(report.repeatedRawKB, report.repeated.map((m) => `${m.id} ${m.bytes} B in ${m.chunks.join(", ")}`).join("\n")).toBeLessThan(8);
});
