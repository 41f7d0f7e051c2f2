"use client";
import { formatClock } from "@/lib/client/audio/captions";
import { useRecorder } from "./use-recorder";

const button = "h-9 rounded-md border border-border px-3 text-sm font-medium hover:bg-subtle disabled:opacity-50";

/** Records from the microphone, with a clock and an input-level meter. */
export function RecorderPanel({ onRecorded, disabled }: { onRecorded: (blob: Blob) => void; disabled?: boolean }) {
  const r = useRecorder(onRecorded);
  const active = r.state === "recording" || r.state === "paused";
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-border bg-panel p-3">
      <div className="flex flex-wrap items-center gap-2">
        {!active ? (
          <button type="button" className={`${button} inline-flex items-center gap-2`} onClick={r.start} disabled={disabled || r.state === "starting"}>
            <span aria-hidden className="size-2.5 rounded-full bg-danger" />
            {r.state === "starting" ? "Opening microphone…" : "Record"}
          </button>
        ) : (
          <>
            {r.state === "recording" ? (
              <button type="button" className={button} onClick={r.pause}>
                Pause
              </button>
            ) : (
              <button type="button" className={button} onClick={r.resume}>
                Resume
              </button>
            )}
            <button type="button" className={`${button} bg-accent text-accent-fg hover:bg-accent hover:opacity-90`} onClick={r.stop}>
              Stop
            </button>
            <button type="button" className={`${button} text-danger hover:bg-danger-soft`} onClick={r.discard}>
              Discard
            </button>
          </>
        )}
        <span role="timer" aria-label="Recording time" className="ml-auto font-mono text-sm tabular-nums text-muted">
          {active && r.state === "paused" ? "Paused · " : ""}
          {formatClock(r.elapsed / 1000)}
        </span>
      </div>
      <div
        role="meter"
        aria-label="Microphone input level"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(r.level * 100)}
        className="h-1.5 overflow-hidden rounded-full bg-subtle"
      >
        <div className="h-full origin-left bg-accent transition-transform duration-75" style={{ transform: `scaleX(${r.level})` }} />
      </div>
      {!active && !r.error && <p className="text-xs text-muted">Pause and resume as you go. Recordings are converted to WAV before upload.</p>}
      {r.error && (
        <p role="alert" className="text-sm text-danger">
          {r.error}
        </p>
      )}
    </div>
  );
}
