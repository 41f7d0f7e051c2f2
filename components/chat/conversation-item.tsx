"use client";
import { IntentLink } from "@/components/layout/intent-link";
import { useState } from "react";
import type { ConversationRecord } from "@/lib/client/db";
import { cn } from "@/lib/client/cn";
import { loadChatData } from "@/lib/client/chat/load-chat-data";
import { Icon } from "./icon";
import { IconButton } from "./icon-button";
import { preloadMarkdown } from "./lazy-markdown";
import { preloadThread } from "./lazy-thread";

/** Hovering a conversation is a good sign it is about to be opened: fetch the code that shows it. */
function preloadConversationView() {
  preloadThread();
  preloadMarkdown();
}

type Props = {
  conversation: ConversationRecord;
  current: boolean;
  snippet?: string;
  onOpen: () => void;
  onRename: (title: string) => void;
  onTogglePin: () => void;
  onDelete: () => void;
};

/** One conversation in the sidebar: open, rename in place, pin, delete. */
export function ConversationItem({ conversation, current, snippet, onOpen, onRename, onTogglePin, onDelete }: Props) {
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(conversation.title);

  if (renaming) {
    return (
      <li className="px-2 py-1">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setRenaming(false);
            if (title.trim()) onRename(title.trim());
          }}
        >
          <label className="sr-only" htmlFor={`rename-${conversation.id}`}>
            New title
          </label>
          <input
            id={`rename-${conversation.id}`}
            autoFocus
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            onBlur={() => {
              setRenaming(false);
              if (title.trim() && title.trim() !== conversation.title) onRename(title.trim());
            }}
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                e.stopPropagation();
                setTitle(conversation.title);
                setRenaming(false);
              }
            }}
            className="w-full rounded-md border border-accent bg-panel px-2 py-1 text-sm"
          />
        </form>
      </li>
    );
  }

  return (
    <li className={cn("group relative rounded-md", current ? "bg-accent-soft" : "hover:bg-subtle")}>
      <IntentLink
        href={`/chat/${conversation.id}`}
        onClick={(e) => {
          // Read the conversation and load the markdown stack while the route changes, not after.
          if (!e.metaKey && !e.ctrlKey && !e.shiftKey && e.button === 0) {
            // The chat view loaded the controller when it mounted: this import resolves at once.
            void loadChatData().then((c) => c.prefetchConversation(conversation.id));
            preloadConversationView();
          }
          onOpen();
        }}
        onPointerEnter={preloadConversationView}
        aria-current={current ? "page" : undefined}
        className="block rounded-md py-1.5 pr-20 pl-2.5 text-sm"
      >
        <span className="flex items-center gap-1.5">
          {conversation.pinned && (
            <span title="Pinned" className="text-accent">
              <Icon name="pin" className="size-3" />
              <span className="sr-only">Pinned: </span>
            </span>
          )}
          <span className="truncate">{conversation.title}</span>
        </span>
        {snippet && <span className="mt-0.5 block truncate text-xs text-muted">{snippet}</span>}
      </IntentLink>
      <span className="absolute top-1 right-1 flex opacity-100 focus-within:opacity-100 md:opacity-0 md:group-hover:opacity-100">
        <IconButton icon="rename" label={`Rename “${conversation.title}”`} onClick={() => setRenaming(true)} className="p-1" />
        <IconButton icon="pin" label={conversation.pinned ? `Unpin “${conversation.title}”` : `Pin “${conversation.title}”`} onClick={onTogglePin} className="p-1" />
        <IconButton icon="trash" label={`Delete “${conversation.title}”`} onClick={onDelete} className="p-1" />
      </span>
    </li>
  );
}
