"use client";
import { useEffect, useState } from "react";
import { formatBytes } from "./format-bytes";
import { ExportGalleryButton } from "./export-gallery-button";

type Health = { usage?: number; quota?: number; persisted?: boolean; supported: boolean };
type PersistAnswer = "granted" | "declined" | null;

async function readHealth(): Promise<Health> {
  const storage = typeof navigator !== "undefined" ? navigator.storage : undefined;
  if (!storage?.estimate) return { supported: false };
  const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted?.().catch(() => undefined)]);
  return { supported: true, usage: estimate.usage, quota: estimate.quota, persisted };
}

/**
 * How much this site stores and how much the browser allows, and a request to keep the data. Browsers treat
 * site storage as best-effort and may clear it under pressure unless persistence is granted.
 */
export function StorageHealth({ compact = false }: { compact?: boolean }) {
  const [health, setHealth] = useState<Health | null>(null);
  const [answer, setAnswer] = useState<PersistAnswer>(null);

  useEffect(() => {
    let live = true;
    const refresh = () => readHealth().then((h) => live && setHealth(h), () => live && setHealth({ supported: false }));
    void refresh();
    const t = setInterval(refresh, 30_000);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, []);

  const persist = async () => {
    const granted = (await navigator.storage.persist?.().catch(() => false)) ?? false;
    setAnswer(granted ? "granted" : "declined");
    setHealth(await readHealth());
  };

  // Until the browser answers (health null), the same section with placeholders: it is there from the first
  // paint and keeps its size, so nothing below it moves when the figures arrive.
  const used = health?.usage ?? 0;
  const quota = health?.quota ?? 0;
  const share = quota ? Math.min(1, used / quota) : 0;
  return (
    <section aria-label="Storage" aria-busy={!health} className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-border bg-panel px-3 py-2 text-sm">
      {!health || health.supported ? (
        <div className="flex min-w-0 flex-1 basis-full items-center gap-3 sm:basis-auto">
          <meter
            min={0}
            max={1}
            value={share}
            high={0.8}
            optimum={0}
            aria-label="Storage used"
            className="h-2 w-24 shrink-0"
          />
          <p className="min-w-0 text-muted">
            {health ? (
              <>
                <span className="text-fg">{formatBytes(used)}</span> used
                {quota ? <>, {formatBytes(Math.max(0, quota - used))} left</> : null}
                {!compact && " in this browser"}
              </>
            ) : (
              "Checking storage…"
            )}
          </p>
        </div>
      ) : (
        <p className="flex-1 text-muted">This browser does not say how much storage is left.</p>
      )}
      {health?.persisted ? (
        <p className="text-muted">Kept: the browser will not clear it on its own.</p>
      ) : answer === "declined" ? (
        <p className="text-warn" role="status">
          The browser declined for now; it may clear data when space runs low. Bookmarking or installing the site helps. Export to be safe.
        </p>
      ) : (
        <button
          type="button"
          onClick={persist}
          disabled={!health}
          className="h-8 rounded-md border border-border px-3 hover:bg-subtle disabled:text-muted disabled:hover:bg-transparent"
          title="Ask the browser not to clear this site's data under storage pressure"
        >
          Keep my data
        </button>
      )}
      {answer === "granted" && (
        <p className="sr-only" role="status">
          The browser agreed to keep this site&apos;s data.
        </p>
      )}
      <ExportGalleryButton />
    </section>
  );
}
