"use client";
import { useState } from "react";
import type { MessageRecord } from "@/lib/client/db";
import { IconButton } from "./icon-button";

type Props = {
  message: MessageRecord;
  busy: boolean;
  onRegenerate?: () => void;
  onEdit?: () => void;
  onDelete: () => void;
};

/** Copy, regenerate or edit, delete: the per-message tools under each turn. */
export function MessageActions({ message, busy, onRegenerate, onEdit, onDelete }: Props) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(message.text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard refused (insecure context or permission): nothing to undo, the text is still selectable.
    }
  };
  const who = message.role === "user" ? "your message" : "answer";
  return (
    <span className="inline-flex items-center">
      <IconButton icon="copy" label={copied ? "Copied" : `Copy ${who}`} onClick={copy} disabled={!message.text} />
      {onEdit && <IconButton icon="edit" label="Edit and resend" onClick={onEdit} disabled={busy} />}
      {onRegenerate && <IconButton icon="retry" label="Regenerate answer" onClick={onRegenerate} disabled={busy} />}
      <IconButton icon="trash" label={`Delete ${who} and what follows`} onClick={onDelete} disabled={busy} />
      <span className="sr-only" aria-live="polite">
        {copied ? "Copied" : ""}
      </span>
    </span>
  );
}
