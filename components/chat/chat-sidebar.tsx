"use client";
import { IntentLink } from "@/components/layout/intent-link";
import { usePathname, useRouter } from "next/navigation";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import type { ConversationSnapshot } from "@/lib/client/chat/storage";
import { useChatList } from "@/lib/stores/chat-list-store";
import { useChatThread } from "@/lib/stores/chat-thread-store";
import { useComposerInbox } from "@/lib/stores/chat-composer-store";
import { cn } from "@/lib/client/cn";
import { loadChatData } from "@/lib/client/chat/load-chat-data";
import { Icon } from "./icon";
import { IconButton } from "./icon-button";
import { ConversationItem } from "./lazy-conversation-item";

// The undo toast is drawn only once something is deleted.
const UndoToast = lazy(() => import("./undo-toast").then((m) => ({ default: m.UndoToast })));

/** Conversations: new, search (titles and message text), rename, pin, delete with undo. A drawer at phone width. */
export function ChatSidebar() {
  const router = useRouter();
  const pathname = usePathname();
  const currentId = pathname.startsWith("/chat/") ? decodeURIComponent(pathname.slice(6)) : null;
  const { conversations, loaded, error, refresh, drawerOpen, setDrawerOpen } = useChatList();
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<Map<string, string> | null>(null);
  const [undo, setUndo] = useState<ConversationSnapshot | null>(null);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void refresh();
    let off: (() => void) | undefined;
    let live = true;
    void loadChatData().then(({ onOtherTabChange }) => {
      if (!live) return;
      off = onOtherTabChange((e) => {
        if (e.store === "conversations") void refresh();
      });
    });
    return () => {
      live = false;
      off?.();
    };
  }, [refresh]);

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    let live = true;
    const t = setTimeout(() => void loadChatData().then((st) => st.searchConversations(q)).then((h) => live && setHits(h)), 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query, conversations]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setDrawerOpen(true);
        requestAnimationFrame(() => search.current?.focus());
      } else if (e.key === "Escape" && useChatList.getState().drawerOpen) {
        setDrawerOpen(false);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [setDrawerOpen]);

  const remove = async (id: string) => {
    const { deleteConversation, startNewChat, stopAnswer } = await loadChatData();
    if (id === currentId) {
      if (useChatThread.getState().streamingId) stopAnswer();
      router.push("/chat");
      startNewChat();
    }
    const snapshot = await deleteConversation(id);
    await refresh();
    if (snapshot) setUndo(snapshot);
  };
  const undoDelete = async () => {
    if (!undo) return;
    const { restoreConversation } = await loadChatData();
    await restoreConversation(undo);
    setUndo(null);
    await refresh();
  };
  const rename = async (id: string, title: string) => {
    const data = await loadChatData();
    if (id === useChatThread.getState().conversation?.id) await data.saveSettings({ title });
    else await data.updateConversation(id, { title });
    await refresh();
  };
  const dismissUndo = useCallback(() => setUndo(null), []);

  const searching = query.trim().length > 0;
  const shown = searching && hits ? conversations.filter((c) => hits.has(c.id)) : conversations;

  return (
    <>
      {drawerOpen && <div className="fixed inset-0 z-30 bg-black/40 md:hidden" aria-hidden onClick={() => setDrawerOpen(false)} />}
      <aside
        aria-label="Conversations"
        className={cn(
          "flex w-72 shrink-0 flex-col border-r border-border bg-panel md:static md:z-auto md:flex md:w-64",
          drawerOpen ? "fixed inset-y-0 left-0 z-40 shadow-xl" : "hidden",
        )}
      >
        <div className="flex items-center gap-2 p-2">
          <IntentLink
            href="/chat"
            onClick={() => {
              setDrawerOpen(false);
              void loadChatData().then((c) => c.startNewChat());
              useComposerInbox.getState().focus();
            }}
            aria-keyshortcuts="Control+Shift+O Meta+Shift+O"
            title="New chat (Ctrl+Shift+O)"
            className="flex flex-1 items-center gap-2 rounded-md border border-border px-2.5 py-1.5 text-sm font-medium hover:bg-subtle"
          >
            <Icon name="plus" /> New chat
          </IntentLink>
          <IconButton icon="close" label="Close conversations" className="md:hidden" onClick={() => setDrawerOpen(false)} />
        </div>
        <div className="relative px-2 pb-2">
          <label htmlFor="chat-search" className="sr-only">
            Search conversations
          </label>
          <span className="pointer-events-none absolute top-2 left-4 text-muted">
            <Icon name="search" className="size-3.5" />
          </span>
          <input
            id="chat-search"
            ref={search}
            type="search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              if (!e.target.value.trim()) setHits(null);
            }}
            placeholder="Search chats"
            aria-keyshortcuts="Control+K Meta+K"
            title="Search titles and messages (Ctrl+K)"
            className="w-full rounded-md border border-border bg-bg py-1.5 pr-2 pl-7 text-sm placeholder:text-muted"
          />
        </div>
        <nav aria-label="Saved conversations" className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
          {error && <p className="px-2 text-xs text-danger">{error}</p>}
          {loaded && shown.length === 0 && (
            <p className="px-2 py-4 text-center text-xs text-muted">{searching ? "No chat matches." : "No conversations yet."}</p>
          )}
          <Suspense fallback={null}>
            <ul className="space-y-0.5">
              {shown.map((c) => (
                <ConversationItem
                  key={c.id}
                  conversation={c}
                  current={c.id === currentId}
                  snippet={searching ? hits?.get(c.id) : undefined}
                  onOpen={() => setDrawerOpen(false)}
                  onRename={(title) => void rename(c.id, title)}
                  onTogglePin={() => void loadChatData().then((st) => st.updateConversation(c.id, { pinned: !c.pinned })).then(refresh)}
                  onDelete={() => void remove(c.id)}
                />
              ))}
            </ul>
          </Suspense>
        </nav>
      </aside>
      {undo && (
        <Suspense fallback={null}>
          <UndoToast text={`Deleted “${undo.conversation.title}”.`} onUndo={() => void undoDelete()} onDone={dismissUndo} />
        </Suspense>
      )}
    </>
  );
}
