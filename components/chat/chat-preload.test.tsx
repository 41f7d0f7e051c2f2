// @vitest-environment jsdom
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  window.history.replaceState(null, "", "/");
  vi.useRealTimers();
  vi.resetModules();
  vi.doUnmock("./lazy-thread");
  vi.doUnmock("./lazy-markdown");
  vi.doUnmock("./lazy-conversation-item");
  vi.doUnmock("@/lib/client/chat/load-chat-data");
});

/** Loads chat-preload.ts as a page load of `path` would, with its loaders replaced by spies; returns the spies. */
async function preloadAt(path: string) {
  window.history.replaceState(null, "", path);
  vi.resetModules();
  vi.useFakeTimers();
  const spies = { thread: vi.fn(), markdown: vi.fn(), item: vi.fn(), data: vi.fn(() => Promise.resolve({})) };
  vi.doMock("./lazy-thread", () => ({ preloadThread: spies.thread }));
  vi.doMock("./lazy-markdown", () => ({ preloadMarkdown: spies.markdown }));
  vi.doMock("./lazy-conversation-item", () => ({ preloadConversationItem: spies.item }));
  vi.doMock("@/lib/client/chat/load-chat-data", () => ({ loadChatData: spies.data }));
  await import("./chat-preload");
  return spies;
}

describe("a chat page's code fetches (chat-preload.ts, evaluated with the page's modules)", () => {
  it("a saved conversation's page load fetches the thread, markdown, data code and list item at once, before hydration", async () => {
    const spies = await preloadAt("/chat/c1");
    // Started as the page's modules are evaluated: the thread waits for this code, so no task in between.
    expect(spies.thread).toHaveBeenCalledTimes(1);
    expect(spies.markdown).toHaveBeenCalledTimes(1);
    expect(spies.data).toHaveBeenCalledTimes(1);
    expect(spies.item).toHaveBeenCalledTimes(1);
    vi.runOnlyPendingTimers();
    expect(spies.thread).toHaveBeenCalledTimes(1);
    expect(spies.data).toHaveBeenCalledTimes(1);
  });

  it("a new chat fetches the data code and list item in the task after the boot script, but not the thread or markdown", async () => {
    const spies = await preloadAt("/chat");
    // Not inside the boot script's own task: there it lengthened the long task of a page that needs none of it yet.
    expect(spies.data).not.toHaveBeenCalled();
    expect(spies.item).not.toHaveBeenCalled();
    vi.runOnlyPendingTimers();
    expect(spies.thread).not.toHaveBeenCalled();
    expect(spies.markdown).not.toHaveBeenCalled();
    expect(spies.data).toHaveBeenCalledTimes(1);
    expect(spies.item).toHaveBeenCalledTimes(1);
  });
});

describe("preloaded lazy components render without suspending", () => {
  it("the markdown renderer, once preloaded, draws markdown in the very first commit (no plain-text fallback)", async () => {
    // The real module, whatever an earlier test's vi.doMock left registered (CI once ran this against the mock).
    const { LazyMarkdown, preloadMarkdown } = await vi.importActual<typeof import("./lazy-markdown")>("./lazy-markdown");
    preloadMarkdown();
    // The same import the preload started: once it has settled, the wrapper holds the component.
    await import("@/components/markdown/markdown");
    await new Promise((r) => setTimeout(r, 0));
    const host = document.createElement("div");
    const root = createRoot(host);
    flushSync(() => root.render(<LazyMarkdown text={"Some **bold** words"} />));
    // React.lazy would have suspended here and committed its fallback, the raw text with its asterisks.
    expect(host.querySelector("strong")?.textContent).toBe("bold");
    expect(host.textContent).not.toContain("**");
    root.unmount();
  });
});
