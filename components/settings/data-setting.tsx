"use client";
import { useEffect, useRef, useState } from "react";
import { backupFileName, clearAllData, countRecords, exportBackup, importBackup } from "@/lib/client/backup";
import type { StoreName } from "@/lib/client/db";

type Status = { kind: "info" | "error"; text: string } | null;

const button = "h-9 rounded-md border border-border px-3 text-sm font-medium hover:bg-subtle disabled:opacity-50";

function describeCounts(c: Record<StoreName, number>): string {
  const part = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
  return [
    part(c.conversations, "conversation", "conversations"),
    part(c.messages, "message", "messages"),
    part(c.gallery, "picture", "pictures"),
    part(c.transcripts, "transcript", "transcripts"),
  ].join(", ");
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : "Something went wrong.";
}

/** Export everything to one file, import it back, or clear this browser's data (D-7). */
export function DataSetting() {
  // undefined while counting; null when the count failed.
  const [counts, setCounts] = useState<Record<StoreName, number> | null | undefined>(undefined);
  const [busy, setBusy] = useState<"export" | "import" | "clear" | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = () =>
    countRecords()
      .then(setCounts)
      .catch(() => setCounts(null));
  useEffect(() => {
    void refresh();
  }, []);

  const run = async (what: "export" | "import" | "clear", task: () => Promise<string>) => {
    setBusy(what);
    setStatus(null);
    try {
      setStatus({ kind: "info", text: await task() });
    } catch (err) {
      setStatus({ kind: "error", text: message(err) });
    } finally {
      setBusy(null);
      void refresh();
    }
  };

  const onExport = () =>
    run("export", async () => {
      const file = await exportBackup();
      const url = URL.createObjectURL(file);
      const a = document.createElement("a");
      a.href = url;
      a.download = backupFileName();
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return `Exported ${(file.size / 1024 / 1024).toFixed(1)} MB as ${a.download}.`;
    });

  const onImport = (file: File) =>
    run("import", async () => {
      const { imported, skipped } = await importBackup(file);
      return `Imported ${imported.toLocaleString()} records from ${file.name}${skipped ? `; ${skipped} unreadable records were skipped` : ""}. Open a page to see them.`;
    });

  const onClear = () =>
    run("clear", async () => {
      setConfirmClear(false);
      await clearAllData();
      return "Everything stored in this browser was deleted.";
    });

  return (
    <div className="space-y-3">
      <p className="text-sm text-muted">
        Conversations, pictures and recordings live only in this browser. A backup is one file with everything in it,
        pictures and audio included.
      </p>
      {/* Its own line (two on a phone, where the count wraps), there from the first paint: the count arrives after the page is up and must not push the buttons down. */}
      <p className="min-h-[2lh] text-sm text-muted sm:min-h-0">
        {counts ? <>Stored now: {describeCounts(counts)}.</> : counts === null ? "What is stored could not be counted." : "Counting what is stored…"}
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={button} disabled={busy !== null} onClick={onExport}>
          {busy === "export" ? "Exporting…" : "Export everything"}
        </button>
        <button type="button" className={button} disabled={busy !== null} onClick={() => fileInput.current?.click()}>
          {busy === "import" ? "Importing…" : "Import a backup"}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="sr-only"
          tabIndex={-1}
          aria-label="Backup file to import"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void onImport(file);
          }}
        />
        {!confirmClear ? (
          <button type="button" className={`${button} text-danger hover:bg-danger-soft`} disabled={busy !== null} onClick={() => setConfirmClear(true)}>
            Clear all data…
          </button>
        ) : null}
      </div>
      {confirmClear && (
        <div role="group" aria-labelledby="clear-confirm" className="space-y-2 rounded-md border border-danger bg-danger-soft p-3">
          <p id="clear-confirm" className="text-sm text-danger">
            Delete every conversation, picture and transcript in this browser? This cannot be undone; export first if you may
            want them back.
          </p>
          <div className="flex gap-2">
            <button type="button" className="h-9 rounded-md bg-danger px-3 text-sm font-medium text-accent-fg" onClick={onClear}>
              Delete everything
            </button>
            <button type="button" className={button} onClick={() => setConfirmClear(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {status && (
        <p role={status.kind === "error" ? "alert" : "status"} className={status.kind === "error" ? "text-sm text-danger" : "text-sm text-muted"}>
          {status.text}
        </p>
      )}
    </div>
  );
}
