/** What a new chat shows before the first message. */
export function EmptyChat({ model }: { model?: string }) {
  return (
    <div className="mx-auto max-w-md pt-[18vh] text-center">
      <h2 className="text-lg font-semibold">Start a conversation</h2>
      {/* One line reserved for the model, which arrives after the first paint: nothing below it moves (CLS). */}
      <p className="mt-2 h-5 truncate text-sm text-muted">
        {model ? <>Talking to <span className="font-medium text-fg">{model}</span>.</> : null}
      </p>
      <p className="text-sm text-muted">Type below, or drop, paste or pick a picture. Conversations stay in this browser.</p>
      <p className="mt-4 text-xs text-muted">
        <kbd className="rounded border border-border px-1">Ctrl</kbd>+<kbd className="rounded border border-border px-1">Shift</kbd>+
        <kbd className="rounded border border-border px-1">O</kbd> new chat · <kbd className="rounded border border-border px-1">Ctrl</kbd>+
        <kbd className="rounded border border-border px-1">K</kbd> search
      </p>
    </div>
  );
}
