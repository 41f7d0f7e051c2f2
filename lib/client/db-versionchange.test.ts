import "fake-indexeddb/auto";
import { openDB } from "idb";
import { describe, expect, it } from "vitest";
import { DB_VERSION, openStudioDB } from "./db";
import { onStorageEvent } from "./storage-status";

describe("D-4 another tab opens a newer schema", () => {
  it("this tab closes its connection and says so, so the newer tab is never stuck on blocked", async () => {
    const name = `versionchange-${crypto.randomUUID()}`;
    const events: string[] = [];
    const off = onStorageEvent((e) => events.push(e.kind));
    const current = await openStudioDB(name);
    await current.put("conversations", { id: "c1", title: "kept", createdAt: 1, updatedAt: 1, pinned: false });

    let blocked = false;
    const newer = await openDB(name, DB_VERSION + 1, {
      blocked: () => {
        blocked = true;
      },
    });
    expect(blocked).toBe(false);
    expect(events).toContain("version-change");
    expect(newer.version).toBe(DB_VERSION + 1);
    expect((await newer.get("conversations", "c1"))?.title).toBe("kept");
    newer.close();
    off();
  });
});
