// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, describe, expect, it, vi } from "vitest";

async function loadAt(path: string) {
  window.history.replaceState(null, "", path);
  vi.resetModules();
  return import("./early-read");
}

afterEach(() => {
  window.history.replaceState(null, "", "/");
});

describe("reading the conversation in the URL at page load", () => {
  it("reads the conversation and its newest messages, oldest first", async () => {
    const { openStudioDB } = await import("@/lib/client/db");
    const db = await openStudioDB();
    await db.put("conversations", { id: "c1", title: "One", createdAt: 1, updatedAt: 1, pinned: false });
    for (let i = 0; i < 50; i++) {
      await db.put("messages", { id: `m${i}`, conversationId: "c1", parentId: i ? `m${i - 1}` : null, role: "user", text: `t${i}`, attachments: [], createdAt: i, status: "done" });
    }
    const { takeEarlyRead, FIRST_READ } = await loadAt("/chat/c1");
    const read = await takeEarlyRead("c1");
    expect(read?.conversation).toMatchObject({ id: "c1" });
    expect(read?.all).toBe(false);
    expect((read?.recent as { id: string }[]).map((m) => m.id)).toEqual(Array.from({ length: FIRST_READ }, (_, i) => `m${50 - FIRST_READ + i}`));
    // Taken once: the next open reads afresh.
    expect(takeEarlyRead("c1")).toBeNull();
  });

  it("never creates the database itself (the app creates it with its schema)", async () => {
    vi.stubGlobal("indexedDB", new IDBFactory());
    try {
      const { takeEarlyRead } = await loadAt("/chat/nothing-here");
      expect(await takeEarlyRead("nothing-here")).toBeNull();
      expect((await indexedDB.databases()).map((d) => d.name)).not.toContain("gateway-studio");
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("does nothing on other pages", async () => {
    const { takeEarlyRead } = await loadAt("/chat");
    expect(takeEarlyRead("chat")).toBeNull();
  });
});
