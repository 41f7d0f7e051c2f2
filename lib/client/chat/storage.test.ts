import "fake-indexeddb/auto";
import { beforeEach, describe, expect, it } from "vitest";
import { openStudioDB, putBlob, type MessageRecord } from "@/lib/client/db";
import {
  addChatPictureToGallery,
  deleteConversation,
  deleteMessages,
  listConversations,
  listMessages,
  newConversation,
  putConversation,
  putMessage,
  restoreConversation,
  saveTurn,
  searchConversations,
  updateConversation,
} from "./storage";

async function clear() {
  const db = await openStudioDB();
  for (const store of ["conversations", "messages", "blobs", "gallery"] as const) await db.clear(store);
}

let t = 0;
function message(conversationId: string, text: string, extra: Partial<MessageRecord> = {}): MessageRecord {
  t++;
  return { id: `msg-${t}`, conversationId, parentId: null, role: "user", text, attachments: [], createdAt: t, status: "done", ...extra };
}

describe("chat storage", () => {
  beforeEach(clear);

  it("lists conversations pinned first, then by last activity", async () => {
    await putConversation(newConversation({ id: "old", title: "Old", updatedAt: 1 }));
    await putConversation(newConversation({ id: "new", title: "New", updatedAt: 3 }));
    await putConversation(newConversation({ id: "pinned", title: "Pinned", updatedAt: 2, pinned: true }));
    expect((await listConversations()).map((c) => c.id)).toEqual(["pinned", "new", "old"]);
    await updateConversation("old", { pinned: true, title: "Renamed" });
    const list = await listConversations();
    expect(list.map((c) => c.id)).toEqual(["pinned", "old", "new"]);
    expect(list[1]!.title).toBe("Renamed");
  });

  it("keeps one record per message and reads them back in order (D-5)", async () => {
    await putConversation(newConversation({ id: "c1" }));
    await putMessage(message("c1", "first"));
    await putMessage(message("c1", "second"));
    await putMessage(message("other", "elsewhere"));
    expect((await listMessages("c1")).map((m) => m.text)).toEqual(["first", "second"]);
  });

  it("saves a streaming answer repeatedly in place, so a reload finds the partial text (D-10)", async () => {
    const answer = message("c1", "", { role: "assistant", status: "streaming" });
    await putMessage(answer);
    await putMessage({ ...answer, text: "Half an" });
    await putMessage({ ...answer, text: "Half an answer" });
    const [saved] = await listMessages("c1");
    expect(saved).toMatchObject({ text: "Half an answer", status: "streaming" });
  });

  it("writes a first turn's conversation and message together; later turns patch the stored record (D-10)", async () => {
    const conv = newConversation({ id: "c9", title: "Hello", branches: { root: "m1" } });
    await saveTurn(conv, { branches: { root: "m1" }, updatedAt: 5 }, message("c9", "Hello", { id: "m1" }));
    expect((await listConversations()).map((c) => c.id)).toEqual(["c9"]);
    expect((await listMessages("c9")).map((m) => m.id)).toEqual(["m1"]);
    // Another tab renamed it meanwhile: the next turn keeps the new title.
    await updateConversation("c9", { title: "Renamed" });
    await saveTurn({ ...conv, title: "stale" }, { branches: { root: "m1", m1: "m2" }, updatedAt: 6 }, message("c9", "Again", { id: "m2", parentId: "m1" }));
    const [stored] = await listConversations();
    expect(stored).toMatchObject({ title: "Renamed", branches: { root: "m1", m1: "m2" }, updatedAt: 6 });
  });

  it("deletes a conversation with its messages and pictures, and Undo restores all of it", async () => {
    await putConversation(newConversation({ id: "c1", title: "Trip" }));
    const blob = await putBlob(new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" }));
    await putMessage(message("c1", "look", { attachments: [{ blobId: blob.id, mime: "image/png", bytes: 3 }] }));
    const snapshot = await deleteConversation("c1");
    expect(snapshot?.messages).toHaveLength(1);
    expect(await listConversations()).toEqual([]);
    expect(await listMessages("c1")).toEqual([]);
    expect(await (await openStudioDB()).get("blobs", blob.id)).toBeUndefined();
    await restoreConversation(snapshot!);
    expect((await listConversations())[0]?.title).toBe("Trip");
    expect(await listMessages("c1")).toHaveLength(1);
    expect((await (await openStudioDB()).get("blobs", blob.id))?.bytes).toBe(3);
  });

  it("keeps pictures that are also in the gallery when their chat is deleted", async () => {
    await putConversation(newConversation({ id: "c1" }));
    const blob = await putBlob(new Blob([new Uint8Array([9])], { type: "image/png" }));
    const m = message("c1", "", { role: "assistant", attachments: [{ blobId: blob.id, mime: "image/png", bytes: 1 }] });
    await putMessage(m);
    await addChatPictureToGallery({ blobId: blob.id, mime: "image/png", prompt: "a cat", model: "img", conversationId: "c1", messageId: m.id });
    await deleteMessages([m]);
    const db = await openStudioDB();
    expect(await db.get("blobs", blob.id)).toBeDefined();
    const gallery = await db.getAll("gallery");
    expect(gallery).toHaveLength(1);
    expect(gallery[0]).toMatchObject({ source: "chat", conversationId: "c1", messageId: m.id, prompt: "a cat" });
  });

  it("searches titles and message text, case-insensitively, with a snippet", async () => {
    await putConversation(newConversation({ id: "a", title: "Watercolor ideas" }));
    await putConversation(newConversation({ id: "b", title: "Taxes" }));
    await putConversation(newConversation({ id: "c", title: "Other" }));
    await putMessage(message("b", "The deadline for the form is in APRIL, remember it."));
    expect([...(await searchConversations("watercolor")).keys()]).toEqual(["a"]);
    const hits = await searchConversations("april");
    expect([...hits.keys()]).toEqual(["b"]);
    expect(hits.get("b")).toContain("APRIL");
    expect((await searchConversations("   ")).size).toBe(0);
  });
});
