import "fake-indexeddb/auto";
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { BackupFormatError, backupFileName, clearAllData, countRecords, exportBackup, importBackup } from "./backup";
import { DB_VERSION, STORE_NAMES, StorageQuotaError, openStudioDB, putBlob, type StoreName } from "./db";

const NOW = new Date("2026-11-27T10:00:00Z");

/** Every byte value, then random bytes: a PNG header and a WAV header so the "pictures and audio" are real-ish. */
function bytes(head: number[], n: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(head.length + 256 + n);
  out.set(head);
  for (let i = 0; i < 256; i++) out[head.length + i] = i;
  out.set(randomBytes(n), head.length + 256);
  return out;
}
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const WAV = [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45];

async function seed() {
  const picture = await putBlob(new Blob([bytes(PNG, 60_000)], { type: "image/png" }), "blob-picture");
  const thumb = await putBlob(new Blob([bytes(PNG, 2_000)], { type: "image/webp" }), "blob-thumb");
  const audio = await putBlob(new Blob([bytes(WAV, 120_001)], { type: "audio/wav" }), "blob-audio");
  const db = await openStudioDB();
  await db.put("conversations", { id: "c1", title: "Tea — 茶 ☕", createdAt: 1, updatedAt: 2, pinned: true, model: "gemini-2.5-flash", branches: { root: "m1" } });
  await db.put("messages", { id: "m1", conversationId: "c1", parentId: null, role: "user", text: "line1\nline2 \u2028 \"quoted\"", attachments: [{ blobId: picture.id, mime: "image/png", bytes: picture.bytes }], createdAt: 3, status: "done" });
  await db.put("messages", { id: "m2", conversationId: "c1", parentId: "m1", role: "assistant", text: "partial", attachments: [], createdAt: 4, status: "error", error: { code: "stream_interrupted", message: "cut", retryable: true } });
  await db.put("gallery", { id: "g1", blobId: picture.id, thumbBlobId: thumb.id, mime: "image/png", prompt: "a cat", model: "flux", createdAt: 5, source: "images" });
  await db.put("transcripts", { id: "t1", title: "Memo", createdAt: 6, updatedAt: 6, text: "hello", model: "whisper", audioBlobId: audio.id, segments: [{ start: 0, end: 1.5, text: "hello" }] });
}

/** Every store's records, blobs replaced by their type and exact bytes. */
async function snapshot() {
  const db = await openStudioDB();
  const out: Record<string, unknown[]> = {};
  for (const store of STORE_NAMES) {
    const rows = await db.getAll(store);
    out[store] = await Promise.all(
      rows.map(async (row) =>
        "blob" in row && row.blob instanceof Blob ? { ...row, blob: { type: row.blob.type, bytes: Buffer.from(await row.blob.arrayBuffer()).toString("hex") } } : row,
      ),
    );
  }
  return out;
}

beforeEach(async () => {
  await clearAllData();
});

describe("D-7 export, clear, import", { timeout: 30_000 }, () => {
  it("round-trips every record byte for byte, pictures and audio included", async () => {
    await seed();
    const before = await snapshot();
    const file = await exportBackup(NOW);
    const text = await file.text();
    expect(text.split("\n")[0]).toBe(`{"format":"gateway-studio-backup","version":1,"schema":${DB_VERSION},"exportedAt":"2026-11-27T10:00:00.000Z","records":[`);
    expect(() => JSON.parse(text)).not.toThrow();

    await clearAllData();
    expect(Object.values(await countRecords())).toEqual([0, 0, 0, 0, 0]);

    expect(await importBackup(file)).toEqual({ imported: 8, skipped: 0 });
    expect(await snapshot()).toEqual(before);
    const again = await (await exportBackup(NOW)).text();
    expect(again).toBe(text);
  });

  it("imports from a stream in small pieces (line by line), not one parse of the whole file", async () => {
    await seed();
    const text = await (await exportBackup(NOW)).text();
    await clearAllData();
    const encoded = new TextEncoder().encode(text);
    // A Blob whose stream hands out 1000-byte chunks, splitting lines and multi-byte characters.
    const chunked = {
      stream: () =>
        new ReadableStream<Uint8Array>({
          start(c) {
            for (let i = 0; i < encoded.length; i += 1000) c.enqueue(encoded.slice(i, i + 1000));
            c.close();
          },
        }),
    } as unknown as Blob;
    const progress: number[] = [];
    expect(await importBackup(chunked, (n) => progress.push(n))).toEqual({ imported: 8, skipped: 0 });
    expect(progress.at(-1)).toBe(8);
    expect((await countRecords()).blobs).toBe(3);
  });

  it("skips records it cannot read, and merges into what is already there", async () => {
    await seed();
    const lines = (await (await exportBackup(NOW)).text()).split("\n");
    lines.splice(2, 0, `{"store":"passwords","value":{"id":"x"}},`, `{"store":"messages","value":{"no":"id"}},`, `not json at all,`);
    await (await openStudioDB()).delete("conversations", "c1");
    expect(await importBackup(new Blob([lines.join("\n")]))).toEqual({ imported: 8, skipped: 3 });
    expect((await countRecords()).conversations).toBe(1);
  });

  it("refuses files that are not a backup, from a newer version, or cut short, with a plain message", async () => {
    await expect(importBackup(new Blob(["{\"hello\":1}"]))).rejects.toThrow(BackupFormatError);
    await expect(importBackup(new Blob([""]))).rejects.toThrow("empty");
    await expect(
      importBackup(new Blob([`{"format":"gateway-studio-backup","version":1,"schema":99,"exportedAt":"x","records":[\n{"end":true}]}`])),
    ).rejects.toThrow("newer version");
    await seed();
    const text = await (await exportBackup(NOW)).text();
    await clearAllData();
    await expect(importBackup(new Blob([text.slice(0, text.length - 40)]))).rejects.toThrow("cut short");
  });

  it("names the file by date", () => {
    expect(backupFileName(NOW)).toBe("gateway-studio-backup-2026-11-27.json");
  });
});

describe("D-1 quota during import", { timeout: 30_000 }, () => {
  it("turns a quota error into StorageQuotaError and deletes nothing", async () => {
    await seed();
    const file = await exportBackup(NOW);
    const db = await openStudioDB();
    const original = db.transaction.bind(db);
    (db as unknown as { transaction: unknown }).transaction = (stores: StoreName[], mode?: IDBTransactionMode) => {
      if (mode === "readwrite") throw new DOMException("full", "QuotaExceededError");
      return original(stores, mode);
    };
    try {
      await expect(importBackup(file)).rejects.toBeInstanceOf(StorageQuotaError);
    } finally {
      (db as unknown as { transaction: unknown }).transaction = original;
    }
    expect((await countRecords()).messages).toBe(2);
  });
});
