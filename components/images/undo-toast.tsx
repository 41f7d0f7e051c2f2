"use client";

/** "Deleted · Undo", shown for the undo window. */
export function UndoToast({ count, onUndo, onDismiss }: { count: number; onUndo: () => void; onDismiss: () => void }) {
  if (count === 0) return null;
  return (
    <div role="status" className="fixed inset-x-0 bottom-4 z-50 flex justify-center px-4">
      <div className="flex items-center gap-3 rounded-lg border border-border bg-fg px-4 py-2 text-sm text-bg shadow-lg">
        <span>{count === 1 ? "Picture deleted." : `${count} pictures deleted.`}</span>
        <button type="button" onClick={onUndo} className="rounded px-2 py-1 font-semibold underline underline-offset-2 hover:bg-bg/10">
          Undo
        </button>
        <button type="button" onClick={onDismiss} aria-label="Dismiss" className="rounded px-1.5 py-1 hover:bg-bg/10">
          <span aria-hidden>×</span>
        </button>
      </div>
    </div>
  );
}
