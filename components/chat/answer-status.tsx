"use client";
import type { MessageRecord } from "@/lib/client/db";
import { FINISH_EXPLAINED } from "@/lib/client/chat/settings";
import { useRetryCountdown } from "./retry-countdown";

type Props = {
  message: MessageRecord;
  /** The record says streaming but no stream runs in this tab: the page was reloaded or closed mid-answer. */
  interrupted: boolean;
  busy: boolean;
  onRetry: () => void;
  onContinue: () => void;
};

/** Why an answer did not end normally, and the way on: retry, continue or regenerate. */
export function AnswerStatus({ message, interrupted, busy, onRetry, onContinue }: Props) {
  const wait = useRetryCountdown(message.error?.retryAfter, message.errorAt);
  const hasText = message.text.trim().length > 0;
  const button = "rounded-md border border-border bg-panel px-2.5 py-1 text-xs font-medium hover:bg-subtle disabled:opacity-50";

  if (interrupted) {
    return (
      <div className="mt-2 flex flex-wrap items-center gap-2 rounded-md border border-warn/40 bg-warn-soft px-3 py-2 text-sm text-warn">
        <span>This answer was interrupted: the page was closed or reloaded while it arrived.{hasText ? " The part that arrived is kept." : ""}</span>
        <span className="flex gap-2">
          {hasText && (
            <button type="button" className={button} disabled={busy} onClick={onContinue}>
              Continue
            </button>
          )}
          <button type="button" className={button} disabled={busy} onClick={onRetry}>
            Regenerate
          </button>
        </span>
      </div>
    );
  }

  if (message.status === "error") {
    const e = message.error;
    return (
      <div role="alert" className="mt-2 rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger">
        <p className="font-medium">{e?.message ?? message.errorMessage ?? "The answer failed."}</p>
        {e?.upstreamMessage && <p className="mt-1 text-xs">Gateway said: {e.upstreamMessage}</p>}
        {e?.requestId && <p className="mt-1 text-xs">Request id: <code className="select-all">{e.requestId}</code></p>}
        {hasText && <p className="mt-1 text-xs">The part of the answer that arrived is kept above.</p>}
        <div className="mt-2 flex gap-2">
          <button type="button" className={button} disabled={busy || wait > 0} onClick={onRetry}>
            {wait > 0 ? `Retry in ${wait}s` : "Retry"}
          </button>
          {hasText && (
            <button type="button" className={button} disabled={busy || wait > 0} onClick={onContinue}>
              Continue
            </button>
          )}
        </div>
      </div>
    );
  }

  const reason = message.finishReason;
  if (!reason || reason === "stop") return null;
  const generic = FINISH_EXPLAINED[reason] ?? `Ended: ${reason}.`;
  // An incomplete answer with the server's note (the gateway's own cut-off, this server's time limit) says why
  // in the note's words, instead of the generic line about a closed connection followed by a second reason.
  const note = message.finishNote && message.finishNote !== generic ? message.finishNote : undefined;
  const explained = reason === "incomplete" && note ? `Incomplete. ${note}` : generic;
  const canContinue = hasText && (reason === "length" || reason === "stopped" || reason === "incomplete");
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2 rounded-md border border-border bg-subtle px-3 py-2 text-xs text-muted" data-finish={reason}>
      <span>
        {explained}
        {note && reason !== "incomplete" ? ` ${note}` : ""}
      </span>
      {canContinue && (
        <button type="button" className={button} disabled={busy} onClick={onContinue}>
          Continue
        </button>
      )}
    </div>
  );
}
