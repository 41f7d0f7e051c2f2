"use client";
import type { GalleryItem } from "@/lib/client/images/gallery";
import { GalleryTile } from "./gallery-tile";
import { PendingPictures } from "./pending-pictures";
import { GenerationError } from "./generation-error";
import type { Run } from "./use-generation";

type Props = {
  run: Run;
  /** The gallery's current records, so the latest pictures show as they are now (deleted ones drop out). */
  items: GalleryItem[];
  onOpen: (id: string) => void;
  onRetry: () => void;
  onDismiss: () => void;
};

/** What the last generation is doing or did: placeholders, the new pictures, a shortfall, or the error. */
export function RunStatus({ run, items, onOpen, onRetry, onDismiss }: Props) {
  if (run.status === "idle") return null;
  if (run.status === "working") return <PendingPictures n={run.n} size={run.size} startedAt={run.startedAt} />;
  if (run.status === "cancelled") {
    return (
      <p role="status" className="text-sm text-muted">
        Cancelled. Your prompt is still there; press Generate to try again.
      </p>
    );
  }
  if (run.status === "error") return <GenerationError error={run.error} onRetry={onRetry} onDismiss={onDismiss} />;

  const ids = new Set(run.items.map((i) => i.id));
  const latest = items.filter((i) => ids.has(i.id));
  const kept = run.items.filter((i) => !i.notice).length;
  const linkOnly = run.items.length - kept;
  return (
    <section aria-label="Latest pictures" className="space-y-2">
      <p role="status" className="text-sm text-muted">
        {kept === 1 ? "1 picture" : `${kept} pictures`} in {run.seconds} s
        {run.quotaFull ? "." : ", kept in the gallery."}
      </p>
      {run.items.length < run.requested && (
        <p className="rounded-md bg-warn-soft px-3 py-2 text-sm text-warn">
          You asked for {run.requested}; the gateway returned {run.items.length}. Some models make fewer pictures than asked, or
          only one per request.
        </p>
      )}
      {linkOnly > 0 && (
        <p className="rounded-md bg-warn-soft px-3 py-2 text-sm text-warn">
          {linkOnly === 1 ? "1 picture" : `${linkOnly} pictures`} came only as a link that could not be loaded; kept with a notice.
        </p>
      )}
      {run.quotaFull && (
        <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
          The browser&apos;s storage is full, so some of these pictures are kept in this tab only. Nothing was deleted. Export
          the gallery or free space before closing the tab.
        </p>
      )}
      {latest.length > 0 && (
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {latest.map((item) => (
            <li key={item.id}>
              <GalleryTile item={item} onOpen={onOpen} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
