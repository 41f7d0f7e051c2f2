import "fake-indexeddb/auto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { openStudioDB } from "@/lib/client/db";
import { onStorageEvent } from "@/lib/client/storage-status";
import { listGallery, originalBlob, removeFromGallery, retryUnsaved, saveToGallery } from "./gallery";
import { exportGallery } from "./export";

const png = (n: number) => new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, n])], { type: "image/png" });
const pic = (prompt: string, n = 1) => ({ blob: png(n), prompt, model: "m", size: "1024x1024" });

async function clear() {
  const db = await openStudioDB();
  for (const s of ["gallery", "blobs", "messages"] as const) await db.clear(s);
  await retryUnsaved();
}

describe("gallery storage", () => {
  beforeEach(clear);

  it("keeps the bytes and the record, newest first, batch in the gateway's order", async () => {
    await saveToGallery([pic("old")], 1000);
    await saveToGallery([pic("a", 1), pic("b", 2)], 2000);
    const items = await listGallery();
    expect(items.map((i) => i.prompt)).toEqual(["a", "b", "old"]);
    const bytes = new Uint8Array(await (await originalBlob(items[1]!))!.arrayBuffer());
    expect(bytes[4]).toBe(2);
  });

  it("keeps a link-only answer with its notice and no bytes", async () => {
    await saveToGallery([{ prompt: "p", model: "m", url: "https://x/y.png", notice: "could not load" }]);
    const [item] = await listGallery();
    expect(item).toMatchObject({ blobId: "", notice: "could not load", url: "https://x/y.png" });
  });

  it("on a quota error deletes nothing, keeps new pictures in memory, exports them all, and retries later (D-1)", async () => {
    await saveToGallery([pic("stored")]);
    const events: string[] = [];
    const off = onStorageEvent((e) => events.push(e.kind));
    const put = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(() => {
      throw new DOMException("full", "QuotaExceededError");
    });
    const result = await saveToGallery([pic("new", 7)]);
    expect(result.quotaFull).toBe(true);
    expect(events).toContain("quota");
    const items = await listGallery();
    expect(items.map((i) => [i.prompt, !!i.unsaved])).toEqual([["new", true], ["stored", false]]);
    const exported = JSON.parse(await (await exportGallery()).text()) as { items: { prompt: string; data: string }[] };
    expect(exported.items.map((i) => i.prompt)).toEqual(["new", "stored"]);
    expect(atob(exported.items[0]!.data).charCodeAt(4)).toBe(7);

    spy.mockRestore();
    expect(IDBObjectStore.prototype.put).toBe(put);
    expect(await retryUnsaved()).toBe(0);
    expect((await listGallery()).every((i) => !i.unsaved)).toBe(true);
    off();
  });

  it("deleting a chat picture leaves its bytes to the message that holds them", async () => {
    const db = await openStudioDB();
    await db.put("blobs", { id: "b1", blob: png(1), mime: "image/png", bytes: 5, createdAt: 1 });
    await db.put("messages", { id: "msg", conversationId: "c", parentId: null, role: "assistant", text: "", attachments: [], createdAt: 1, status: "done" });
    const rec = { id: "g1", blobId: "b1", mime: "image/png", prompt: "x", model: "m", createdAt: 1, source: "chat" as const, conversationId: "c", messageId: "msg" };
    await db.put("gallery", rec);
    await removeFromGallery(rec);
    expect(await db.get("gallery", "g1")).toBeUndefined();
    expect(await db.get("blobs", "b1")).toBeDefined();
  });

  it("deleting a generated picture removes its bytes too", async () => {
    await saveToGallery([pic("gone")]);
    const [item] = await listGallery();
    await removeFromGallery(item!);
    const db = await openStudioDB();
    expect(await db.get("blobs", item!.blobId)).toBeUndefined();
    expect(await listGallery()).toEqual([]);
  });
});
