import { describe, expect, it } from "vitest";

describe("D-8 no IndexedDB (private mode, storage blocked)", () => {
  it("runs on an in-memory database, says so, and reads back what it wrote", async () => {
    const g = globalThis as { indexedDB?: unknown; IDBRequest?: unknown };
    delete g.indexedDB;
    delete g.IDBRequest;
    const db = await import("./db");
    const status = await import("./storage-status");
    const events: string[] = [];
    status.onStorageEvent((e) => events.push(e.kind));
    const blob = await db.putBlob(new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" }), "b1");
    expect(status.isMemoryOnly()).toBe(true);
    expect(events).toContain("memory-only");
    expect(blob.bytes).toBe(3);
    const store = await db.openStudioDB();
    await store.put("conversations", { id: "c1", title: "t", createdAt: 1, updatedAt: 1, pinned: false });
    expect((await store.getAllFromIndex("conversations", "byUpdated")).map((c) => c.id)).toEqual(["c1"]);
    expect(new Uint8Array(await (await db.getBlob("b1"))!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });
});
