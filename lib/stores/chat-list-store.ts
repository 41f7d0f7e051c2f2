"use client";
import { create } from "zustand";
import type { ConversationRecord } from "@/lib/client/db";
import { loadChatData } from "@/lib/client/chat/load-chat-data";

type ChatListState = {
  conversations: ConversationRecord[];
  loaded: boolean;
  error: string | null;
  refresh: () => Promise<void>;
  /** The drawer at phone width. */
  drawerOpen: boolean;
  setDrawerOpen: (open: boolean) => void;
};

/** The sidebar's list of conversations, re-read from IndexedDB after each change (here or in another tab). */
export const useChatList = create<ChatListState>()((set) => ({
  conversations: [],
  loaded: false,
  error: null,
  refresh: async () => {
    try {
      // The storage layer loads with the first read, not with the page's first paint.
      const { listConversations } = await loadChatData();
      set({ conversations: await listConversations(), loaded: true, error: null });
    } catch (err) {
      set({ loaded: true, error: err instanceof Error ? err.message : "Could not read saved conversations." });
    }
  },
  drawerOpen: false,
  setDrawerOpen: (drawerOpen) => set({ drawerOpen }),
}));
