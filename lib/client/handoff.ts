"use client";
import type { AttachmentRef } from "./db";

/**
 * One page hands something to the chat composer (Images "Edit in chat", Transcribe "Send to chat").
 * Small JSON in sessionStorage: text and blob ids only, the bytes stay in IndexedDB `blobs`.
 * The sender writes it and navigates to `/chat?handoff=1`; the chat page takes it once.
 */
export type ChatHandoff = {
  text?: string;
  attachments?: AttachmentRef[];
  /** A conversation record the sender already created for this; absent means "start a new chat". */
  conversationId?: string;
};

const KEY = "gs-chat-handoff";
export const HANDOFF_URL = "/chat?handoff=1";

export function setChatHandoff(handoff: ChatHandoff): void {
  sessionStorage.setItem(KEY, JSON.stringify(handoff));
}

/** Reads and clears the pending handoff, so a reload does not apply it twice. */
export function takeChatHandoff(): ChatHandoff | null {
  const raw = sessionStorage.getItem(KEY);
  if (raw === null) return null;
  sessionStorage.removeItem(KEY);
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" ? (value as ChatHandoff) : null;
  } catch {
    return null;
  }
}
