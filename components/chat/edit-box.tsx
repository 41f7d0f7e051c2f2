"use client";
import { useState } from "react";

/** Edits a sent message; sending keeps the old version as a branch. */
export function EditBox({ initial, onSend, onCancel }: { initial: string; onSend: (text: string) => void; onCancel: () => void }) {
  const [text, setText] = useState(initial);
  return (
    <form
      className="w-full"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) onSend(text);
      }}
    >
      <label className="sr-only" htmlFor="edit-message">
        Edit message
      </label>
      <textarea
        id="edit-message"
        autoFocus
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            if (text.trim()) onSend(text);
          } else if (e.key === "Escape") {
            e.stopPropagation();
            onCancel();
          }
        }}
        rows={Math.min(10, text.split("\n").length + 1)}
        className="w-full resize-y rounded-md border border-border bg-panel px-3 py-2 text-sm"
      />
      <div className="mt-1 flex justify-end gap-2">
        <button type="button" onClick={onCancel} className="rounded-md px-3 py-1 text-sm text-muted hover:bg-subtle">
          Cancel
        </button>
        <button type="submit" className="rounded-md bg-accent px-3 py-1 text-sm font-medium text-accent-fg disabled:opacity-50" disabled={!text.trim()}>
          Send
        </button>
      </div>
    </form>
  );
}
