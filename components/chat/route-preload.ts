import { preloadThread } from "./lazy-thread";
import { preloadMarkdown } from "./lazy-markdown";
import { preloadConversationItem } from "./lazy-conversation-item";
import { conversationOnLoad } from "@/lib/client/chat/early-read";
import { startModels } from "@/lib/client/models";

/**
 * Page-load preloads, run by instrumentation-client.ts before hydration. Importing this module already starts
 * a saved conversation's IndexedDB read (early-read.ts); the code fetches follow in the next task. Before,
 * they began in the chat layout's sidebar or the chat view's effect, once hydration had reached them: on a
 * real network that was two or three round trips in a row after hydration (bench/probes/page-load-timeline).
 * - `/chat/<id>`: the thread, markdown and controller code (the thread's first render needs all three).
 * - any `/chat` page: the sidebar's list code (storage, the conversation item).
 * - a page with a model picker: the model list, so the picker is filled when it hydrates.
 * Each import is the same promise the page's own lazy loaders use.
 */
const path = typeof window === "undefined" ? "" : window.location.pathname;

// A failed fetch here is not an error: the page asks for the same code again when it needs it.
const quietly = (load: Promise<unknown>) => void load.catch(() => {});

function preload() {
  if (conversationOnLoad) {
    preloadThread();
    preloadMarkdown();
    quietly(import("@/lib/client/chat/controller"));
  }
  if (path === "/chat" || path.startsWith("/chat/")) {
    quietly(import("@/lib/client/chat/storage"));
    preloadConversationItem();
  }
  if (/^\/(chat|images|transcribe)(\/|$)/.test(path)) startModels();
}

// In a task of its own: started inside the boot script, the imports made its long task ~70 ms longer.
if (path) setTimeout(preload, 0);
