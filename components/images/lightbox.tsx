"use client";
import { useEffect, useRef } from "react";
import Link from "next/link";
import { originalBlob, type GalleryItem } from "@/lib/client/images/gallery";
import { conversationHref } from "@/lib/client/images/edit-in-chat";
import { PictureActions } from "./picture-actions";
import { useBlobUrl } from "./use-blob-url";

type Props = {
  items: GalleryItem[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
  onReuse: (item: GalleryItem) => void;
  onDelete: (item: GalleryItem) => void;
};

const SWIPE_PX = 50;

/**
 * The full picture in a modal <dialog>: the browser traps focus and closes it on Esc. ←/→ and a
 * horizontal swipe step through the (filtered) gallery.
 */
export function Lightbox({ items, index, onIndex, onClose, onReuse, onDelete }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const swipeFrom = useRef<number | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const item = items[index];
  const url = useBlobUrl(item ? () => originalBlob(item) : null, item?.id ?? "", !!item);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal focuses the first focusable (the step arrow); Close is the safer, predictable first stop.
    closeRef.current?.focus();
    return () => dialog?.close();
  }, []);

  const go = (step: number) => {
    const next = index + step;
    if (next >= 0 && next < items.length) onIndex(next);
  };
  // On the window, not the dialog: arrows must work wherever focus sits while the modal is open.
  const goRef = useRef(go);
  useEffect(() => {
    goRef.current = go;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "ArrowLeft") goRef.current(-1);
      else if (e.key === "ArrowRight") goRef.current(1);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  if (!item) return null;

  return (
    <dialog
      ref={ref}
      aria-label="Picture"
      onClose={onClose}
      className="m-0 h-dvh max-h-none w-dvw max-w-none bg-bg p-0 text-fg backdrop:bg-black/80"
    >
      <div className="flex h-full flex-col md:flex-row">
        <div
          className="relative flex min-h-0 flex-1 touch-pan-y items-center justify-center bg-black"
          onPointerDown={(e) => (swipeFrom.current = e.clientX)}
          onPointerUp={(e) => {
            if (swipeFrom.current === null) return;
            const dx = e.clientX - swipeFrom.current;
            swipeFrom.current = null;
            if (Math.abs(dx) > SWIPE_PX) go(dx < 0 ? 1 : -1);
          }}
        >
          {url ? (
            // eslint-disable-next-line @next/next/no-img-element -- a blob: URL of our own bytes
            <img src={url} alt={item.prompt} draggable={false} className="max-h-full max-w-full object-contain select-none" />
          ) : item.notice ? (
            <p className="max-w-sm p-6 text-center text-sm text-white/80">{item.notice}</p>
          ) : null}
          <StepButton label="Previous picture" side="left" disabled={index === 0} onClick={() => go(-1)} />
          <StepButton label="Next picture" side="right" disabled={index === items.length - 1} onClick={() => go(1)} />
        </div>
        <aside className="max-h-[45dvh] shrink-0 space-y-3 overflow-y-auto border-t border-border bg-panel p-4 md:max-h-none md:w-80 md:border-t-0 md:border-l">
          <div className="flex items-center justify-between gap-2">
            <p className="text-xs text-muted tabular-nums" aria-live="polite">
              {index + 1} / {items.length}
            </p>
            <button ref={closeRef} type="button" onClick={() => ref.current?.close()} className="h-8 rounded-md border border-border px-3 text-sm hover:bg-subtle">
              Close
            </button>
          </div>
          <p className="text-sm leading-relaxed whitespace-pre-wrap">{item.prompt}</p>
          {item.revisedPrompt && item.revisedPrompt !== item.prompt && (
            <div>
              <p className="text-xs font-medium text-muted">Revised by the model</p>
              <p className="text-sm leading-relaxed text-muted">{item.revisedPrompt}</p>
            </div>
          )}
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
            <dt className="text-muted">Model</dt>
            <dd className="truncate">{item.model}</dd>
            {item.size && (
              <>
                <dt className="text-muted">Size</dt>
                <dd>{item.size}{item.width && item.height ? ` (got ${item.width}×${item.height})` : ""}</dd>
              </>
            )}
            {item.quality && (
              <>
                <dt className="text-muted">Quality</dt>
                <dd>{item.quality}</dd>
              </>
            )}
            <dt className="text-muted">Made</dt>
            <dd>{new Date(item.createdAt).toLocaleString()}</dd>
            {item.source === "chat" && item.conversationId && (
              <>
                <dt className="text-muted">From</dt>
                <dd>
                  <Link href={conversationHref(item.conversationId)} className="text-accent underline">
                    its chat conversation
                  </Link>
                </dd>
              </>
            )}
          </dl>
          {item.notice && <p className="rounded-md bg-warn-soft p-2 text-xs text-warn">{item.notice}</p>}
          {item.unsaved && (
            <p className="rounded-md bg-warn-soft p-2 text-xs text-warn">
              Not saved: the browser&apos;s storage is full. It stays in this tab until you export it or free space.
            </p>
          )}
          <PictureActions item={item} onReuse={onReuse} onDelete={onDelete} />
        </aside>
      </div>
    </dialog>
  );
}

function StepButton({ label, side, disabled, onClick }: { label: string; side: "left" | "right"; disabled: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
      className={`absolute top-1/2 ${side === "left" ? "left-2" : "right-2"} grid size-10 -translate-y-1/2 place-items-center rounded-full bg-black/50 text-xl text-white hover:bg-black/70 disabled:opacity-0`}
    >
      <span aria-hidden>{side === "left" ? "‹" : "›"}</span>
    </button>
  );
}
