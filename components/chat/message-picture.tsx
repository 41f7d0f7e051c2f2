"use client";
import { useState } from "react";
import type { AttachmentRef } from "@/lib/client/db";
import { getBlob } from "@/lib/client/db";
import { formatBytes } from "@/lib/client/chat/image-type";
import { usePictureUrl } from "@/lib/client/chat/picture-urls";
import { useComposerInbox } from "@/lib/stores/chat-composer-store";
import { cn } from "@/lib/client/cn";
import { PictureDialog } from "./picture-dialog";

type Props = { picture: AttachmentRef; from: "user" | "assistant"; index: number };

const EXT: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif" };

/** A picture in the thread: opens full size, downloads, and "Edit this" sends it to the composer. */
export function MessagePicture({ picture, from, index }: Props) {
  const url = usePictureUrl(picture.blobId);
  const [open, setOpen] = useState(false);
  const give = useComposerInbox((s) => s.give);
  const alt = from === "assistant" ? `Picture ${index + 1} from the model` : `Your picture ${index + 1}${picture.name ? `: ${picture.name}` : ""}`;
  const name = `${from === "assistant" ? "chat-picture" : (picture.name?.replace(/\.[^.]+$/, "") ?? "picture")}-${picture.blobId.slice(0, 8)}.${EXT[picture.mime] ?? "png"}`;

  const editThis = async () => {
    const blob = await getBlob(picture.blobId);
    if (blob) give([{ blob, name }]);
  };

  if (url === null) {
    return <div className="grid h-24 w-32 place-items-center rounded-md border border-dashed border-border text-xs text-muted">Picture missing</div>;
  }
  const size = picture.width && picture.height ? `${picture.width}×${picture.height}, ` : "";
  return (
    <figure className={cn("group relative", from === "assistant" ? "max-w-md" : "max-w-40")} data-testid={from === "assistant" ? "picture-out" : "picture-in"}>
      <button type="button" onClick={() => setOpen(true)} className="block overflow-hidden rounded-md border border-border bg-subtle" aria-label={`Open ${alt} full size`}>
        {url ? (
          // eslint-disable-next-line @next/next/no-img-element -- a blob: URL of our own stored picture
          <img
            src={url}
            alt={alt}
            width={picture.width}
            height={picture.height}
            className={cn("h-auto w-full object-contain", from === "assistant" ? "max-h-[28rem]" : "max-h-40")}
          />
        ) : (
          <span className="block h-32 w-40 animate-pulse" />
        )}
      </button>
      <figcaption className="mt-1 flex flex-wrap items-center gap-2 text-xs text-muted">
        <span>
          {size}
          {formatBytes(picture.bytes)}
        </span>
        {url && (
          <a href={url} download={name} className="underline-offset-2 hover:text-fg hover:underline">
            Download
          </a>
        )}
        <button type="button" onClick={editThis} className="font-medium text-accent underline-offset-2 hover:underline">
          Edit this
        </button>
      </figcaption>
      {open && url && <PictureDialog src={url} alt={alt} downloadName={name} onClose={() => setOpen(false)} />}
    </figure>
  );
}
