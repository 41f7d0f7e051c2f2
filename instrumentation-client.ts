/**
 * Runs in the browser after the HTML has loaded and before React hydrates (Next's instrumentation-client
 * convention). A page load starts here what it will need as soon as it is up, so the network and IndexedDB
 * work overlaps hydration instead of following it. See components/chat/route-preload.ts.
 */
import "@/components/chat/route-preload";
