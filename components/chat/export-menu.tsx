"use client";
import { useRef } from "react";
import { selectPathMessages, useChatThread } from "@/lib/stores/chat-thread-store";
import { loadChatData } from "@/lib/client/chat/load-chat-data";
import { Icon } from "./icon";

// The exporters (and the storage layer, for the JSON's pictures) load on the first click, not with the page.
const exporters = () => import("@/lib/client/chat/export");

/** Export this conversation: Markdown (the shown thread) or JSON (every branch, pictures included). */
export function ExportMenu() {
  const ref = useRef<HTMLDetailsElement>(null);
  const close = () => ref.current?.removeAttribute("open");
  const asMarkdown = async () => {
    const { conversationToMarkdown, download, fileNameFor } = await exporters();
    const s = useChatThread.getState();
    if (!s.conversation) return;
    download(conversationToMarkdown(s.conversation, selectPathMessages(s)), fileNameFor(s.conversation.title, "md"), "text/markdown");
    close();
  };
  const asJson = async () => {
    const [{ conversationToJson, download, fileNameFor }, { getBlob }, { blobToDataUrl }] = await Promise.all([
      exporters(),
      loadChatData(),
      import("@/lib/client/chat/image-type"),
    ]);
    const s = useChatThread.getState();
    if (!s.conversation) return;
    const json = await conversationToJson(s.conversation, Object.values(s.messages), async (id, mime) => {
      const blob = await getBlob(id);
      return blob ? blobToDataUrl(blob, mime) : null;
    });
    download(json, fileNameFor(s.conversation.title, "json"), "application/json");
    close();
  };
  const item = "block w-full px-3 py-1.5 text-left text-sm hover:bg-subtle";
  return (
    <details ref={ref} className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded-md px-2 py-1.5 text-xs text-muted hover:bg-subtle hover:text-fg [&::-webkit-details-marker]:hidden">
        <Icon name="export" /> <span className="hidden sm:inline">Export</span>
        <span className="sr-only sm:hidden">Export</span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-48 rounded-md border border-border bg-panel py-1 shadow-lg">
        <button type="button" className={item} onClick={() => void asMarkdown()}>
          Markdown (.md)
        </button>
        <button type="button" className={item} onClick={() => void asJson()}>
          JSON with pictures
        </button>
      </div>
    </details>
  );
}
