"use client";
import { formatBytes } from "@/lib/client/chat/image-type";
import type { DraftPicture } from "./use-composer-pictures";
import { IconButton } from "./icon-button";

/** Previews of the pictures about to be sent, with their size before → after downscaling. */
export function PictureTray({ pictures, onRemove }: { pictures: DraftPicture[]; onRemove: (id: string) => void }) {
  if (!pictures.length) return null;
  return (
    <ul className="flex flex-wrap gap-2 px-3 pt-3" aria-label="Pictures to send">
      {pictures.map((p) => (
        <li key={p.id} className="relative flex w-28 flex-col gap-1 rounded-md border border-border bg-subtle p-1" data-testid="draft-picture">
          {/* eslint-disable-next-line @next/next/no-img-element -- a local preview (blob: URL) */}
          <img src={p.url} alt={`Preview of ${p.name}`} className="h-20 w-full rounded object-cover" />
          <span className="truncate text-[11px] text-muted" title={p.name}>
            {p.name}
          </span>
          <span className="text-[11px] text-muted" data-testid="draft-picture-size">
            {p.status === "preparing"
              ? "Preparing…"
              : p.changed
                ? `${formatBytes(p.originalBytes)} → ${formatBytes(p.blob?.size ?? 0)}`
                : formatBytes(p.originalBytes)}
            {p.status === "ready" && p.width ? ` · ${p.width}×${p.height}` : ""}
          </span>
          <IconButton icon="close" label={`Remove ${p.name}`} onClick={() => onRemove(p.id)} className="absolute top-1 right-1 bg-panel/90 p-0.5" />
        </li>
      ))}
    </ul>
  );
}
