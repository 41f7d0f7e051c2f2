"use client";
import { memo, useState } from "react";
import { LazyMarkdown } from "./lazy-markdown";
import { ROOT } from "@/lib/client/chat/tree";
import { chooseVersion, continueAnswer, deleteMessage, editAndResend, regenerate } from "@/lib/client/chat/controller";
import { useChatThread } from "@/lib/stores/chat-thread-store";
import { cn } from "@/lib/client/cn";
import type { ModelInfo } from "@/lib/schemas";
import { AnswerStatus } from "./answer-status";
import { EditBox } from "./edit-box";
import { MessageActions } from "./message-actions";
import { MessagePicture } from "./message-picture";
import { ThinkingBlock } from "./thinking-block";
import { UsageLine } from "./usage-line";
import { VersionSwitcher } from "./version-switcher";

/** `model` is the chat's active model, read once by the thread (used by Edit, Regenerate and Continue). */
type Props = { id: string; model: ModelInfo | undefined; picturesLeftOut: boolean };

/** One turn of the thread. Subscribes to its own record only, so a streaming answer re-renders alone. */
export const MessageItem = memo(function MessageItem({ id, model, picturesLeftOut }: Props) {
  const message = useChatThread((s) => s.messages[id]);
  const streaming = useChatThread((s) => s.streamingId === id);
  const busy = useChatThread((s) => s.streamingId !== null);
  const siblings = useChatThread((s) => (message ? s.children.get(message.parentId ?? ROOT) : undefined));
  const [editing, setEditing] = useState(false);
  if (!message) return null;

  const versions = siblings ?? [message];
  const index = Math.max(0, versions.findIndex((m) => m.id === id));
  const pictures = message.attachments.filter((a) => a.mime.startsWith("image/"));
  const interrupted = message.status === "streaming" && !streaming;
  const run = (fn: () => Promise<void>) => void fn().catch(() => {});

  const leftOut = picturesLeftOut && pictures.length > 0 && (
    <p className="text-xs text-muted">
      {pictures.length > 1 ? "These pictures are" : "This picture is"} no longer sent to the model: only the latest picture goes with each new turn.
    </p>
  );

  if (message.role === "user") {
    return (
      <article aria-label="Your message" className="group flex flex-col items-end gap-1 py-3" data-role="user">
        {pictures.length > 0 && (
          <div className="flex flex-wrap justify-end gap-2">
            {pictures.map((p, i) => (
              <MessagePicture key={p.blobId} picture={p} from="user" index={i} />
            ))}
          </div>
        )}
        {leftOut}
        {editing ? (
          <EditBox
            initial={message.text}
            onCancel={() => setEditing(false)}
            onSend={(text) => {
              setEditing(false);
              if (model) run(() => editAndResend(message, text, model));
            }}
          />
        ) : (
          message.text && (
            <div className="max-w-[85%] rounded-2xl rounded-br-sm bg-accent-soft px-4 py-2 text-sm whitespace-pre-wrap break-words">{message.text}</div>
          )
        )}
        <div className="flex items-center gap-1 opacity-100 transition-opacity focus-within:opacity-100 md:opacity-0 md:group-hover:opacity-100">
          <VersionSwitcher index={index} count={versions.length} onChoose={(i) => versions[i] && chooseVersion(versions[i])} />
          <MessageActions message={message} busy={busy} onEdit={() => setEditing(true)} onDelete={() => run(() => deleteMessage(message))} />
        </div>
      </article>
    );
  }

  return (
    <article aria-label="Answer" aria-busy={streaming} className="group py-3" data-role="assistant" data-status={message.status}>
      {message.reasoning && <ThinkingBlock text={message.reasoning} live={streaming && !message.text} />}
      {message.text ? (
        <LazyMarkdown text={message.text} streaming={streaming} className="text-sm" />
      ) : (
        streaming &&
        !pictures.length && (
          <p className="flex items-center gap-2 text-sm text-muted">
            <span className="size-2 animate-pulse rounded-full bg-accent" aria-hidden /> {message.reasoning ? "Thinking…" : "Waiting for the answer…"}
          </p>
        )
      )}
      {pictures.length > 0 && (
        <div className={cn("mt-2 flex flex-wrap gap-3")}>
          {pictures.map((p, i) => (
            <MessagePicture key={p.blobId} picture={p} from="assistant" index={i} />
          ))}
        </div>
      )}
      {leftOut}
      {message.imageNotices?.map((n, i) => (
        <p key={i} className="mt-2 rounded-md bg-warn-soft px-3 py-2 text-xs text-warn">
          {n}
        </p>
      ))}
      <AnswerStatus
        message={message}
        interrupted={interrupted}
        busy={busy}
        onRetry={() => model && run(() => regenerate(message, model))}
        onContinue={() => model && run(() => continueAnswer(message, model))}
      />
      {!streaming && (
        <div className="mt-1 flex flex-wrap items-center gap-1">
          <VersionSwitcher index={index} count={versions.length} onChoose={(i) => versions[i] && chooseVersion(versions[i])} />
          <MessageActions
            message={message}
            busy={busy}
            onRegenerate={model ? () => run(() => regenerate(message, model)) : undefined}
            onDelete={() => run(() => deleteMessage(message))}
          />
          {(message.usage || message.model) && (
            // One unit, so on a narrow screen it wraps whole (no separator left alone at the start of a line).
            <span className="min-w-0 truncate text-xs text-muted">
              {message.usage && <UsageLine usage={message.usage} />}
              {message.usage && message.model && " · "}
              {message.model}
            </span>
          )}
        </div>
      )}
    </article>
  );
});
