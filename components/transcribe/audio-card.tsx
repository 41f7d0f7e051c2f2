"use client";
import type { Ref } from "react";

type Props = {
  name: string;
  detail: string;
  note?: string | null;
  url: string | null;
  audioRef: Ref<HTMLAudioElement>;
  onTime: (seconds: number) => void;
  children?: React.ReactNode;
};

/** The audio being worked on, with a player, what will happen to it, and the actions that apply. */
export function AudioCard({ name, detail, note, url, audioRef, onTime, children }: Props) {
  return (
    <section aria-label="Audio" className="space-y-2 rounded-lg border border-border bg-panel p-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <p className="min-w-0 truncate text-sm font-medium">{name}</p>
        <p className="text-xs text-muted">{detail}</p>
      </div>
      {url ? (
        <audio ref={audioRef} controls src={url} preload="metadata" className="h-10 w-full" aria-label={`Play ${name}`} onTimeUpdate={(e) => onTime(e.currentTarget.currentTime)} />
      ) : (
        <p className="text-sm text-muted">The audio of this transcript was not kept.</p>
      )}
      {note && <p className="text-xs text-muted">{note}</p>}
      {children && <div className="flex flex-wrap items-center gap-2 pt-1">{children}</div>}
    </section>
  );
}
