"use client";
import { lazyWithPreload } from "react-lazy-with-preload";

// A saved conversation in the sidebar: drawn only once the list has been read, so loaded with that read. A /chat
// page load fetches it early (chat-preload.ts); preloaded, the items draw without suspending (see lazy-thread.tsx).
export const ConversationItem = lazyWithPreload(() => import("./conversation-item").then((m) => ({ default: m.ConversationItem })));

/** Starts loading the item's code ahead of need. */
export function preloadConversationItem(): void {
  // A failed fetch is not an error here: rendering the list asks for the code again.
  ConversationItem.preload().catch(() => {});
}
