/** The model's reasoning, collapsed by default: most people want the answer, some want to check the steps. */
export function ThinkingBlock({ text, live }: { text: string; live: boolean }) {
  return (
    <details className="mb-2 rounded-md border border-border bg-subtle/60 text-sm">
      <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium text-muted select-none">
        {live ? "Thinking…" : "Thinking"} <span className="font-normal">({text.length.toLocaleString()} characters)</span>
      </summary>
      <div className="max-h-80 overflow-auto border-t border-border px-3 py-2 whitespace-pre-wrap text-muted">{text}</div>
    </details>
  );
}
