"use client";
import { preloadThread } from "./lazy-thread";
import { preloadMarkdown } from "./lazy-markdown";
import { conversationOnLoad } from "@/lib/client/chat/early-read";

/**
 * A saved conversation's page load: its thread, markdown and controller code are fetched while the page
 * hydrates, as lib/client/chat/early-read.ts reads its messages, instead of from the chat view's effect once
 * hydration is done. Imported by the chat layout's sidebar, whose module runs before the page's segment
 * hydrates. Runs once, when first loaded.
 */
if (conversationOnLoad) {
  preloadThread();
  preloadMarkdown();
  void import("@/lib/client/chat/controller");
}
