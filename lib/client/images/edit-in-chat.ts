"use client";
import { announceChange, newId, putBlob, write, type AttachmentRef, type ConversationRecord, type GalleryRecord } from "@/lib/client/db";
import { HANDOFF_URL, setChatHandoff } from "@/lib/client/handoff";
import { filenameFromPrompt } from "./filename";
import { originalBlob } from "./gallery";

/**
 * Starts a new chat with this picture waiting in the composer: a conversation record, a copy of the bytes
 * (so deleting it from the gallery later never breaks the chat), and the handoff. Returns where to go.
 */
export async function editInChat(item: GalleryRecord): Promise<string> {
  const blob = await originalBlob(item);
  if (!blob) throw new Error("This picture's bytes are not in this browser, so it cannot be sent to chat.");
  const copy = await putBlob(blob);
  const attachment: AttachmentRef = {
    blobId: copy.id,
    mime: blob.type,
    name: filenameFromPrompt(item.prompt, blob.type),
    bytes: blob.size,
    ...(item.width && item.height ? { width: item.width, height: item.height } : {}),
  };
  const now = Date.now();
  const conversation: ConversationRecord = {
    id: newId(),
    title: `Edit: ${item.prompt.slice(0, 60)}`,
    createdAt: now,
    updatedAt: now,
    pinned: false,
  };
  await write((db) => db.put("conversations", conversation));
  announceChange({ store: "conversations", ids: [conversation.id] });
  setChatHandoff({ conversationId: conversation.id, attachments: [attachment] });
  return HANDOFF_URL;
}

/** Where a chat picture's conversation opens. */
export function conversationHref(conversationId: string): string {
  return `/chat/${encodeURIComponent(conversationId)}`;
}
