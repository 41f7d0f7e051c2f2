import type { ChatMessage, ContentPart } from "@/lib/schemas";
import { LIMITS } from "@/lib/schemas/limits";
import type { AttachmentRef, MessageRecord } from "@/lib/client/db";

/** Said to the model in place of a picture that is not sent again. */
export const OMITTED_PICTURE_NOTE = "[An earlier picture was here; it is not sent again to keep the request small.]";

export type PlannedTurn = {
  messageId: string;
  role: "user" | "assistant";
  text: string;
  /** Pictures sent with this turn. */
  pictures: AttachmentRef[];
  /** Pictures of this turn replaced by OMITTED_PICTURE_NOTE. */
  omitted: number;
};

const isPicture = (a: AttachmentRef) => a.mime.startsWith("image/");

/**
 * Which pictures go upstream: only those of the latest turn that has any (a picture the user just attached,
 * or the one the model returned last, which is what "now at night" edits). Older pictures become a short
 * note, so a long picture conversation does not re-send megabytes every turn.
 */
export function planHistory(path: MessageRecord[]): PlannedTurn[] {
  let latestWithPictures = -1;
  path.forEach((m, i) => {
    if (m.attachments.some(isPicture)) latestWithPictures = i;
  });
  const turns: PlannedTurn[] = [];
  path.forEach((m, i) => {
    if (m.role === "system") return;
    const pictures = m.attachments.filter(isPicture);
    const keep = i === latestWithPictures ? pictures.slice(-LIMITS.chatImagesPerRequest) : [];
    const turn: PlannedTurn = { messageId: m.id, role: m.role, text: m.text, pictures: keep, omitted: pictures.length - keep.length };
    // An answer that produced nothing (failed before any text) would only confuse the model.
    if (m.role === "assistant" && !turn.text.trim() && !pictures.length) return;
    turns.push(turn);
  });
  return turns;
}

/** Message ids whose pictures are no longer sent upstream, for the UI's "left out" note. */
export function omittedPictureIds(path: MessageRecord[]): Set<string> {
  return new Set(planHistory(path).filter((t) => t.omitted > 0).map((t) => t.messageId));
}

export type BuiltHistory = {
  messages: ChatMessage[];
  /** Pictures replaced by a note (by planning or to fit the body limit). */
  omittedPictures: number;
  /** Oldest turns left out to fit the limits. */
  droppedTurns: number;
};

type BuildOptions = {
  systemPrompt?: string;
  /** Reads a picture as a `data:image/…;base64,` URL, downscaled if needed. */
  loadPicture: (ref: AttachmentRef) => Promise<string>;
  /** Request fields other than messages, for measuring the body. */
  overheadBytes?: number;
  maxBodyBytes?: number;
};

const encoder = new TextEncoder();
const byteLength = (s: string) => encoder.encode(s).length;

/**
 * Builds the `messages` of a ChatRequest from the thread, bounded by LIMITS: message count, characters,
 * and the body size (pictures are dropped first, oldest first; then the oldest turns).
 */
export async function buildHistory(path: MessageRecord[], options: BuildOptions): Promise<BuiltHistory> {
  const maxBody = (options.maxBodyBytes ?? LIMITS.chatBodyBytes) - (options.overheadBytes ?? 1024) - 4096;
  const turns = planHistory(path);
  let omittedPictures = turns.reduce((n, t) => n + t.omitted, 0);
  const urls = new Map<string, string>();
  for (const t of turns) for (const p of t.pictures) if (!urls.has(p.blobId)) urls.set(p.blobId, await options.loadPicture(p));

  const system: ChatMessage[] = options.systemPrompt?.trim() ? [{ role: "system", content: options.systemPrompt.trim() }] : [];
  const toMessage = (t: PlannedTurn): ChatMessage => {
    const notes = Array.from({ length: t.omitted }, () => OMITTED_PICTURE_NOTE).join("\n");
    const text = [notes, t.text].filter(Boolean).join("\n\n");
    if (!t.pictures.length) return { role: t.role, content: text };
    const parts: ContentPart[] = [];
    if (text) parts.push({ type: "text", text });
    for (const p of t.pictures) parts.push({ type: "image_url", image_url: { url: urls.get(p.blobId)! } });
    return { role: t.role, content: parts };
  };

  let droppedTurns = 0;
  const size = () => byteLength(JSON.stringify([...system, ...turns.map(toMessage)]));
  const chars = () => turns.reduce((n, t) => n + t.text.length, 0) + (options.systemPrompt?.length ?? 0);
  const tooMany = () => system.length + turns.length > LIMITS.chatMessages || chars() > LIMITS.chatTextChars;

  while (turns.length > 1 && tooMany()) {
    turns.shift();
    droppedTurns++;
  }
  while (size() > maxBody) {
    const withPicture = turns.find((t) => t.pictures.length);
    if (withPicture) {
      withPicture.pictures = withPicture.pictures.slice(1);
      withPicture.omitted++;
      omittedPictures++;
    } else if (turns.length > 1) {
      turns.shift();
      droppedTurns++;
    } else break;
  }
  return { messages: [...system, ...turns.map(toMessage)], omittedPictures, droppedTurns };
}
