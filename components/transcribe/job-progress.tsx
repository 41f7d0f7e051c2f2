import { formatClock } from "@/lib/client/audio/captions";
import type { JobPhase, PartState } from "./use-transcription-job";

const STATUS: Record<PartState["status"], string> = {
  waiting: "Waiting",
  sending: "Uploading",
  transcribing: "Transcribing",
  done: "Done",
  failed: "Not done",
};

function PartRow({ part, index, count }: { part: PartState; index: number; count: number }) {
  const pct = Math.round(part.progress * 100);
  const label = count > 1 ? `Part ${index + 1} of ${count}` : "Upload";
  return (
    <li className="space-y-1">
      <div className="flex items-center justify-between gap-2 text-xs">
        <span className="font-medium">
          {label}
          {count > 1 && (
            <span className="text-muted">
              {" "}
              · from {formatClock(part.offset)}
              {part.duration ? ` to ${formatClock(part.offset + part.duration)}` : ""}
            </span>
          )}
        </span>
        <span className="text-muted tabular-nums">
          {STATUS[part.status]}
          {part.status === "sending" ? ` ${pct}%` : ""}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`${label}: ${STATUS[part.status].toLowerCase()}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={part.status === "transcribing" ? undefined : pct}
        className="h-1.5 overflow-hidden rounded-full bg-subtle"
      >
        <div
          className={
            part.status === "transcribing"
              ? "h-full w-full animate-pulse bg-accent/60"
              : part.status === "failed"
                ? "h-full bg-danger"
                : "h-full bg-accent transition-[width]"
          }
          style={part.status === "transcribing" ? undefined : { width: `${part.status === "failed" ? Math.max(pct, 4) : pct}%` }}
        />
      </div>
    </li>
  );
}

/** Upload and transcription progress, one bar per part, with Cancel while it runs. */
export function JobProgress({ phase, parts, onCancel }: { phase: JobPhase; parts: PartState[]; onCancel: () => void }) {
  if (phase === "preparing") {
    return (
      <p role="status" className="text-sm text-muted">
        Preparing the audio…
      </p>
    );
  }
  if (!parts.length || phase === "idle") return null;
  const done = parts.filter((p) => p.status === "done").length;
  return (
    <section aria-label="Progress" className="space-y-2 rounded-lg border border-border bg-panel p-3">
      <div className="flex items-center justify-between gap-2">
        <p role="status" className="text-sm">
          {phase === "running"
            ? parts.length > 1
              ? `Transcribing part ${Math.min(done + 1, parts.length)} of ${parts.length}…`
              : "Transcribing…"
            : phase === "stopped"
              ? "Stopped. Your audio is kept; send it again when ready."
              : phase === "done"
                ? "Done."
                : parts.length > 1
                  ? `${done} of ${parts.length} parts done; the rest can be sent again.`
                  : "The upload did not finish. Your audio is kept."}
        </p>
        {phase === "running" && (
          <button type="button" onClick={onCancel} className="h-8 rounded-md border border-border px-3 text-sm hover:bg-subtle">
            Cancel
          </button>
        )}
      </div>
      <ul className="space-y-2">
        {parts.map((p, i) => (
          <PartRow key={i} part={p} index={i} count={parts.length} />
        ))}
      </ul>
    </section>
  );
}
