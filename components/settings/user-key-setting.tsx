"use client";
import { useState } from "react";
import { useSettingsStore } from "@/lib/stores/settings-store";

export function UserKeySetting({ allowed, hasServerKey }: { allowed: boolean; hasServerKey: boolean }) {
  const userKey = useSettingsStore((s) => s.userKey);
  const setUserKey = useSettingsStore((s) => s.setUserKey);
  const [draft, setDraft] = useState("");
  const [reveal, setReveal] = useState(false);

  if (!allowed) {
    return (
      <p className="text-sm text-muted">
        This deployment uses its own gateway key; personal keys are turned off (<code>ALLOW_USER_KEYS=false</code>).
      </p>
    );
  }
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        setUserKey(draft.trim());
        setDraft("");
      }}
    >
      <label htmlFor="user-key" className="block text-sm font-medium">
        Your gateway key
      </label>
      <p id="user-key-help" className="text-sm text-muted">
        Optional{hasServerKey ? "; the server has a key of its own" : ""}. Kept in this browser only and sent to this
        app&apos;s server with each request, which uses it for that request and never logs or stores it. Get one at
        gateway.iotex.ai/console/token.
      </p>
      <div className="flex flex-wrap gap-2">
        <input
          id="user-key"
          type={reveal ? "text" : "password"}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="user-key-help"
          placeholder={userKey ? `Saved: ${userKey.slice(0, 3)}…${userKey.slice(-2)}` : "sk-…"}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          className="h-9 min-w-0 flex-1 rounded-md border border-border bg-panel px-3 text-sm"
        />
        <button type="button" onClick={() => setReveal((r) => !r)} className="h-9 rounded-md border border-border px-3 text-sm hover:bg-subtle" aria-pressed={reveal}>
          {reveal ? "Hide" : "Show"}
        </button>
        <button type="submit" disabled={!draft.trim()} className="h-9 rounded-md bg-accent px-3 text-sm font-medium text-accent-fg disabled:opacity-50">
          Save key
        </button>
        {userKey && (
          <button type="button" onClick={() => setUserKey("")} className="h-9 rounded-md border border-border px-3 text-sm text-danger hover:bg-danger-soft">
            Forget key
          </button>
        )}
      </div>
    </form>
  );
}
