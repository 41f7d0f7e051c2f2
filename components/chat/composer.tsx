"use client";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { useActiveModel } from "@/components/models/model-picker";
import { CHAT_KINDS } from "@/lib/client/chat/kinds";
import { useChatThread } from "@/lib/stores/chat-thread-store";
import { useComposerInbox } from "@/lib/stores/chat-composer-store";
import { cn } from "@/lib/client/cn";
import { loadChatData } from "@/lib/client/chat/load-chat-data";
import { Icon } from "./icon";
import { useComposerPictures } from "./use-composer-pictures";
import { preloadMarkdown } from "./lazy-markdown";
import { preloadThread } from "./lazy-thread";

// Only drawn once a picture is added (the picture code loads then too).
const PictureTray = lazy(() => import("./picture-tray").then((m) => ({ default: m.PictureTray })));

/** Someone about to write: fetch what shows the answer (thread and markdown) while they type. */
function prepareForAnswer() {
  preloadThread();
  preloadMarkdown();
}

/**
 * Where the person writes. Its text lives in local state, so a keystroke re-renders this component only,
 * never the thread.
 */
export function Composer() {
  const [text, setText] = useState("");
  const [sendError, setSendError] = useState<string | null>(null);
  const streaming = useChatThread((s) => s.streamingId !== null);
  const model = useActiveModel("chat", CHAT_KINDS);
  const { pictures, errors, add, remove, takeAll, restore, dismissErrors } = useComposerPictures();
  const input = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const focusToken = useComposerInbox((s) => s.focusToken);

  // Text handed over by another page joins the draft (now, or whenever it arrives).
  useEffect(() => {
    const apply = () => {
      const given = useComposerInbox.getState().takeText();
      if (given) setText((t) => (t ? `${t}\n\n${given}` : given));
    };
    void Promise.resolve().then(apply);
    return useComposerInbox.subscribe((s) => {
      if (s.text !== null) apply();
    });
  }, []);

  useEffect(() => {
    if (focusToken) input.current?.focus();
  }, [focusToken]);

  const preparing = pictures.some((p) => p.status === "preparing");
  const canSend = !!model && !streaming && !preparing && (text.trim().length > 0 || pictures.length > 0);

  const send = () => {
    if (!canSend || !model) return;
    const draft = text;
    const ready = takeAll();
    setText("");
    setSendError(null);
    prepareForAnswer();
    loadChatData()
      .then(({ sendMessage }) =>
        sendMessage(
          draft,
          ready.map((p) => ({ blob: p.blob!, mime: p.mime!, width: p.width, height: p.height, name: p.name })),
          model,
        ),
      )
      .catch((err: unknown) => {
      // Nothing was sent: give the draft back as it was.
      setText((t) => t || draft);
      restore(ready);
      setSendError(err instanceof Error ? err.message : "Could not send.");
    });
  };

  const visionWarning =
    pictures.length > 0 && model && !model.vision && model.kind === "chat"
      ? `${model.id} probably cannot see pictures: it may ignore them or refuse. Pick a model marked “sees images”.`
      : null;

  return (
    <div className="mx-auto w-full max-w-3xl px-4 pb-4">
      {(errors.length > 0 || sendError) && (
        <div role="alert" className="mb-2 flex items-start justify-between gap-2 rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger">
          <ul>
            {errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
            {sendError && <li>{sendError}</li>}
          </ul>
          <button
            type="button"
            className="shrink-0 text-xs underline"
            onClick={() => {
              dismissErrors();
              setSendError(null);
            }}
          >
            Dismiss
          </button>
        </div>
      )}
      {visionWarning && (
        <p role="status" className="mb-2 rounded-md bg-warn-soft px-3 py-1.5 text-xs text-warn">
          {visionWarning}
        </p>
      )}
      <form
        className="rounded-xl border border-border bg-panel shadow-sm focus-within:border-accent focus-within:ring-2 focus-within:ring-accent/30"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        {pictures.length > 0 && (
          <Suspense fallback={null}>
            <PictureTray pictures={pictures} onRemove={remove} />
          </Suspense>
        )}
        <label htmlFor="chat-composer" className="sr-only">
          Message
        </label>
        <textarea
          id="chat-composer"
          ref={input}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onFocus={prepareForAnswer}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
          onPaste={(e) => {
            const files = [...e.clipboardData.files];
            if (files.length) {
              e.preventDefault();
              void add(files.map((f) => ({ blob: f, name: f.name || "pasted picture" })));
            }
          }}
          rows={1}
          placeholder={model ? `Message ${model.id}` : "Choose a model to start"}
          aria-keyshortcuts="Enter Shift+Enter"
          // The form's ring shows focus; the global :focus-visible outline (unlayered, so utilities cannot undo it) would draw a second box.
          style={{ outline: "none" }}
          className="field-sizing-content max-h-64 min-h-11 w-full resize-none bg-transparent px-3 py-3 text-sm placeholder:text-muted"
        />
        <div className="flex items-center justify-between gap-2 px-2 pb-2">
          <div className="flex items-center gap-1">
            <input
              ref={fileInput}
              type="file"
              multiple
              accept="image/png,image/jpeg,image/webp,image/gif"
              className="sr-only"
              tabIndex={-1}
              aria-hidden
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = "";
                if (files.length) void add(files.map((f) => ({ blob: f, name: f.name })));
              }}
              data-testid="composer-file-input"
            />
            <button
              type="button"
              onClick={() => fileInput.current?.click()}
              className="inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-xs text-muted hover:bg-subtle hover:text-fg"
              title="Add pictures (or drop or paste them)"
            >
              <Icon name="clip" /> Add picture
            </button>
            <span className="hidden text-xs text-muted sm:inline">Enter to send · Shift+Enter for a new line</span>
          </div>
          {streaming ? (
            <button
              type="button"
              onClick={() => void loadChatData().then((c) => c.stopAnswer())}
              aria-keyshortcuts="Escape"
              title="Stop (Esc)"
              className="inline-flex items-center gap-1.5 rounded-lg bg-fg px-3 py-1.5 text-sm font-medium text-bg"
            >
              <Icon name="stop" /> Stop
            </button>
          ) : (
            <button
              type="submit"
              disabled={!canSend}
              aria-keyshortcuts="Enter"
              title="Send (Enter)"
              className={cn("inline-flex items-center gap-1.5 rounded-lg bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg disabled:opacity-40")}
            >
              Send <Icon name="send" />
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
