import Link from "next/link";
import type { AppError } from "@/lib/schemas";
import type { JobFailure } from "./use-transcription-job";

/** A plain-words hint per error code: what it means for this page and what to do next. */
function hintFor(error: AppError): string | null {
  switch (error.code) {
    case "audio_format_rejected":
      return "The gateway could not read this audio's format or length (it measures the duration before transcribing). Converting it to WAV in the browser usually fixes this.";
    case "unsupported_media_type":
      return "The server did not recognise the file as audio. Try converting it to WAV.";
    case "payload_too_large":
      return "The file is over the server's upload limit. Converting it to WAV splits long audio into parts that fit.";
    case "rate_limited":
      return error.retryAfter ? `Too many requests right now. Try again in ${error.retryAfter} s.` : "Too many requests right now. Wait a moment and try again.";
    case "upstream_auth":
    case "gateway_not_configured":
      return "Check the gateway key in Settings.";
    case "upstream_forbidden":
      return "The gateway refused this model for this key, or its balance has run out.";
    case "upstream_bad_request":
      return "The gateway refused the request. Another model or language may work.";
    case "upstream_unavailable":
    case "upstream_timeout":
    case "network_error":
      return "Nothing was lost: your audio is still here, ready to send again.";
    default:
      return null;
  }
}

const CONVERTIBLE = new Set(["audio_format_rejected", "unsupported_media_type", "payload_too_large"]);

type Props = {
  failure: JobFailure;
  partCount: number;
  onRetry?: () => void;
  onConvert?: () => void;
};

export function FailureNotice({ failure, partCount, onRetry, onConvert }: Props) {
  const { error } = failure;
  const hint = error ? hintFor(error) : null;
  return (
    <div role="alert" className="space-y-2 rounded-lg border border-danger/40 bg-danger-soft p-3 text-sm">
      <p className="font-medium text-danger">
        {partCount > 1 && failure.part !== undefined ? `Part ${failure.part + 1} of ${partCount} failed: ` : ""}
        {failure.message}
      </p>
      {hint && <p>{hint}</p>}
      {error?.upstreamMessage && (
        <p className="text-muted">
          The gateway said: <q className="break-words">{error.upstreamMessage}</q>
        </p>
      )}
      {error?.requestId && <p className="font-mono text-xs text-muted">Request id: {error.requestId}</p>}
      <div className="flex flex-wrap gap-2 pt-1">
        {onRetry && error?.retryable !== false && (
          <button type="button" onClick={onRetry} className="h-8 rounded-md bg-accent px-3 text-sm font-medium text-accent-fg">
            {partCount > 1 ? "Retry the remaining parts" : "Try again"}
          </button>
        )}
        {onConvert && error && CONVERTIBLE.has(error.code) && (
          <button type="button" onClick={onConvert} className="h-8 rounded-md border border-border bg-panel px-3 text-sm font-medium hover:bg-subtle">
            Convert to WAV and try again
          </button>
        )}
        {error && (error.code === "upstream_auth" || error.code === "gateway_not_configured") && (
          <Link href="/settings" className="inline-flex h-8 items-center rounded-md border border-border bg-panel px-3 text-sm hover:bg-subtle">
            Open Settings
          </Link>
        )}
      </div>
    </div>
  );
}
