import { describe, expect, it } from "vitest";
import type { ChatStreamEvent } from "@/lib/schemas/chat";
import { sseResponse, streamDeadlineMs } from "./sse";

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

  it("joins a burst of deltas from one turn into one write, but every other event is a write of its own", async () => {
    async function* burst(): AsyncGenerator<ChatStreamEvent> {
      yield { type: "start", model: "m" };
      // One upstream read's worth of deltas, all produced in the same turn of the event loop.
      for (const delta of ["a", "b", "c"]) yield { type: "text", delta };
      yield { type: "reasoning", delta: "r" };
      await sleep(5);
      yield { type: "text", delta: "d" };
      // The upstream's trailer, usage then [DONE], read in the same turn as the last delta.
      yield { type: "usage", usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 } };
      yield { type: "finish", reason: "stop" };
    }
    const reader = sseResponse(burst(), { abort: new AbortController() }).body!.getReader();
    const writes: string[][] = [];
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      writes.push(decoder.decode(value).trim().split("\n\n").map((e) => (JSON.parse(e.slice(6)) as ChatStreamEvent).type));
    }
    expect(writes).toEqual([["start"], ["text"], ["text", "text", "reasoning"], ["text"], ["usage"], ["finish"]]);
  });

  it("S-5: at the deadline the answer ends with a Continue-able finish and the upstream call is aborted", async () => {
    const abort = new AbortController();
    // An upstream that keeps streaming and ignores the abort: the deadline must end the response anyway.
    async function* endless(): AsyncGenerator<ChatStreamEvent> {
      yield { type: "start", model: "m" };
      for (;;) {
        yield { type: "text", delta: "." };
        await sleep(10);
      }
    }
    const raw = await sseResponse(endless(), { abort, deadlineMs: 150 }).text();
    const events = raw.trim().split("\n\n").filter((l) => l.startsWith("data: ")).map((l) => JSON.parse(l.slice(6)) as ChatStreamEvent);
    expect(events.filter((e) => e.type === "text").length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: "finish", reason: "incomplete", note: expect.stringContaining("time limit") });
    expect(events.filter((e) => e.type === "finish" || e.type === "error")).toHaveLength(1);
    expect(abort.signal.aborted).toBe(true);
  });

  it("S-5: the deadline sits below the route's maxDuration, and the chat route sets one", async () => {
    const { maxDuration } = await import("@/app/api/chat/route");
    expect(streamDeadlineMs(maxDuration)).toBeLessThan(maxDuration * 1000);
    expect(streamDeadlineMs(maxDuration)).toBeGreaterThan(0);
    const { readFileSync } = await import("node:fs");
    expect(readFileSync("app/api/chat/route.ts", "utf8")).toMatch(/deadlineMs: streamDeadlineMs\(maxDuration\)/);
  });
});
