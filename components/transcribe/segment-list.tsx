"use client";
import { useEffect, useRef } from "react";
import type { Segment } from "@/lib/schemas";
import { formatClock } from "@/lib/client/audio/captions";
import { cn } from "@/lib/client/cn";

type Props = { segments: Segment[]; currentTime: number | null; canPlay: boolean; onSeek: (seconds: number) => void };

/** Timed segments; clicking one plays the audio from there, the one playing is highlighted. */
export function SegmentList({ segments, currentTime, canPlay, onSeek }: Props) {
  const current = currentTime === null ? -1 : segments.findLastIndex((s) => s.start <= currentTime + 0.05);
  const activeRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    activeRef.current?.scrollIntoView({ block: "nearest" });
  }, [current]);
  return (
    <ol aria-label="Timed segments" className="max-h-[28rem] divide-y divide-border overflow-auto rounded-lg border border-border bg-panel">
      {segments.map((s, i) => (
        <li key={i} ref={i === current ? activeRef : undefined} className={cn("flex gap-3 px-3 py-2 text-sm", i === current && "bg-accent-soft")} aria-current={i === current ? "true" : undefined}>
          <button
            type="button"
            onClick={() => onSeek(s.start)}
            disabled={!canPlay}
            className="h-6 shrink-0 rounded px-1.5 font-mono text-xs tabular-nums text-accent hover:bg-subtle disabled:text-muted"
            aria-label={`Play from ${formatClock(s.start)}`}
          >
            {formatClock(s.start)}
          </button>
          <span className="min-w-0 break-words">{s.text.trim()}</span>
        </li>
      ))}
    </ol>
  );
}
