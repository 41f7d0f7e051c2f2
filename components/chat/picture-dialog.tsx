"use client";
import { useEffect, useRef } from "react";
import { IconButton } from "./icon-button";

type Props = { src: string; alt: string; downloadName: string; onClose: () => void };

/** The picture at full size, in a modal dialog (Esc or the close button ends it). */
export function PictureDialog({ src, alt, downloadName, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-label={alt}
      onClose={onClose}
      onClick={(e) => e.target === ref.current && ref.current?.close()}
      className="m-auto max-h-[95dvh] max-w-[95vw] rounded-lg border border-border bg-panel p-0 text-fg shadow-xl backdrop:bg-black/70"
    >
      <div className="flex items-center justify-end gap-1 border-b border-border px-2 py-1">
        <a href={src} download={downloadName} className="rounded-md px-2 py-1 text-xs text-muted hover:bg-subtle hover:text-fg">
          Download
        </a>
        <IconButton icon="close" label="Close" onClick={() => ref.current?.close()} autoFocus />
      </div>
      {/* eslint-disable-next-line @next/next/no-img-element -- a blob: URL of our own stored picture */}
      <img src={src} alt={alt} className="max-h-[calc(95dvh-3rem)] max-w-[95vw] object-contain" />
    </dialog>
  );
}
