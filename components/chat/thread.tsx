"use client";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useChatThread, type ThreadState } from "@/lib/stores/chat-thread-store";
import { useActiveModel } from "@/components/models/model-picker";
import { CHAT_KINDS } from "@/lib/client/chat/kinds";
import { MessageItem } from "./message-item";
import { Icon } from "./icon";

/**
 * How many turns are mounted at first: enough to fill a tall screen. Each answer is a markdown render (with
 * code highlighting), so 40 at once cost seconds on a 1,000-message thread; more come STEP at a time on scroll-up.
 */
const WINDOW = 12;
const STEP = 24;
/** Within this many pixels of the end counts as "at the bottom". */
const BOTTOM_SLACK = 80;

/** Id of the latest turn on the shown path that carries pictures: the only one whose pictures are re-sent. */
function latestPictureId(s: ThreadState): string {
  for (let i = s.pathIds.length - 1; i >= 0; i--) {
    const m = s.messages[s.pathIds[i]!];
    if (m?.attachments.some((a) => a.mime.startsWith("image/"))) return m.id;
  }
  return "";
}

/**
 * The conversation: only the last WINDOW turns are mounted (plus more on scroll-up), finished turns skip
 * layout off-screen (content-visibility), and the view follows the stream only while the reader is at the bottom.
 */
export function Thread({ empty }: { empty: React.ReactNode }) {
  const pathIds = useChatThread((s) => s.pathIds);
  const withPictures = useChatThread(latestPictureId);
  const conversationId = useChatThread((s) => s.conversation?.id);
  // Read once here, not in every turn: each reader is a react-query observer (measurable on long threads).
  const model = useActiveModel("chat", CHAT_KINDS);
  const [shown, setShown] = useState({ id: conversationId, count: WINDOW });
  const count = shown.id === conversationId ? shown.count : WINDOW;
  if (shown.id !== conversationId) setShown({ id: conversationId, count: WINDOW });

  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const topSentinel = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [showJump, setShowJump] = useState(false);
  const anchor = useRef<number | null>(null);

  const toBottom = useCallback((smooth = false) => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = true;
    setShowJump(false);
    el.scrollTo({ top: el.scrollHeight, behavior: smooth ? "smooth" : "auto" });
  }, []);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK;
    atBottom.current = bottom;
    setShowJump(!bottom);
  };

  // Follow growth (streaming text, pictures loading) only while at the bottom.
  useEffect(() => {
    const el = content.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      if (atBottom.current) scroller.current?.scrollTo({ top: scroller.current.scrollHeight });
      else setShowJump(true);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A new turn (sent by the reader) or another conversation: go to the end.
  const last = pathIds.at(-1);
  useLayoutEffect(() => {
    toBottom();
  }, [last, conversationId, toBottom]);

  // Mount earlier turns when the top comes into view, keeping the reader's place.
  const hasMore = pathIds.length > count;
  useEffect(() => {
    const el = topSentinel.current;
    const root = scroller.current;
    if (!el || !root || !hasMore) return;
    const io = new IntersectionObserver(
      ([entry]) => {
        if (!entry?.isIntersecting || atBottom.current) return;
        anchor.current = root.scrollHeight - root.scrollTop;
        setShown((s) => ({ id: conversationId, count: s.count + STEP }));
      },
      { root, rootMargin: "400px 0px 0px 0px" },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [hasMore, conversationId]);
  useLayoutEffect(() => {
    const root = scroller.current;
    if (root && anchor.current !== null) {
      root.scrollTop = root.scrollHeight - anchor.current;
      anchor.current = null;
    }
  }, [count]);

  const visible = pathIds.slice(-count);
  return (
    <div className="relative min-h-0 flex-1">
      <div ref={scroller} onScroll={onScroll} className="h-full overflow-y-auto" data-testid="thread-scroller">
        <div ref={content} className="mx-auto w-full max-w-3xl px-4 pb-6">
          {hasMore ? (
            <div ref={topSentinel} className="py-3 text-center">
              <button
                type="button"
                className="rounded-md px-3 py-1 text-xs text-muted hover:bg-subtle"
                onClick={() => {
                  const root = scroller.current;
                  if (root) anchor.current = root.scrollHeight - root.scrollTop;
                  setShown({ id: conversationId, count: count + STEP });
                }}
              >
                Show earlier messages ({pathIds.length - count} more)
              </button>
            </div>
          ) : null}
          {pathIds.length === 0 ? empty : null}
          <div role="log" aria-label="Conversation" aria-live="off">
            {visible.map((id, i) => (
              <div key={id} className={i < visible.length - 2 ? "[contain-intrinsic-size:auto_160px] [content-visibility:auto]" : undefined}>
                <MessageItem id={id} model={model} picturesLeftOut={!!withPictures && id !== withPictures} />
              </div>
            ))}
          </div>
        </div>
      </div>
      {showJump && (
        <button
          type="button"
          onClick={() => toBottom(true)}
          className="absolute bottom-3 left-1/2 inline-flex -translate-x-1/2 items-center gap-1.5 rounded-full border border-border bg-panel px-3 py-1.5 text-xs font-medium shadow-md hover:bg-subtle"
        >
          <Icon name="down" className="size-3.5" /> Jump to latest
        </button>
      )}
    </div>
  );
}
