/**
 * Runs in the browser after the HTML has loaded and before React hydrates (Next's instrumentation-client
 * convention). A page load of `/chat/<id>` starts that conversation's first IndexedDB read here
 * (lib/client/chat/early-read.ts), so it overlaps hydration instead of following it. Code fetches do not start
 * here: an `import()` made from this entry gets chunks of its own that repeat the page's modules, and the page
 * then fetched its own copy too. They start from the page's modules (chat-preload.ts, model-picker.tsx).
 */
import "@/lib/client/chat/early-read";
