import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LIMITS } from "../lib/schemas/limits";
import type { Page } from "@playwright/test";
import { DB_VERSION, MIGRATIONS } from "../lib/client/db";
import { dumpBrowserStorage } from "./support/storage-dump";
import { expect as baseExpect, FIXTURES, sim, test } from "./support/fixtures";
import { answers, openChat, send, userMessages } from "./support/chat";

/**
 * Checklist rows whose E test needs a fault the browser itself causes (offline, another tab, quota, old data)
 * or a measurement taken in the browser (request sizes, live object URLs). See /work/shared/security-checklist.md.
 */

// A shared 2-core CI machine: these flows are about what happens, not how fast.
test.describe.configure({ timeout: 90_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const OUT = process.env.E2E_OUT ?? ".ci-out";
const chatCalls = async () => (await sim.log()).filter((e) => e.path === "/v1/chat/completions");

test("S-7: going offline mid-stream shows an error, keeps the partial answer (also after a reload), and Continue and a new message work once back online", async ({ page, context }) => {
  await openChat(page);
  // Long enough that the gateway is still sending when the browser goes offline, even on a loaded machine.
  await send(page, "Tell me a long story [[sim:long=30000,pace=100]]");
  const answer = answers(page).first();
  await expect(answer.locator(".md")).toContainText(/\w{4,}/);

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
  await expect(again).toHaveAttribute("data-status", "done");
  expect((await chatCalls())[0]?.body).toMatchObject({ messages: expect.arrayContaining([expect.objectContaining({ role: "assistant" })]) });

  await send(page, "Are you still there?");
  await expect(answers(page)).toHaveCount(2);
  await expect(answers(page).last()).toHaveAttribute("data-status", "done");
  await expect(userMessages(page)).toHaveCount(2);
});

test("M-2: a 20-turn chat with pictures both ways keeps every request body under the chat body limit, re-sending only the latest picture", async ({ page }) => {
  test.setTimeout(240_000);
  const bodies: number[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/chat") bodies.push(r.postDataBuffer()?.length ?? 0);
  });
  // The image model answers every turn with a picture (multi-MB on turns 10 and 20), and the user adds photos now and then.
  const uploads: Record<number, string> = { 1: "large-4000x3000.jpg", 6: "photo-640x480.png", 11: "photo-640x480.webp", 16: "small-64.png" };
  await openChat(page, "gemini-2.5-flash-image");
  for (let turn = 1; turn <= 20; turn++) {
    const upload = uploads[turn];
    if (upload) {
      await page.getByTestId("composer-file-input").setInputFiles(path.join(FIXTURES, upload));
      // The composer sends only once the picture is checked and downscaled.
      await expect(page.getByTestId("draft-picture-size")).toBeVisible();
      await expect(page.getByTestId("draft-picture-size")).not.toHaveText(/Preparing/);
    }
    await send(page, `Turn ${turn}: the same harbour, a little later [[sim:pace=1${turn % 10 === 0 ? ",large=3" : ""}]]`);
    // The thread mounts only the latest turns: the newest answer is the last one.
    const answer = answers(page).last();
    await expect(answer).toContainText(`asked for: Turn ${turn}:`);
    await expect(answer).toHaveAttribute("data-status", "done");
    await expect(answer.getByRole("img").first()).toBeVisible();
  }

  expect(bodies).toHaveLength(20);
  for (const [i, bytes] of bodies.entries()) expect(bytes, `request ${i + 1}`).toBeLessThan(LIMITS.chatBodyBytes);
  // Bounded history: each earlier picture is either the one re-sent or replaced by a short note.
  const last = (await chatCalls()).at(-1)!.body as { messages: { content: string | { type: string }[] }[] };
  const sent = last.messages.flatMap((m) => (typeof m.content === "string" ? [] : m.content.filter((p) => p.type === "image_url")));
  const notes = JSON.stringify(last.messages).split("not sent again").length - 1;
  expect(sent.length).toBeLessThanOrEqual(LIMITS.chatImagesPerRequest);
  expect(sent.length + notes).toBe(19 + Object.keys(uploads).length);
  expect(notes).toBeGreaterThan(0);
});

test("M-1: pictures' object URLs are revoked once their conversation is left or deleted, and the JS heap after 10 long streams stays within 10% of its baseline", async ({ page }) => {
  test.setTimeout(240_000);
  await page.addInitScript(() => {
    const live = new Set<string>();
    const create = URL.createObjectURL.bind(URL);
    const revoke = URL.revokeObjectURL.bind(URL);
    URL.createObjectURL = (obj: Blob | MediaSource) => {
      const url = create(obj);
      live.add(url);
      return url;
    };
    URL.revokeObjectURL = (url: string) => {
      live.delete(url);
      revoke(url);
    };
    (window as unknown as { __liveUrls: () => number }).__liveUrls = () => live.size;
  });
  const liveUrls = () => page.evaluate(() => (window as unknown as { __liveUrls: () => number }).__liveUrls());
  const sidebar = page.getByRole("navigation", { name: "Saved conversations" });

  await openChat(page, "gemini-2.5-flash-image");
  const baseline = await liveUrls();
  await send(page, "A lighthouse at dusk");
  await expect(answers(page).first().getByRole("img").first()).toBeVisible();
  await send(page, "The same lighthouse at night");
  await expect(answers(page).nth(1).getByRole("img").first()).toBeVisible();
  expect(await liveUrls()).toBeGreaterThan(baseline);
  await page.getByRole("link", { name: "New chat" }).click();
  await expect.poll(liveUrls).toBe(baseline);
  await sidebar.getByRole("link", { name: "A lighthouse at dusk" }).click();
  await expect(answers(page).nth(1).getByRole("img").first()).toBeVisible();
  expect(await liveUrls()).toBeGreaterThan(baseline);
  await sidebar.getByRole("button", { name: "Delete “A lighthouse at dusk”" }).click();
  await expect(sidebar.getByRole("link", { name: "A lighthouse at dusk" })).toHaveCount(0);
  await expect.poll(liveUrls).toBe(baseline);

  // Heap: a 10-minute stream is impractical in CI, so each cycle streams one long answer (prose, code, tables,
  // math) in about a hundred paced events, the per-delta work a long stream repeats, then deletes the turn, so
  // the page is back where it started and whatever the stream left behind shows up as growth.
  await openChat(page);
  await send(page, "Keep this first turn");
  await expect(answers(page).first()).toHaveAttribute("data-status", "done");
  const cdp = await page.context().newCDPSession(page);
  const measure = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    const { usedSize } = await cdp.send("Runtime.getHeapUsage");
    const { nodes } = await cdp.send("Memory.getDOMCounters");
    return { heap: usedSize, nodes };
  };
  const cycle = async (i: number) => {
    await send(page, `Stream cycle ${i} [[sim:long=6000,pace=4]]`);
    await expect(answers(page).nth(1)).toHaveAttribute("data-status", "done");
    await userMessages(page).nth(1).getByRole("button", { name: "Delete your message and what follows" }).click();
    await expect(answers(page)).toHaveCount(1);
  };
  // The first cycles load the markdown, highlighting and math code and let the JIT settle (compiled code
  // counts as heap too): the baseline is taken after them.
  for (let i = 0; i < 2; i++) await cycle(i);
  const before = await measure();
  for (let i = 1; i <= 10; i++) await cycle(i);
  const after = await measure();
  const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
  expect(after.heap, `JS heap ${mb(before.heap)} → ${mb(after.heap)}`).toBeLessThanOrEqual(before.heap * 1.1);
  expect(after.nodes, `DOM nodes ${before.nodes} → ${after.nodes}`).toBeLessThanOrEqual(before.nodes * 1.1);
});

test("U-3: a transcription upload over the proxy's 10 MB body cap reaches the gateway byte for byte (or is refused with 413), never truncated", async ({ request, baseURL }) => {
  // Next's proxy buffers bodies on matched routes and silently cuts them at 10 MB (proxyClientMaxBodySize).
  const size = 12 * 1024 * 1024;
  const wav = wavOf(size);
  const res = await request.post("/api/transcriptions", {
    headers: { origin: baseURL! },
    multipart: { file: { name: "twelve-mb.wav", mimeType: "audio/wav", buffer: wav }, model: "openai/whisper-large-v3" },
  });
  const received = (await sim.log()).filter((e) => e.path === "/v1/audio/transcriptions");
  if (res.status() === 413) {
    expect(received).toHaveLength(0);
    return;
  }
  expect(res.status(), await res.text()).toBe(200);
  expect(received).toHaveLength(1);
  const file = received[0]!.file as { size: number; sha256: string };
  expect(file.size).toBe(wav.length);
  expect(file.sha256).toBe(createHash("sha256").update(wav).digest("hex"));
});

test("U-7: audio over the upload limit is announced before upload with the limit, and one that cannot be split is refused before upload, naming the limit", async ({ page }) => {
  const limitMB = `${LIMITS.audioBytes / 1024 / 1024} MB`;
  // The documented limit is the one the app enforces.
  expect(readFileSync("README.md", "utf8")).toMatch(new RegExp(`\\| transcription upload \\| ${LIMITS.audioBytes / 1024 / 1024} MiB`));
  // A WAV by its first bytes, one byte over the limit, in a sample format no browser decodes (so it cannot be split).
  const file = wavOf(LIMITS.audioBytes + 1);
  file.writeUInt16LE(0x7777, 20);
  // Handed over by path: a 25 MB buffer sent through the protocol takes most of a minute.
  const filePath = path.resolve(OUT, "too-long.wav");
  writeFileSync(filePath, file);
  await page.goto("/transcribe");
  await page.getByLabel("Audio or video file").setInputFiles(filePath);
  await expect(page.getByText(`Over the ${limitMB} upload limit`)).toBeVisible();
  await page.getByRole("button", { name: "Transcribe", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "too-long.wav" })).toContainText(`under ${limitMB}`);
  expect((await sim.log()).filter((e) => e.path === "/v1/audio/transcriptions")).toHaveLength(0);
  await expect(page.getByText("too-long.wav").first()).toBeVisible();
});

/** A PCM WAV of exactly `bytes` bytes with a non-repeating pattern, so any cut or reorder changes its digest. */
function wavOf(bytes: number): Buffer {
  const wav = Buffer.alloc(bytes);
  for (let i = 44; i + 4 <= bytes; i += 4) wav.writeUInt32LE((i * 2654435761) >>> 0, i);
  wav.write("RIFF", 0, "ascii");
  wav.writeUInt32LE(bytes - 8, 4);
  wav.write("WAVEfmt ", 8, "ascii");
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(16_000, 24);
  wav.writeUInt32LE(32_000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write("data", 36, "ascii");
  wav.writeUInt32LE(bytes - 44, 40);
  return wav;
}

test.describe("storage", () => {
  /** A blank page of this origin that runs none of the app's code, to write or open its database by hand. */
  async function blankPage(page: Page, baseURL: string) {
    await page.route(`${baseURL}/__blank`, (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><title>blank</title>" }));
    await page.goto("/__blank");
  }

  test("D-1: when storage is full mid-chat, a banner says so with a way on, the chat goes on in the tab, and nothing stored is deleted", async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { __quotaFull?: boolean };
      for (const method of ["put", "add"] as const) {
        const original = IDBObjectStore.prototype[method];
        IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["put"]>) {
          if (w.__quotaFull) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
          return original.apply(this, args);
        };
      }
    });
    await openChat(page);
    await send(page, "Saved before storage filled up");
    await expect(answers(page).first()).toHaveAttribute("data-status", "done");
    const before = (await dumpBrowserStorage(page)).indexedDB["gateway-studio"]!;

    await page.evaluate(() => ((window as unknown as { __quotaFull: boolean }).__quotaFull = true));
    await send(page, "Asked while storage is full");
    const banner = page.getByRole("alert").filter({ hasText: /storage for the site is full/ });
    await expect(banner).toBeVisible();
    await expect(banner.getByRole("button", { name: /Export/ })).toBeVisible();
    await expect(userMessages(page)).toHaveCount(2);
    await expect(answers(page).nth(1)).toHaveAttribute("data-status", "done");
    await expect(answers(page).nth(1)).toContainText("Asked while storage is full");
    // The chat keeps going in this tab.
    await send(page, "And one more");
    await expect(answers(page).nth(2)).toHaveAttribute("data-status", "done");

    await page.evaluate(() => ((window as unknown as { __quotaFull: boolean }).__quotaFull = false));
    const after = (await dumpBrowserStorage(page)).indexedDB["gateway-studio"]!;
    for (const [store, records] of Object.entries(before)) {
      const kept = new Map(after[store]!.map((r) => [(r as { id: string }).id, r]));
      for (const r of records) expect(kept.has((r as { id: string }).id), `${store} record kept`).toBe(true);
    }
    await page.reload();
    await expect(userMessages(page).first()).toContainText("Saved before storage filled up");
    await expect(answers(page).first()).toHaveAttribute("data-status", "done");
  });

  test("D-3: every chat, message, gallery item and transcript of each stored schema fixture survives loading the current build", async ({ page, baseURL }) => {
    const versions = fixtureVersions();
    expect(versions).toContain(DB_VERSION);
    for (const version of versions) {
      const fixture = JSON.parse(readFileSync(path.join(DB_FIXTURES, `db-v${version}.json`), "utf8")) as DbFixture;
      await blankPage(page, baseURL!);
      await page.evaluate(seedDatabase, { fixture, steps: migrationSteps() });

      const { conversations = [], messages = [], gallery = [], transcripts = [] } = fixture.stores as Record<string, Record<string, string>[]>;
      await page.goto("/chat");
      const sidebar = page.getByRole("navigation", { name: "Saved conversations" });
      for (const c of conversations) await expect(sidebar.getByRole("link", { name: c.title })).toBeVisible();
      const upgraded = await page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === "gateway-studio")?.version);
      expect(upgraded, `v${version} opened by the current build`).toBe(DB_VERSION);
      // The whole walk through the pages for the oldest fixture (the longest upgrade path); storage for all.
      if (version === versions[0]) {
        for (const c of conversations) {
          await sidebar.getByRole("link", { name: c.title }).click();
          for (const m of messages.filter((m) => m.conversationId === c.id)) {
            await expect((m.role === "user" ? userMessages(page) : answers(page)).filter({ hasText: m.text })).toHaveCount(1);
          }
        }
        await page.goto("/images");
        for (const g of gallery) {
          if (g.blobId) await expect(page.getByRole("button", { name: `Open picture: ${String(g.prompt)}` })).toBeVisible();
          else await expect(page.getByText(String(g.prompt), { exact: true }).first()).toBeVisible();
        }
        await page.goto("/transcribe");
        for (const t of transcripts) await expect(page.getByRole("button", { name: new RegExp(`^${String(t.title)}`) })).toBeVisible();
      }

      // Record for record, byte for byte (pictures and audio by digest).
      const stored = (await dumpBrowserStorage(page)).indexedDB["gateway-studio"]!;
      for (const [store, records] of Object.entries(fixture.stores)) {
        const byId = new Map(stored[store]!.map((r) => [(r as { id: string }).id, r]));
        for (const record of records) expect(byId.get(record.id as string), `v${version} ${store}/${String(record.id)}`).toEqual(asDumped(record));
      }
      // The app's open connection gives way (D-4), so the next fixture starts from an empty origin.
      await page.evaluate(() => new Promise((resolve, reject) => Object.assign(indexedDB.deleteDatabase("gateway-studio"), { onsuccess: resolve, onerror: reject })));
    }
  });

  test("D-4: a tab on the current schema gives way when another tab opens a newer one: it closes, says so and offers Reload; the newer tab is never blocked", async ({ context, page, baseURL }) => {
    await openChat(page);
    await send(page, "Remember this across the upgrade");
    await expect(answers(page).first()).toHaveAttribute("data-status", "done");

    const newer = await context.newPage();
    await blankPage(newer, baseURL!);
    const opened = await newer.evaluate(
      () =>
        new Promise<{ blocked: boolean; version: number; titles: string[] }>((resolve, reject) => {
          const req = indexedDB.open("gateway-studio", 1_000);
          // Blocked means the older tab kept its connection open: this tab would wait for ever.
          req.onblocked = () => resolve({ blocked: true, version: 0, titles: [] });
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const db = req.result;
            const all = db.transaction("conversations").objectStore("conversations").getAll();
            all.onsuccess = () => resolve({ blocked: false, version: db.version, titles: all.result.map((c: { title: string }) => c.title) });
          };
        }),
    );
    expect(opened).toEqual({ blocked: false, version: 1_000, titles: ["Remember this across the upgrade"] });

    const banner = page.getByRole("alert").filter({ hasText: /updated in another tab/ });
    await expect(banner).toBeVisible();
    await expect(banner.getByRole("button", { name: "Reload" })).toBeVisible();
  });
});

const DB_FIXTURES = path.join(process.cwd(), "test/fixtures");
type DbFixture = { version: number; stores: Record<string, Record<string, unknown>[]> };
/** One schema change of a migration, replayed in the page to build a database as an older app version did. */
type SchemaOp =
  | { op: "createStore"; store: string; options?: IDBObjectStoreParameters }
  | { op: "deleteStore"; store: string }
  | { op: "createIndex"; store: string; name: string; keyPath: string | string[]; options?: IDBIndexParameters }
  | { op: "deleteIndex"; store: string; name: string };

/**
 * The app's own MIGRATIONS (lib/client/db.ts), run against a recorder: what each version did to the stores
 * and indexes. A migration that also rewrites records cannot be replayed this way and fails here, loudly.
 */
function migrationSteps(): SchemaOp[][] {
  return MIGRATIONS.map((migrate, i) => {
    const ops: SchemaOp[] = [];
    const store = (name: string) => ({
      createIndex: (index: string, keyPath: string | string[], options?: IDBIndexParameters) => void ops.push({ op: "createIndex", store: name, name: index, keyPath, options }),
      deleteIndex: (index: string) => void ops.push({ op: "deleteIndex", store: name, name: index }),
    });
    const db = {
      createObjectStore: (name: string, options?: IDBObjectStoreParameters) => (ops.push({ op: "createStore", store: name, options }), store(name)),
      deleteObjectStore: (name: string) => void ops.push({ op: "deleteStore", store: name }),
    };
    try {
      (migrate as (db: unknown, tx: unknown) => void)(db, { objectStore: store });
    } catch (err) {
      throw new Error(`MIGRATIONS[${i}] does more than change stores and indexes; seed its fixture another way (${String(err)})`);
    }
    return ops;
  });
}

function fixtureVersions(): number[] {
  return readdirSync(DB_FIXTURES)
    .flatMap((f) => /^db-v(\d+)\.json$/.exec(f)?.[1] ?? [])
    .map(Number)
    .sort((a, b) => a - b);
}

/** A fixture record as dumpBrowserStorage shows it: `{$blob, type}` becomes the Blob's type, size and digest. */
function asDumped(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    const v = record[key] as { $blob?: string; type?: string } | null;
    if (v && typeof v === "object" && typeof v.$blob === "string") {
      const bytes = Buffer.from(v.$blob, "base64");
      out[key] = { type: v.type ?? "", size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
    } else out[key] = record[key];
  }
  return out;
}

/** Runs in the page: creates the database at the fixture's version, as that version's migrations left it, and writes every record. */
async function seedDatabase({ fixture, steps }: { fixture: DbFixture; steps: SchemaOp[][] }) {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open("gateway-studio", fixture.version);
    req.onupgradeneeded = () => {
      const [raw, tx] = [req.result, req.transaction!];
      for (const op of steps.slice(0, fixture.version).flat()) {
        if (op.op === "createStore") raw.createObjectStore(op.store, op.options);
        else if (op.op === "deleteStore") raw.deleteObjectStore(op.store);
        else if (op.op === "createIndex") tx.objectStore(op.store).createIndex(op.name, op.keyPath, op.options);
        else tx.objectStore(op.store).deleteIndex(op.name);
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const revive = (record: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(record).map(([k, v]) => {
        const blob = v as { $blob?: string; type?: string } | null;
        if (!blob || typeof blob !== "object" || typeof blob.$blob !== "string") return [k, v];
        return [k, new Blob([Uint8Array.from(atob(blob.$blob), (c) => c.charCodeAt(0))], { type: blob.type ?? "" })];
      }),
    );
  const tx = db.transaction(Object.keys(fixture.stores), "readwrite");
  for (const [store, records] of Object.entries(fixture.stores)) for (const r of records) tx.objectStore(store).put(revive(r));
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}
