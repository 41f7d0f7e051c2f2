// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
  vi.resetModules();
});

describe("the Images draft store (server render, hydration, reloads)", () => {
  it("gives the defaults to the server render and the saved draft to the browser", async () => {
    localStorage.setItem("gs-images-draft", JSON.stringify({ prompt: "A lighthouse at dusk", n: 3, size: "1536x1024" }));
    const { draftStore, DEFAULT_SETTINGS } = await import("./image-settings");
    expect(draftStore.getServer()).toEqual(DEFAULT_SETTINGS);
    expect(draftStore.get()).toEqual({ prompt: "A lighthouse at dusk", n: 3, size: "1536x1024" });
    // The same object while nothing changes (useSyncExternalStore needs a stable snapshot).
    expect(draftStore.get()).toBe(draftStore.get());
  });

  it("saves what is set, tells its readers, and a reload finds it", async () => {
    const { draftStore } = await import("./image-settings");
    const heard = vi.fn();
    const off = draftStore.subscribe(heard);
    draftStore.set((s) => ({ ...s, prompt: "Ocean waves", n: 2 }));
    expect(heard).toHaveBeenCalledTimes(1);
    off();
    vi.resetModules();
    const again = await import("./image-settings");
    expect(again.draftStore.get()).toMatchObject({ prompt: "Ocean waves", n: 2 });
  });

  it("keeps what the person typed when localStorage refuses to save it", async () => {
    const { draftStore } = await import("./image-settings");
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("full", "QuotaExceededError");
    });
    draftStore.set((s) => ({ ...s, prompt: "Still here" }));
    expect(draftStore.get().prompt).toBe("Still here");
  });
});
