"use client";
import { lazy, Suspense, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useHydrated } from "@/lib/client/use-hydrated";
import { ModelPicker, useActiveModel } from "@/components/models/model-picker";
import type { ChatHandoff } from "@/lib/client/handoff";
import { CHAT_KINDS } from "@/lib/client/chat/kinds";
import { loadChatData } from "@/lib/client/chat/load-chat-data";
import { useChatList } from "@/lib/stores/chat-list-store";
import { useChatThread } from "@/lib/stores/chat-thread-store";
import { useComposerInbox } from "@/lib/stores/chat-composer-store";
import { useModelStore } from "@/lib/stores/model-store";
import { Composer } from "./composer";
import { IconButton } from "./icon-button";
import { EmptyChat } from "./empty-chat";
import { LazyThread, preloadThread } from "./lazy-thread";
import { preloadMarkdown } from "./lazy-markdown";
// Starts the chat page's code fetches as this module is evaluated, before hydration.
import "./chat-preload";

const ChatSettings = lazy(() => import("./chat-settings").then((m) => ({ default: m.ChatSettings })));
// react-dropzone, for pictures dropped anywhere on the view: only needed once the page is up.
const DropOverlay = lazy(() => import("./drop-overlay"));

/**
 * The drop overlay, in the browser only: it draws nothing until files are dragged in. Rendered on the server,
 * it left a boundary that React had to hydrate synchronously inside the first update after hydration (a long
 * task on every chat page load). next/dynamic's `ssr: false` does the same but put 1.4 kB gz more in /chat's
 * first load.
 */
function ClientDropOverlay({ onFiles }: { onFiles: (files: File[]) => void }) {
  return useHydrated() ? (
    <Suspense fallback={null}>
      <DropOverlay onFiles={onFiles} />
    </Suspense>
  ) : null;
}
const ExportMenu = lazy(() => import("./export-menu").then((m) => ({ default: m.ExportMenu })));

/** Puts handed-over text and pictures into the composer's inbox; the composer takes them when it is ready. */
async function applyHandoff(handoff: ChatHandoff) {
  const { getBlob } = await loadChatData();
  const items = await Promise.all(
    (handoff.attachments ?? []).map(async (a) => ({ blob: await getBlob(a.blobId).catch(() => undefined), name: a.name ?? "picture" })),
  );
  const inbox = useComposerInbox.getState();
  if (handoff.text) inbox.giveText(handoff.text);
  const found = items.flatMap((i) => (i.blob ? [{ blob: i.blob, name: i.name }] : []));
  if (found.length) inbox.give(found);
}

const giveFiles = (files: File[]) => useComposerInbox.getState().give(files.map((f) => ({ blob: f, name: f.name })));

/** The open conversation: header (model, settings, export), the thread and the composer; drop pictures anywhere. */
export function ChatView({ conversationId }: { conversationId: string | null }) {
  const router = useRouter();
  const conversation = useChatThread((s) => s.conversation);
  const loading = useChatThread((s) => s.loading);
  const persisted = useChatThread((s) => s.persisted);
  const announcement = useChatThread((s) => s.announcement);
  const setDrawerOpen = useChatList((s) => s.setDrawerOpen);
  const model = useActiveModel("chat", CHAT_KINDS);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let live = true;
    if (conversationId) {
      // A saved conversation shows its answers as soon as it is read: fetch their code alongside.
      preloadThread();
      preloadMarkdown();
    }
    void loadChatData().then(async ({ openConversation }) => {
      await openConversation(conversationId);
      const s = useChatThread.getState();
      if (!live) return;
      setMissing(!!conversationId && !s.conversation);
      // The conversation remembers its model; show it picked.
      if (s.conversation?.model) {
        useModelStore.getState().select("chat", s.conversation.model);
      }
    });
    return () => {
      live = false;
    };
  }, [conversationId]);

  // Another page handed something over (Images "Edit in chat", Transcribe "Send to chat"). It is applied by
  // the view of the conversation it is for: applied here and then navigated away, this page's composer
  // would take the text and pictures and unmount with them.
  useEffect(() => {
    if (!new URLSearchParams(window.location.search).has("handoff")) return;
    void import("@/lib/client/handoff").then(({ setChatHandoff, takeChatHandoff }) => {
      const handoff = takeChatHandoff();
      const target = handoff?.conversationId ?? null;
      if (handoff && target && target !== conversationId) {
        setChatHandoff(handoff);
        router.replace(`/chat/${encodeURIComponent(target)}?handoff=1`);
        return;
      }
      window.history.replaceState(null, "", conversationId ? `/chat/${encodeURIComponent(conversationId)}` : "/chat");
      if (handoff) void applyHandoff(handoff);
    });
  }, [conversationId, router]);

  // Another tab wrote to this conversation: re-read it instead of overwriting (D-5).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let off: (() => void) | undefined;
    let live = true;
    void loadChatData().then(({ onOtherTabChange }) => {
      if (!live) return;
      off = onOtherTabChange((e) => {
        if (e.store !== "messages" && e.store !== "conversations") return;
        clearTimeout(timer);
        timer = setTimeout(() => void loadChatData().then((c) => c.reloadConversation()), 150);
      });
    });
    return () => {
      live = false;
      off?.();
      clearTimeout(timer);
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (e.key === "Escape" && useChatThread.getState().streamingId && !e.defaultPrevented) {
        void loadChatData().then((c) => c.stopAnswer());
      } else if (mod && e.shiftKey && e.key.toLowerCase() === "o") {
        e.preventDefault();
        router.push("/chat");
        void loadChatData().then((c) => c.startNewChat());
        useComposerInbox.getState().focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router]);

  const pathLength = useChatThread((s) => s.pathIds.length);
  // A saved conversation not read yet (on the server too): its skeleton, not the new-chat screen.
  const opening = !!conversationId && conversation?.id !== conversationId;

  const skeleton = (
    <div className="flex-1 p-6" role="status" aria-label="Loading conversation">
      <div className="mx-auto max-w-3xl space-y-3">
        <div className="h-4 w-2/3 animate-pulse rounded bg-subtle" />
        <div className="h-4 w-1/2 animate-pulse rounded bg-subtle" />
      </div>
    </div>
  );

  if (missing) {
    return (
      <div className="grid h-full place-items-center p-6 text-center">
        <div>
          <h1 className="text-lg font-semibold">This conversation is not in this browser</h1>
          <p className="mt-1 text-sm text-muted">Conversations are kept in the browser they were made in. It may have been deleted.</p>
          <button
            type="button"
            onClick={() => {
              router.push("/chat");
              void loadChatData().then((c) => c.startNewChat());
            }}
            className="mt-4 rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg">
            Start a new chat
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="relative flex h-full min-w-0 flex-1 flex-col outline-none" data-testid="chat-drop-zone">
      <header className="flex items-center gap-2 border-b border-border bg-panel px-3 py-2">
        <IconButton icon="menu" label="Conversations" className="md:hidden" onClick={() => setDrawerOpen(true)} />
        <h1 className="min-w-0 flex-1 truncate text-sm font-medium" title={conversation?.title}>
          {persisted ? conversation?.title : "New chat"}
        </h1>
        <ModelPicker slot="chat" kinds={CHAT_KINDS} className="w-44 sm:w-64" />
        <IconButton
          icon="settings"
          label="Chat settings"
          aria-expanded={settingsOpen}
          onClick={() => setSettingsOpen((o) => !o)}
          className={settingsOpen ? "bg-subtle text-fg" : undefined}
        />
        {persisted && (
          <Suspense fallback={null}>
            <ExportMenu />
          </Suspense>
        )}
      </header>
      {settingsOpen && conversation && (
        <Suspense fallback={null}>
          <ChatSettings key={conversation.id} conversation={conversation} model={model} />
        </Suspense>
      )}
      {loading || opening ? (
        skeleton
      ) : pathLength > 0 ? (
        <LazyThread skeleton={skeleton} />
      ) : (
        // The empty thread, drawn here (and on the server) without the thread's code: the same boxes as Thread's.
        <div className="relative min-h-0 flex-1">
          <div className="h-full overflow-y-auto" data-testid="thread-scroller">
            <div className="mx-auto w-full max-w-3xl px-4 pb-6">
              <EmptyChat model={model?.id} />
              <div role="log" aria-label="Conversation" aria-live="off" />
            </div>
          </div>
        </div>
      )}
      <Composer />
      <p className="sr-only" aria-live="polite" role="status">
        {announcement}
      </p>
      <ClientDropOverlay onFiles={giveFiles} />
    </div>
  );
}
