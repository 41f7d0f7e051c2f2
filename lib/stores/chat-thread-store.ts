"use client";
import { create } from "zustand";
import type { ConversationRecord, MessageRecord } from "@/lib/client/db";
import { activePath, childrenByParent } from "@/lib/client/chat/tree";
// Imported for its effect: on a page load of /chat/<id>, the conversation is read while the page hydrates.
import "@/lib/client/chat/early-read";

/**
 * The open conversation. Text deltas only replace one message record, so only that message re-renders;
 * the thread's shape (pathIds, children) is recomputed only when messages are added, removed or a
 * version is chosen.
 */
export type ThreadState = {
  conversation: ConversationRecord | null;
  /** False for a new chat that has no record yet (created on the first send). */
  persisted: boolean;
  messages: Record<string, MessageRecord>;
  children: Map<string, MessageRecord[]>;
  pathIds: string[];
  loading: boolean;
  /** The answer streaming in this tab, if any. */
  streamingId: string | null;
  /** Polite screen-reader announcement ("Answer finished"). */
  announcement: string;
};

export const useChatThread = create<ThreadState>()(() => ({
  conversation: null,
  persisted: false,
  messages: {},
  children: new Map(),
  pathIds: [],
  loading: false,
  streamingId: null,
  announcement: "",
}));

/** Recomputes the thread's shape; call after adding or removing messages or changing branches. */
export function withStructure(messages: Record<string, MessageRecord>, conversation: ConversationRecord | null) {
  const list = Object.values(messages);
  return {
    messages,
    children: childrenByParent(list),
    pathIds: activePath(list, conversation?.branches).map((m) => m.id),
  };
}

export function setThreadMessages(messages: Record<string, MessageRecord>, conversation = useChatThread.getState().conversation) {
  useChatThread.setState({ ...withStructure(messages, conversation), conversation });
}

/**
 * A conversation opened tail first: `messages` are only its newest, and `pathIds` the end of the shown path
 * (worked out by the controller). setThreadMessages with every message replaces it once they are read.
 */
export function setThreadTail(messages: Record<string, MessageRecord>, pathIds: string[], conversation: ConversationRecord) {
  useChatThread.setState({ messages, children: childrenByParent(Object.values(messages)), pathIds, conversation });
}

/** Replaces one message's content without touching the thread's shape (streaming updates). */
export function patchMessage(id: string, patch: Partial<MessageRecord>) {
  const { messages } = useChatThread.getState();
  const current = messages[id];
  if (!current) return;
  useChatThread.setState({ messages: { ...messages, [id]: { ...current, ...patch } } });
}

export function upsertMessage(message: MessageRecord) {
  const { messages, conversation } = useChatThread.getState();
  setThreadMessages({ ...messages, [message.id]: message }, conversation);
}

export const selectPathMessages = (s: ThreadState) => s.pathIds.map((id) => s.messages[id]!).filter(Boolean);
