"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { originalBlob, type GalleryItem } from "@/lib/client/images/gallery";
import { filenameFromPrompt } from "@/lib/client/images/filename";
import { saveFile } from "@/lib/client/images/export";
import { editInChat } from "@/lib/client/images/edit-in-chat";

type Props = { item: GalleryItem; onReuse: (item: GalleryItem) => void; onDelete: (item: GalleryItem) => void };

const BASE = "h-8 rounded-md border px-3 text-sm disabled:opacity-50";
const BUTTON = `${BASE} border-border bg-panel hover:bg-subtle`;
const PRIMARY = `${BASE} border-accent bg-accent font-medium text-accent-fg hover:opacity-90`;

/** What can be done with one picture: download the original bytes, copy its prompt, reuse, edit in chat, delete. */
export function PictureActions({ item, onReuse, onDelete }: Props) {
  const router = useRouter();
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hasBytes = !!item.blobId;

  const attempt = async (fn: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      setError(err instanceof Error ? err.message : "That did not work.");
    } finally {
      setBusy(false);
    }
  };

  const download = () =>
    attempt(async () => {
      const blob = await originalBlob(item);
      if (!blob) throw new Error("This picture's bytes are not in this browser.");
      saveFile(blob, filenameFromPrompt(item.prompt, blob.type));
    });
  const copy = () =>
    attempt(async () => {
      await navigator.clipboard.writeText(item.prompt);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  const toChat = () =>
    attempt(async () => {
      router.push(await editInChat(item));
    });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {hasBytes && (
          <button type="button" className={PRIMARY} onClick={download} disabled={busy}>
            Download
          </button>
        )}
        <button type="button" className={BUTTON} onClick={copy} aria-live="polite">
          {copied ? "Copied" : "Copy prompt"}
        </button>
        <button type="button" className={BUTTON} onClick={() => onReuse(item)}>
          Reuse settings
        </button>
        {hasBytes && (
          <button type="button" className={BUTTON} onClick={toChat} disabled={busy}>
            Edit in chat
          </button>
        )}
        <button type="button" className={`${BASE} border-border bg-panel text-danger hover:bg-danger-soft`} onClick={() => onDelete(item)}>
          Delete
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
