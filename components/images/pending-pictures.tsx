"use client";
import { aspectOf } from "@/lib/client/images/bytes";
import { useElapsed } from "./use-elapsed";

/** Placeholders at the requested shape while the gateway works, with the time so far. */
export function PendingPictures({ n, size, startedAt }: { n: number; size: string; startedAt: number }) {
  const seconds = useElapsed(startedAt);
  const ratio = aspectOf(size);
  return (
    <div role="status" aria-live="polite" className="space-y-2">
      <p className="text-sm text-muted">
        Generating {n === 1 ? "a picture" : `${n} pictures`}… <span className="tabular-nums">{seconds} s</span>
        <span className="text-xs"> · 10–60 s is normal</span>
      </p>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4" aria-hidden>
        {Array.from({ length: n }, (_, i) => (
          <li
            key={i}
            className="relative animate-pulse overflow-hidden rounded-md border border-border bg-subtle"
            style={{ aspectRatio: String(ratio) }}
          >
            <span className="absolute inset-0 grid place-items-center text-xs text-muted tabular-nums">{seconds} s</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
