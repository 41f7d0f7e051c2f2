"use client";
import { useState } from "react";
import { apiFetch, toApiError } from "@/lib/client/api";
import { useSettingsStore } from "@/lib/stores/settings-store";

type Props = { next: string; allowUserKeys: boolean; ownKeyCookie: string };

/** Sends the code in a POST body (never the URL, never storage); the server answers with an HttpOnly cookie. */
export function UnlockForm({ next, allowUserKeys, ownKeyCookie }: Props) {
  const [code, setCode] = useState("");
  const [ownKey, setOwnKey] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const unlock = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await apiFetch("/api/unlock", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code }) });
      window.location.assign(next);
    } catch (err) {
      setError(toApiError(err).message);
      setBusy(false);
    }
  };

  const saveOwnKey = (e: React.FormEvent) => {
    e.preventDefault();
    useSettingsStore.getState().setUserKey(ownKey.trim());
    document.cookie = `${ownKeyCookie}=1; Path=/; Max-Age=31536000; SameSite=Strict`;
    window.location.assign(next);
  };

  const input = "h-9 w-full rounded-md border border-border bg-panel px-3 text-sm";
  return (
    <div className="space-y-6">
      <form onSubmit={unlock} className="space-y-2">
        <label htmlFor="access-code" className="block text-sm font-medium">
          Access code
        </label>
        <input
          id="access-code"
          type="password"
          autoComplete="current-password"
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-describedby={error ? "unlock-error" : undefined}
          aria-invalid={error ? true : undefined}
          className={input}
        />
        {error && (
          <p id="unlock-error" role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !code} className="h-9 w-full rounded-md bg-accent px-3 text-sm font-medium text-accent-fg disabled:opacity-50">
          {busy ? "Checking…" : "Unlock"}
        </button>
      </form>
      {allowUserKeys && (
        <form onSubmit={saveOwnKey} className="space-y-2 border-t border-border pt-6">
          <label htmlFor="own-key" className="block text-sm font-medium">
            Or use your own gateway key
          </label>
          <p id="own-key-help" className="text-sm text-muted">
            Kept in this browser only and sent with each request; your own account pays for it.
          </p>
          <input
            id="own-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="sk-…"
            value={ownKey}
            onChange={(e) => setOwnKey(e.target.value)}
            aria-describedby="own-key-help"
            className={input}
          />
          <button type="submit" disabled={!ownKey.trim()} className="h-9 w-full rounded-md border border-border px-3 text-sm font-medium hover:bg-subtle disabled:opacity-50">
            Use my key
          </button>
        </form>
      )}
    </div>
  );
}
