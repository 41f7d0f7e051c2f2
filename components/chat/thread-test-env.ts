import { vi } from "vitest";

/**
 * What jsdom lacks and the thread uses (observers for scrolling and windowing, scrollTo), and a fetch that answers
 * /api/models with `models`. For tests that render the Thread; undo with vi.unstubAllGlobals().
 */
export function stubThreadEnvironment(models: { id: string; kind: string; provider: string }[] = []): void {
  class Observer {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  vi.stubGlobal("ResizeObserver", Observer);
  vi.stubGlobal("IntersectionObserver", Observer);
  Element.prototype.scrollTo = () => {};
  vi.stubGlobal("fetch", () => Promise.resolve(new Response(JSON.stringify({ models }), { headers: { "Content-Type": "application/json" } })));
}
