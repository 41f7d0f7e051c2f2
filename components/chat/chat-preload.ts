import { conversationOnLoad } from "@/lib/client/chat/early-read";
import { loadChatData } from "@/lib/client/chat/load-chat-data";
import { preloadConversationItem } from "./lazy-conversation-item";
import { preloadMarkdown } from "./lazy-markdown";
import { preloadThread } from "./lazy-thread";

/**
 * A chat page's code fetches, started as soon as its modules are evaluated, before hydration reaches the
 * sidebar's and the view's effects (on a real network those were two or three round trips in a row):
 * - always: the chat's data code (the sidebar's list and the view both need it) and the conversation item;
 * - a page load of `/chat/<id>`: the thread and markdown too (the thread's first render needs both).
 * Each is the same promise the components' own loaders use. They start here, from a module of the chat page,
 * and not from instrumentation-client: Turbopack builds the chunks of an `import()` for the place it is made
 * from, and from there they repeated the page's own modules, and the page then fetched its own copy as well.
 */
function preloadChatPage(): void {
  // A failed fetch here is not an error: the page asks for the same code again when it needs it.
  void loadChatData().catch(() => {});
  preloadConversationItem();
  if (conversationOnLoad) {
    preloadThread();
    preloadMarkdown();
  }
}

// A saved conversation's page load starts them at once, inside the boot script, before hydration: the thread
// is that page's main content and waits for this code (page load -> ready, 15 loads each, interleaved: median
// 907-933 ms from the next task, 863 ms at once; the longest task 4-7 ms longer). A new chat needs none of it
// for its first paint and starts them in a task of its own: inside the boot script they lengthen its long
// task, which is mobile Lighthouse's blocking time on /chat.
if (typeof window !== "undefined") {
  if (conversationOnLoad) preloadChatPage();
  else setTimeout(preloadChatPage, 0);
}
