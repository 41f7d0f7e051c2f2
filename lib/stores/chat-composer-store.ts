"use client";
import { create } from "zustand";

export type IncomingPicture = { blob: Blob; name: string };

type ComposerInbox = {
  /** Pictures dropped anywhere on the page or sent by "Edit this", waiting for the composer to take them. */
  incoming: IncomingPicture[];
  /** Bumped to ask the composer to take focus. */
  focusToken: number;
  /** Text handed over by another page (Transcribe "Send to chat"), put into the draft once. */
  text: string | null;
  giveText: (text: string) => void;
  takeText: () => string | null;
  give: (pictures: IncomingPicture[]) => void;
  take: () => IncomingPicture[];
  focus: () => void;
};

/** The composer keeps its text in local state (typing never re-renders the thread); only pictures come in here. */
export const useComposerInbox = create<ComposerInbox>()((set, get) => ({
  incoming: [],
  focusToken: 0,
  text: null,
  giveText: (text) => set((s) => ({ text, focusToken: s.focusToken + 1 })),
  takeText: () => {
    const { text } = get();
    if (text !== null) set({ text: null });
    return text;
  },
  give: (pictures) => set((s) => ({ incoming: [...s.incoming, ...pictures], focusToken: s.focusToken + 1 })),
  take: () => {
    const { incoming } = get();
    if (incoming.length) set({ incoming: [] });
    return incoming;
  },
  focus: () => set((s) => ({ focusToken: s.focusToken + 1 })),
}));
