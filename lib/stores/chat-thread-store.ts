"use client";
import { create } from "zustand";
import type { ConversationRecord, MessageRecord } from "@/lib/client/db";
import { activePath, childrenByParent } from "@/lib/client/chat/tree";

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
