"use client";
import { useEffect } from "react";

/** "Deleted … Undo" for a few seconds; the deletion is already done, Undo puts everything back. */
export function UndoToast({ text, onUndo, onDone, seconds = 8 }: { text: string; onUndo: () => void; onDone: () => void; seconds?: number }) {
  useEffect(() => {
    const t = setTimeout(onDone, seconds * 1000);
    return () => clearTimeout(t);
  }, [onDone, seconds]);
  return (
    <div role="status" className="fixed bottom-4 left-1/2 z-50 flex -translate-x-1/2 items-center gap-3 rounded-lg border border-border bg-fg px-4 py-2 text-sm text-bg shadow-lg">
      <span className="max-w-[60vw] truncate">{text}</span>
      <button type="button" onClick={onUndo} className="font-semibold underline underline-offset-2">
        Undo
      </button>
    </div>
  );
}
