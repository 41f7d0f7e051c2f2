import type { ConversationRecord, MessageRecord } from "@/lib/client/db";
import { FINISH_EXPLAINED } from "./settings";

/** The shown thread as Markdown: readable anywhere; pictures are named, not embedded. */
export function conversationToMarkdown(conversation: ConversationRecord, path: MessageRecord[]): string {
  const lines = [`# ${conversation.title}`, ""];
  if (conversation.systemPrompt) lines.push(`> System: ${conversation.systemPrompt.replace(/\n/g, "\n> ")}`, "");
  for (const m of path) {
    lines.push(`## ${m.role === "user" ? "You" : `Assistant${m.model ? ` (${m.model})` : ""}`}`, "");
    if (m.text) lines.push(m.text, "");
    for (const a of m.attachments) lines.push(`*[picture: ${a.name ?? a.mime}, ${a.width ?? "?"}×${a.height ?? "?"}]*`, "");
    if (m.finishReason && m.finishReason !== "stop") lines.push(`*${FINISH_EXPLAINED[m.finishReason] ?? m.finishReason}*`, "");
    if (m.status === "error" && m.errorMessage) lines.push(`*Error: ${m.errorMessage}*`, "");
  }
  return lines.join("\n");
}

export type ConversationExport = {
  format: "gateway-studio.conversation";
  version: 1;
  exportedAt: string;
  conversation: ConversationRecord;
  /** Every message on every branch. */
  messages: MessageRecord[];
  /** Pictures as data URLs, keyed by blob id. */
  pictures: Record<string, string>;
};

export async function conversationToJson(
  conversation: ConversationRecord,
  messages: MessageRecord[],
  readPicture: (blobId: string, mime: string) => Promise<string | null>,
): Promise<string> {
  const pictures: Record<string, string> = {};
  for (const m of messages) {
    for (const a of m.attachments) {
      const url = await readPicture(a.blobId, a.mime);
      if (url) pictures[a.blobId] = url;
    }
  }
  const out: ConversationExport = {
    format: "gateway-studio.conversation",
    version: 1,
    exportedAt: new Date().toISOString(),
    conversation,
    messages,
    pictures,
  };
  return JSON.stringify(out, null, 2);
}

export function fileNameFor(title: string, ext: string): string {
  const base = title.replace(/[^\p{L}\p{N} _-]+/gu, "").trim().replace(/\s+/g, "-").slice(0, 60) || "conversation";
  return `${base}.${ext}`;
}

export function download(content: string | Blob, name: string, type: string) {
  const blob = typeof content === "string" ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
