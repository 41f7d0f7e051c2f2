"use client";
import type { AppError } from "@/lib/schemas";

const TITLES: Partial<Record<AppError["code"], string>> = {
  prompt_blocked: "The gateway refused this prompt",
  rate_limited: "Too many requests right now",
  upstream_auth: "The gateway did not accept the key",
  upstream_forbidden: "The gateway would not do this",
  upstream_timeout: "The gateway took too long",
  upstream_unavailable: "The gateway is not answering",
  network_error: "Could not reach the server",
  gateway_not_configured: "No gateway key is set",
};

// The server maps Gemini's block to prompt_blocked; OpenAI-style content_policy_violation arrives as a 400 whose
// gateway message names the safety system, so that counts as a refusal too: retrying the same prompt cannot help.
const REFUSAL = /safety system|content[ _]policy|prompt_blocked|moderation/i;

/** A failed generation: what happened in plain words, the gateway's own words and request id, and the way on. */
export function GenerationError({ error, onRetry, onDismiss }: { error: AppError; onRetry: () => void; onDismiss: () => void }) {
  const refused = error.code === "prompt_blocked" || REFUSAL.test(error.upstreamMessage ?? "");
  return (
    <div role="alert" className="space-y-2 rounded-lg border border-danger/40 bg-danger-soft p-3 text-sm">
      <p className="font-medium text-danger">{refused ? TITLES.prompt_blocked : (TITLES[error.code] ?? "The pictures could not be made")}</p>
      <p>{error.message}</p>
      {error.upstreamMessage && <p className="text-muted">Gateway said: {error.upstreamMessage}</p>}
      {refused && <p className="text-muted">Your prompt is kept above. Rephrase the part that may break the content policy and generate again.</p>}
      {error.requestId && (
        <p className="text-xs text-muted">
          Request id: <code className="select-all">{error.requestId}</code>
        </p>
      )}
      <div className="flex gap-2 pt-1">
        {!refused && (
          <button type="button" onClick={onRetry} className="h-8 rounded-md bg-accent px-3 font-medium text-accent-fg">
            {error.retryAfter ? `Retry (wait ${error.retryAfter} s)` : "Retry"}
          </button>
        )}
        <button type="button" onClick={onDismiss} className="h-8 rounded-md border border-border bg-panel px-3 hover:bg-subtle">
          Dismiss
        </button>
      </div>
    </div>
  );
}
