// @vitest-environment jsdom
import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

const MODELS = { models: [{ id: "gpt-4o-mini", kind: "chat", provider: "openai" }] };

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe("useModels (react-query, loaded with the first request)", () => {
  it("shares one request between readers and shows the list", async () => {
    const fetchMock = vi.fn(async () => respond(200, MODELS));
    vi.stubGlobal("fetch", fetchMock);
    const { useModels } = await import("./models");
    const a = renderHook(() => useModels());
    const b = renderHook(() => useModels());
    expect(a.result.current.isPending).toBe(true);
    await waitFor(() => expect(a.result.current.data?.map((m) => m.id)).toEqual(["gpt-4o-mini"]));
    expect(b.result.current.data?.length).toBe(1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("retries once, then reports the error; refetch recovers", async () => {
    let calls = 0;
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        calls++;
        return calls <= 2
          ? respond(503, { error: { code: "upstream_unavailable", message: "The gateway is not answering.", retryable: true } })
          : respond(200, MODELS);
      }),
    );
    const { useModels } = await import("./models");
    const { result } = renderHook(() => useModels());
    await waitFor(() => expect(result.current.isError).toBe(true), { timeout: 5000 });
    expect(calls).toBe(2);
    expect(result.current.error?.message).toBe("The gateway is not answering.");
    await act(() => result.current.refetch());
    await waitFor(() => expect(result.current.data?.length).toBe(1));
    expect(result.current.isError).toBe(false);
  });
});

describe("the model list when its code fails to load", () => {
  it("shows an error instead of loading forever, and Retry fetches the code again", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => respond(200, MODELS)));
    let fail = true;
    vi.doMock("./models-query", async (importOriginal) => {
      if (fail) throw new TypeError("Failed to fetch dynamically imported module");
      return importOriginal();
    });
    const { useModels } = await import("./models");
    const hook = renderHook(() => useModels());
    await waitFor(() => expect(hook.result.current.isError).toBe(true));
    expect(hook.result.current.error?.message).toMatch(/could not be loaded.*retry/i);
    fail = false;
    await act(() => hook.result.current.refetch());
    await waitFor(() => expect(hook.result.current.data?.map((m) => m.id)).toEqual(["gpt-4o-mini"]));
    expect(hook.result.current.isError).toBe(false);
    vi.doUnmock("./models-query");
  });
});
