"use client";
import { useState } from "react";
import type { Segment } from "@/lib/schemas";
import { formatClock } from "@/lib/client/audio/captions";
import { cn } from "@/lib/client/cn";
import { SegmentList } from "./segment-list";
import { TranscriptActions } from "./transcript-actions";

export type ShownTranscript = {
  id: string;
  title: string;
  text: string;
  segments?: Segment[];
  language?: string;
  duration?: number;
  model: string;
};

type Props = {
  transcript: ShownTranscript;
  /** The text as first transcribed, to tell the person that subtitles follow the segments, not their edits. */
  edited: boolean;
  onTextChange: (text: string) => void;
  currentTime: number | null;
  canPlay: boolean;
  onSeek: (seconds: number) => void;
  notice?: string | null;
};

const toggle = "h-8 rounded-md px-3 text-sm aria-pressed:bg-subtle aria-pressed:font-medium";

/** The transcript: timed segments or the editable text, with copy, export and send-to-chat. */
export function TranscriptView({ transcript: t, edited, onTextChange, currentTime, canPlay, onSeek, notice }: Props) {
  const hasSegments = !!t.segments?.length;
  const [mode, setMode] = useState<"segments" | "text">(hasSegments ? "segments" : "text");
  const shown = hasSegments ? mode : "text";
  return (
    <section aria-labelledby="transcript-title" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h2 id="transcript-title" className="min-w-0 truncate text-base font-semibold">
          {t.title}
        </h2>
        <p className="text-xs text-muted">
          {[t.model, t.language, t.duration ? formatClock(t.duration) : null, t.segments?.length ? `${t.segments.length} segments` : "no timestamps"]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </div>
      {notice && (
        <p role="status" className="rounded-md bg-warn-soft px-3 py-2 text-sm text-warn">
          {notice}
        </p>
      )}
      <TranscriptActions source={t} />
      {hasSegments && (
        <div role="group" aria-label="View" className="flex gap-1">
          <button type="button" className={toggle} aria-pressed={shown === "segments"} onClick={() => setMode("segments")}>
            Timed segments
          </button>
          <button type="button" className={toggle} aria-pressed={shown === "text"} onClick={() => setMode("text")}>
            Edit text
          </button>
        </div>
      )}
      {shown === "segments" && t.segments ? (
        <SegmentList segments={t.segments} currentTime={currentTime} canPlay={canPlay} onSeek={onSeek} />
      ) : (
        <div className="space-y-1">
          <label htmlFor="transcript-text" className="sr-only">
            Transcript text
          </label>
          <textarea
            id="transcript-text"
            value={t.text}
            onChange={(e) => onTextChange(e.target.value)}
            rows={12}
            className={cn("w-full resize-y rounded-lg border border-border bg-panel p-3 text-sm leading-relaxed")}
          />
          {hasSegments && edited && (
            <p className="text-xs text-muted">Your edits are saved and go into TXT, JSON, Copy and Send to chat; SRT and VTT follow the timed segments.</p>
          )}
        </div>
      )}
    </section>
  );
}
