// @vitest-environment jsdom
import { afterEach, expect, it, vi } from "vitest";

afterEach(() => {
  vi.useRealTimers();
  vi.resetModules();
  vi.doUnmock("@/lib/client/models");
});

it("a page with a model picker asks for the model list when the picker's module is evaluated, in the next task", async () => {
  vi.resetModules();
  vi.useFakeTimers();
  const startModels = vi.fn();
  vi.doMock("@/lib/client/models", async (original) => ({ ...(await original<typeof import("@/lib/client/models")>()), startModels }));
  await import("./model-picker");
  // Not inside the boot script's own task.
  expect(startModels).not.toHaveBeenCalled();
  vi.runOnlyPendingTimers();
  expect(startModels).toHaveBeenCalledTimes(1);
});
