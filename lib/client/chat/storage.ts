import {
  announceChange,
  newId,
  openStudioDB,
  write,
  type BlobRecord,
  type ConversationRecord,
  type GalleryRecord,
  type MessageRecord,
} from "@/lib/client/db";
import { reportCorrupt } from "@/lib/client/storage-status";
import { isConversationRecord, isMessageRecord, keepValid, validOrNothing } from "@/lib/client/record-checks";

/** Chat's view of the browser store: conversations, one record per message, pictures as Blobs. */

export async function listConversations(): Promise<ConversationRecord[]> {
  const db = await openStudioDB();
  const all = keepValid("conversations", await db.getAll("conversations"), isConversationRecord);
  return sortConversations(all);
}

/** Pinned first, then the most recently active. */
export function sortConversations(list: ConversationRecord[]): ConversationRecord[] {
  return [...list].sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt);
}

export async function getConversation(id: string): Promise<ConversationRecord | undefined> {
  const db = await openStudioDB();
  return validOrNothing("conversations", await db.get("conversations", id), isConversationRecord);
}

export function newConversation(partial: Partial<ConversationRecord> = {}): ConversationRecord {
  const now = Date.now();
  return { id: newId(), title: "New chat", createdAt: now, updatedAt: now, pinned: false, ...partial };
}

export async function putConversation(conv: ConversationRecord): Promise<void> {
  await write((db) => db.put("conversations", conv));
  announceChange({ store: "conversations", ids: [conv.id] });
}

export async function updateConversation(id: string, patch: Partial<Omit<ConversationRecord, "id">>): Promise<ConversationRecord | undefined> {
  const next = await write(async (db) => {
    const tx = db.transaction("conversations", "readwrite");
    const current = await tx.store.get(id);
    if (!current) {
      await tx.done;
      return undefined;
    }
    const updated = { ...current, ...patch };
    await tx.store.put(updated);
    await tx.done;
    return updated;
  });
  if (next) announceChange({ store: "conversations", ids: [id] });
  return next;
}

export async function listMessages(conversationId: string): Promise<MessageRecord[]> {
  const db = await openStudioDB();
  const all = keepValid("messages", await db.getAllFromIndex("messages", "byConversation", conversationId), isMessageRecord);
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * The newest `count` messages of a conversation, oldest first (a reverse walk of the byConversationTime
 * index), so opening a long thread decodes a screenful instead of every record. `all`: there are no others.
 */
export async function listRecentMessages(conversationId: string, count: number): Promise<{ messages: MessageRecord[]; all: boolean }> {
  const db = await openStudioDB();
  const range = IDBKeyRange.bound([conversationId, -Infinity], [conversationId, Infinity]);
  const found: unknown[] = [];
  let cursor = await db.transaction("messages").store.index("byConversationTime").openCursor(range, "prev");
  while (cursor && found.length < count) {
    found.push(cursor.value);
    cursor = found.length < count ? await cursor.continue() : null;
  }
  return { messages: keepValid("messages", found.reverse(), isMessageRecord), all: found.length < count };
}

export async function putMessage(message: MessageRecord, options: { announce?: boolean } = {}): Promise<void> {
  await write((db) => db.put("messages", message));
  if (options.announce !== false) announceChange({ store: "messages", ids: [message.id] });
}

/**
 * Writes a user's turn together with its conversation in one transaction (D-10): the record is created from
 * `conversation` when it does not exist yet, otherwise only `patch` is applied to the stored one (another
 * tab may have renamed or pinned it). Both are on disk before the URL names the conversation.
 */
export async function saveTurn(conversation: ConversationRecord, patch: Partial<Omit<ConversationRecord, "id">>, message: MessageRecord): Promise<void> {
  await write(async (db) => {
    const tx = db.transaction(["conversations", "messages"], "readwrite");
    const current = await tx.objectStore("conversations").get(conversation.id);
    await tx.objectStore("conversations").put({ ...(current ?? conversation), ...patch });
    await tx.objectStore("messages").put(message);
    await tx.done;
  });
  announceChange({ store: "conversations", ids: [conversation.id] });
  announceChange({ store: "messages", ids: [message.id] });
}

/** Deletes messages and the pictures only they used. */
export async function deleteMessages(messages: MessageRecord[]): Promise<void> {
  if (!messages.length) return;
  await write(async (db) => {
    const tx = db.transaction(["messages", "blobs", "gallery"], "readwrite");
    const kept = await galleryBlobIds(tx.objectStore("gallery"));
    for (const m of messages) {
      await tx.objectStore("messages").delete(m.id);
      for (const a of attachmentsOf(m)) if (!kept.has(a.blobId)) await tx.objectStore("blobs").delete(a.blobId);
    }
    await tx.done;
  });
  announceChange({ store: "messages", ids: messages.map((m) => m.id) });
}

/** A message's pictures; none for a record whose shape is broken (it is deleted with its conversation all the same). */
function attachmentsOf(m: MessageRecord): MessageRecord["attachments"] {
  return Array.isArray(m.attachments) ? m.attachments.filter((a) => typeof a?.blobId === "string") : [];
}

async function galleryBlobIds(store: { getAll: () => Promise<GalleryRecord[]> }): Promise<Set<string>> {
  return new Set((await store.getAll()).map((g) => g.blobId));
}

/** Everything a deleted conversation had, so Undo can put it back exactly. */
export type ConversationSnapshot = { conversation: ConversationRecord; messages: MessageRecord[]; blobs: BlobRecord[] };

/**
 * Deletes a conversation with its messages. Pictures also in the gallery stay there (the Images page
 * owns them now); the rest go. Returns a snapshot for Undo.
 */
export async function deleteConversation(id: string): Promise<ConversationSnapshot | undefined> {
  const snapshot = await write(async (db) => {
    const tx = db.transaction(["conversations", "messages", "blobs", "gallery"], "readwrite");
    const conversation = await tx.objectStore("conversations").get(id);
    if (!conversation) {
      await tx.done;
      return undefined;
    }
    const messages = await tx.objectStore("messages").index("byConversation").getAll(id);
    const kept = await galleryBlobIds(tx.objectStore("gallery"));
    const blobs: BlobRecord[] = [];
    for (const m of messages) {
      for (const a of attachmentsOf(m)) {
        if (kept.has(a.blobId)) continue;
        const b = await tx.objectStore("blobs").get(a.blobId);
        if (b) blobs.push(b);
        await tx.objectStore("blobs").delete(a.blobId);
      }
      await tx.objectStore("messages").delete(m.id);
    }
    await tx.objectStore("conversations").delete(id);
    await tx.done;
    return { conversation, messages, blobs };
  });
  if (snapshot) {
    announceChange({ store: "conversations", ids: [id] });
    announceChange({ store: "messages", ids: snapshot.messages.map((m) => m.id) });
  }
  return snapshot;
}

export async function restoreConversation(snapshot: ConversationSnapshot): Promise<void> {
  await write(async (db) => {
    const tx = db.transaction(["conversations", "messages", "blobs"], "readwrite");
    for (const b of snapshot.blobs) await tx.objectStore("blobs").put(b);
    for (const m of snapshot.messages) await tx.objectStore("messages").put(m);
    await tx.objectStore("conversations").put(snapshot.conversation);
    await tx.done;
  });
  announceChange({ store: "conversations", ids: [snapshot.conversation.id] });
}

/**
 * Full-text search over titles and message text, case-insensitive. Walks the messages with a cursor so a
 * large store is never loaded into memory at once. Returns conversation ids with a snippet of the first hit.
 */
export async function searchConversations(query: string): Promise<Map<string, string>> {
  const q = query.trim().toLowerCase();
  const hits = new Map<string, string>();
  if (!q) return hits;
  const db = await openStudioDB();
  for (const c of keepValid("conversations", await db.getAll("conversations"), isConversationRecord)) {
    if (c.title.toLowerCase().includes(q)) hits.set(c.id, c.title);
  }
  let cursor = await db.transaction("messages").store.openCursor();
  while (cursor) {
    const m = cursor.value;
    if (!isMessageRecord(m)) reportCorrupt("messages", [m]);
    else if (!hits.has(m.conversationId)) {
      const at = m.text.toLowerCase().indexOf(q);
      if (at >= 0) hits.set(m.conversationId, snippet(m.text, at, q.length));
    }
    cursor = await cursor.continue();
  }
  return hits;
}

function snippet(text: string, at: number, length: number): string {
  const start = Math.max(0, at - 30);
  const end = Math.min(text.length, at + length + 50);
  return `${start > 0 ? "…" : ""}${text.slice(start, end).replace(/\s+/g, " ")}${end < text.length ? "…" : ""}`;
}

/** A picture a chat answer returned, also shown on the Images page. */
export async function addChatPictureToGallery(record: Omit<GalleryRecord, "id" | "source" | "createdAt">): Promise<GalleryRecord> {
  const rec: GalleryRecord = { ...record, id: newId(), source: "chat", createdAt: Date.now() };
  await write((db) => db.put("gallery", rec));
  announceChange({ store: "gallery", ids: [rec.id] });
  return rec;
}
