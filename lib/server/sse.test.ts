import { describe, expect, it } from "vitest";
import type { ChatStreamEvent } from "@/lib/schemas/chat";
import { sseResponse } from "./sse";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("sseResponse", () => {
  it("S-4: sends `: ping` comments while nothing is produced, then the events", async () => {
    async function* slow(): AsyncGenerator<ChatStreamEvent> {
      await sleep(450);
      yield { type: "text", delta: "late" };
      yield { type: "finish", reason: "stop" };
    }
    const raw = await sseResponse(slow(), { abort: new AbortController(), heartbeatMs: 100 }).text();
    expect(raw.match(/^: ping$/gm)?.length).toBeGreaterThanOrEqual(3);
    expect(raw.endsWith(`data: ${JSON.stringify({ type: "finish", reason: "stop" })}\n\n`)).toBe(true);
  });

  it("S-3: a generator that ends without finish gets a final stream_interrupted error, never a silent cut", async () => {
    async function* cut(): AsyncGenerator<ChatStreamEvent> {
      yield { type: "text", delta: "half" };
    }
    const raw = await sseResponse(cut(), { abort: new AbortController() }).text();
    expect(raw.trim().split("\n\n").at(-1)).toContain('"code":"stream_interrupted"');
  });

  it("H-3: a thrown exception becomes a generic internal error with a request id, no stack trace", async () => {
    async function* broken(): AsyncGenerator<ChatStreamEvent> {
      yield { type: "text", delta: "x" };
      throw new Error("secret internals at /srv/app/lib/x.ts:12");
    }
    const raw = await sseResponse(broken(), { abort: new AbortController() }).text();
    const last = JSON.parse(raw.trim().split("\n\n").at(-1)!.slice(6));
    expect(last).toMatchObject({ type: "error", error: { code: "internal", requestId: expect.stringMatching(/^gs-/) } });
    expect(raw).not.toContain("/srv/app");
  });

  it("S-1: cancelling the response aborts the upstream controller", async () => {
    const abort = new AbortController();
    async function* endless(): AsyncGenerator<ChatStreamEvent> {
      while (!abort.signal.aborted) {
        yield { type: "text", delta: "." };
        await sleep(20);
      }
    }
    const reader = sseResponse(endless(), { abort }).body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(abort.signal.aborted).toBe(true);
  });
});
