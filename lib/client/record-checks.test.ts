import "fake-indexeddb/auto";
import { beforeEach, describe, expect, it } from "vitest";
import { openStudioDB, type StoreName } from "@/lib/client/db";
import { corruptRecords, onCorruptRecords, type CorruptRecord } from "@/lib/client/storage-status";
import { getConversation, listConversations, listMessages, searchConversations } from "@/lib/client/chat/storage";
import { listGallery } from "@/lib/client/images/gallery";
import { getTranscript, listTranscripts } from "@/lib/client/transcripts/transcripts";
import { isConversationRecord, isGalleryRecord, isMessageRecord, isTranscriptRecord } from "./record-checks";
import { loadDbFixture } from "@/test/db-fixtures";

/** Writes raw records, bypassing every check, as another version or a broken import could have. */
async function seed(store: StoreName, records: Record<string, unknown>[]) {
  const db = await openStudioDB();
  const tx = db.transaction(store, "readwrite");
  for (const r of records) await (tx.objectStore(store) as unknown as IDBObjectStore & { put: (v: unknown) => Promise<unknown> }).put(r);
  await tx.done;
}

async function raw(store: StoreName, id: string): Promise<unknown> {
  return (await openStudioDB()).get(store, id);
}

const events: CorruptRecord[][] = [];
onCorruptRecords((records) => events.push(records));

beforeEach(async () => {
  const db = await openStudioDB();
  for (const s of ["conversations", "messages", "gallery", "transcripts"] as const) await db.clear(s);
  events.length = 0;
});

const reported = (store: StoreName) => corruptRecords().filter((r) => r.store === store).map((r) => r.id);

const conv = (id: string, extra: Record<string, unknown> = {}) => ({ id, title: `Chat ${id}`, createdAt: 1, updatedAt: 2, pinned: false, ...extra });
const msg = (id: string, i: number, extra: Record<string, unknown> = {}) => ({
  id, conversationId: "c", parentId: i === 0 ? null : `m${i - 1}`, role: i % 2 ? "assistant" : "user",
  text: `text ${id}`, attachments: [], createdAt: 100 + i, status: "done", ...extra,
});

describe("D-6: a corrupt stored record is skipped and reported; everything else loads", () => {
  it("D-6 conversations: the list and a direct read skip the bad record, which stays in the database", async () => {
    await seed("conversations", [conv("good-1"), { id: "bad-conv", title: 42, createdAt: "yesterday" }, conv("good-2", { pinned: true })]);
    expect((await listConversations()).map((c) => c.id)).toEqual(["good-2", "good-1"]);
    expect(await getConversation("bad-conv")).toBeUndefined();
    expect(await getConversation("good-1")).toMatchObject({ title: "Chat good-1" });
    expect(reported("conversations")).toContain("bad-conv");
    expect(events.at(-1)).toEqual(corruptRecords());
    expect(await raw("conversations", "bad-conv")).toEqual({ id: "bad-conv", title: 42, createdAt: "yesterday" });
  });

  it("D-6 messages: every good turn of the thread loads, the corrupt one is reported and kept", async () => {
    await seed("conversations", [conv("c")]);
    const good = [0, 1, 3, 4].map((i) => msg(`m${i}`, i));
    const bad = msg("m2", 2, { text: { html: "<b>" }, attachments: "none" });
    await seed("messages", [...good, bad]);
    expect((await listMessages("c")).map((m) => m.id)).toEqual(["m0", "m1", "m3", "m4"]);
    expect(reported("messages")).toContain("m2");
    expect(events.at(-1)).toEqual(corruptRecords());
    expect(await raw("messages", "m2")).toMatchObject({ id: "m2", text: { html: "<b>" } });
    // Search walks every message: the bad one does not stop it either.
    expect([...(await searchConversations("text m4")).keys()]).toEqual(["c"]);
  });

  it("D-6 gallery: pictures with a sound record load, the broken one is reported and kept", async () => {
    const pic = (id: string, createdAt: number, extra: Record<string, unknown> = {}) => ({
      id, blobId: `b-${id}`, mime: "image/png", prompt: `p ${id}`, model: "m", createdAt, source: "images", ...extra,
    });
    await seed("gallery", [pic("g1", 1), pic("g-bad", 2, { source: "somewhere", prompt: undefined }), pic("g3", 3)]);
    expect((await listGallery()).map((g) => g.id)).toEqual(["g3", "g1"]);
    expect(reported("gallery")).toContain("g-bad");
    expect(events.at(-1)).toEqual(corruptRecords());
    expect(await raw("gallery", "g-bad")).toMatchObject({ id: "g-bad", source: "somewhere" });
  });

  it("D-6 transcripts: the history lists the good ones, a direct read of the bad one finds nothing, and it is kept", async () => {
    const t = (id: string, createdAt: number, extra: Record<string, unknown> = {}) => ({
      id, title: id, createdAt, updatedAt: createdAt, text: `said ${id}`, model: "whisper", ...extra,
    });
    await seed("transcripts", [t("t1", 1), t("t-bad", 2, { text: null, segments: "0-1" }), t("t3", 3)]);
    expect((await listTranscripts()).map((x) => x.id)).toEqual(["t3", "t1"]);
    expect(await getTranscript("t-bad")).toBeUndefined();
    expect(reported("transcripts")).toContain("t-bad");
    expect(await raw("transcripts", "t-bad")).toMatchObject({ id: "t-bad", text: null });
  });

  it("D-6 checks accept every record of the stored schema fixtures (nothing sound is quarantined)", () => {
    const { stores } = loadDbFixture(1);
    const checks = { conversations: isConversationRecord, messages: isMessageRecord, gallery: isGalleryRecord, transcripts: isTranscriptRecord };
    for (const [store, check] of Object.entries(checks)) {
      const records = stores[store] ?? [];
      expect(records.length, store).toBeGreaterThan(0);
      for (const r of records) expect(check(r), `${store} ${String(r.id)}`).toBe(true);
    }
  });
});
