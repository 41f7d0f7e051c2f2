"use client";
import { useRef } from "react";
import { thumbnailBlob, type GalleryItem } from "@/lib/client/images/gallery";
import { cn } from "@/lib/client/cn";
import { useBlobUrl } from "./use-blob-url";
import { useVisible } from "./use-visible";

/** One square in the grid. Its preview is read and given an object URL only while it is near the screen. */
export function GalleryTile({ item, onOpen, className }: { item: GalleryItem; onOpen: (id: string) => void; className?: string }) {
  const ref = useRef<HTMLButtonElement>(null);
  const visible = useVisible(ref);
  const url = useBlobUrl(item.blobId ? () => thumbnailBlob(item) : null, item.id, visible);
  return (
    <button
      ref={ref}
      type="button"
      onClick={() => onOpen(item.id)}
      aria-label={`Open picture: ${item.prompt || "untitled"}`}
      className={cn(
        "group relative block aspect-square w-full overflow-hidden rounded-md border border-border bg-subtle",
        className,
      )}
    >
      {url ? (
        // eslint-disable-next-line @next/next/no-img-element -- a blob: URL of our own bytes; next/image cannot optimise it
        <img src={url} alt="" decoding="async" className="size-full object-cover transition-transform group-hover:scale-[1.02]" />
      ) : item.notice ? (
        <span className="absolute inset-0 grid place-items-center p-2 text-center text-xs text-warn">Link only: not kept</span>
      ) : null}
      <span className="pointer-events-none absolute inset-x-0 bottom-0 flex items-end justify-between gap-1 bg-gradient-to-t from-black/60 to-transparent p-1.5 pt-6 text-left text-[11px] leading-tight text-white opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100">
        <span className="line-clamp-2">{item.prompt}</span>
      </span>
      <span className="absolute top-1 left-1 flex gap-1">
        {item.source === "chat" && <Badge>Chat</Badge>}
        {item.unsaved && <Badge warn>Not saved</Badge>}
      </span>
    </button>
  );
}

function Badge({ children, warn }: { children: React.ReactNode; warn?: boolean }) {
  return (
    <span className={cn("rounded px-1.5 py-0.5 text-[10px] font-medium shadow-sm", warn ? "bg-warn-soft text-warn" : "bg-panel/90 text-fg")}>
      {children}
    </span>
  );
}
