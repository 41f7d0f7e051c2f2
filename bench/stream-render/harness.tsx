"use client";
import { useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { Markdown } from "@/components/markdown/markdown";
import { WholeMarkdown } from "./whole-markdown";
import { deltaSizes, realisticAnswer } from "./answer.mjs";

type Mode = "blocks" | "whole";
type View = { mode: Mode; text: string; streaming: boolean };

export type StreamRunResult = {
  mode: Mode;
  chars: number;
  /** Per update: characters shown, render+commit ms, render+commit+style/layout ms. */
  updates: Array<[number, number, number]>;
  /** The update that ends the stream (streaming=false: the tail gets highlighted). */
  final: [number, number];
  longTasks: number[];
  frames: number;
  durationMs: number;
};

declare global {
  interface Window {
    __streamRender?: {
      run: (opts: { mode: Mode; chars?: number }) => Promise<StreamRunResult>;
      warmUp: (chars?: number) => Promise<void>;
    };
  }
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/**
 * Benchmark harness: streams a long answer into <Markdown> (or the whole-message baseline), one
 * delta per frame, timing each update synchronously with flushSync (bench/stream-render/run.mjs).
 */
export function StreamRenderHarness() {
  const [view, setView] = useState<View>({ mode: "blocks", text: "", streaming: false });
  const [summary, setSummary] = useState("");
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const show = (v: View) => flushSync(() => setView(v));

    const warmUp = async (chars = 20_000) => {
      const text = realisticAnswer(chars);
      // Loads the lazy highlight/KaTeX chunks and warms the JIT for both renderers.
      show({ mode: "blocks", text, streaming: false });
      for (let i = 0; i < 200 && !(root.current?.querySelector(".hljs") && root.current.querySelector(".katex")); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      show({ mode: "whole", text, streaming: false });
      await nextFrame();
      show({ mode: "blocks", text: "", streaming: false });
      await nextFrame();
    };

    const run = async ({ mode, chars = 20_000 }: { mode: Mode; chars?: number }): Promise<StreamRunResult> => {
      const text = realisticAnswer(chars);
      show({ mode, text: "", streaming: true });
      await nextFrame();
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
      observer.observe({ type: "longtask" });
      let frames = 0;
      let counting = true;
      const tick = () => {
        if (!counting) return;
        frames++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);

      const updates: StreamRunResult["updates"] = [];
      const started = performance.now();
      let n = 0;
      for (const size of deltaSizes(text.length)) {
        n += size;
        const a = performance.now();
        show({ mode, text: text.slice(0, n), streaming: true });
        const b = performance.now();
        void root.current?.offsetHeight;
        updates.push([n, b - a, performance.now() - a]);
        await nextFrame();
      }
      const a = performance.now();
      show({ mode, text, streaming: false });
      const b = performance.now();
      void root.current?.offsetHeight;
      const final: [number, number] = [b - a, performance.now() - a];
      await nextFrame();
      const durationMs = performance.now() - started;
      counting = false;
      await new Promise((r) => setTimeout(r, 200));
      observer.takeRecords().forEach((e) => longTasks.push(e.duration));
      observer.disconnect();
      const result = { mode, chars: text.length, updates, final, longTasks, frames, durationMs };
      const med = [...updates.slice(-Math.ceil(updates.length / 10))].map((u) => u[1]).sort((x, y) => x - y);
      setSummary(`${mode}: median ${med[Math.floor(med.length / 2)]?.toFixed(2)} ms/update over the last 10%, ${longTasks.length} long tasks`);
      return result;
    };

    window.__streamRender = { run, warmUp };
    return () => {
      delete window.__streamRender;
    };
  }, []);

  const runHere = async (mode: Mode) => {
    await window.__streamRender?.warmUp();
    await window.__streamRender?.run({ mode });
  };

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4 p-4 sm:p-6">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <h1 className="mr-auto text-base font-semibold">Streaming markdown benchmark</h1>
        <button type="button" className="rounded-md border border-border px-3 py-1.5 hover:bg-subtle" onClick={() => runHere("blocks")}>
          Stream (blocks)
        </button>
        <button type="button" className="rounded-md border border-border px-3 py-1.5 hover:bg-subtle" onClick={() => runHere("whole")}>
          Stream (whole, baseline)
        </button>
      </div>
      <p role="status" className="min-h-5 text-sm text-muted">
        {summary}
      </p>
      <div ref={root} className="rounded-lg border border-border bg-panel p-4 text-[15px]">
        {view.mode === "blocks" ? <Markdown text={view.text} streaming={view.streaming} /> : <WholeMarkdown text={view.text} />}
      </div>
    </div>
  );
}
