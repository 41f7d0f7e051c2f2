"use client";
import type { ApiError } from "@/lib/client/api";
import { getBlob, newId, putBlob, type AttachmentRef, type ConversationRecord, type MessageRecord } from "@/lib/client/db";
import type { ChatRequest, ChatStreamEvent, ModelInfo } from "@/lib/schemas";
import { useChatList } from "@/lib/stores/chat-list-store";
import { patchMessage, setThreadMessages, setThreadTail, useChatThread } from "@/lib/stores/chat-thread-store";
import { buildHistory } from "./history";
import { base64ToBlob, blobToDataUrl, sniffBlob } from "./image-type";
import { rememberPictureUrl, revokePictureUrls } from "./picture-urls";
import { ROOT, tailPath } from "./tree";
import {
  addChatPictureToGallery,
  deleteMessages,
  getConversation,
  listMessages,
  listRecentMessages,
  newConversation,
  putMessage,
  saveTurn,
  updateConversation,
} from "./storage";
import { streamChat } from "./stream";
import { FIRST_READ, takeEarlyRead } from "./early-read";
import { isConversationRecord, isMessageRecord, keepValid, validOrNothing } from "@/lib/client/record-checks";
import { defaultMaxTokens } from "./settings";

/** How often a streaming answer is written to IndexedDB, so a reload mid-answer loses at most this much. */
const SAVE_EVERY_MS = 500;
/** Text deltas are applied to the UI at most this often: one render per frame, not per token. */
const PAINT_EVERY_MS = 50;

export const CONTINUE_PROMPT = "Continue exactly where your previous answer stopped. Do not repeat what you already wrote.";

let live: AbortController | null = null;
/** The answer streaming in this tab, which keeps going (and saving) if the reader opens another chat. */
let liveAnswer: { conversationId: string; record: () => MessageRecord } | null = null;

export type OutgoingPicture = { blob: Blob; mime: string; width?: number; height?: number; name?: string };

const state = () => useChatThread.getState();

/** The open that is under way, so a second call for the same conversation waits for it instead of reading again. */
let opening: { id: string; done: Promise<void> } | null = null;

/** Opens a conversation (or a new, unsaved one when id is null). Keeps the live state if it is already open. */
export function openConversation(id: string | null): Promise<void> {
  const s = state();
  if (id && s.conversation?.id === id && s.persisted) return Promise.resolve();
  if (!id && !s.persisted && s.conversation) return Promise.resolve();
  if (!id) {
    opening = null;
    startNewChat();
    return Promise.resolve();
  }
  if (opening?.id === id) return opening.done;
  const done = load(id).finally(() => {
    if (opening?.done === done) opening = null;
  });
  opening = { id, done };
  return done;
}

/** How long opening waits for the page-load read before reading itself. */
const EARLY_READ_PATIENCE_MS = 1500;

type FirstRead = { conversation: ConversationRecord | undefined; recent: MessageRecord[]; all: boolean };

/** Settles once the open conversation is read in full; what changes the thread's shape waits for it. */
let whole: Promise<void> = Promise.resolve();

async function load(id: string): Promise<void> {
  if (!liveAnswer) revokePictureUrls();
  useChatThread.setState({ loading: true });
  const { conversation, recent, all } = await takePrefetched(id);
  // The reader went elsewhere while this was read.
  if (opening?.id !== id) return;
  if (!conversation) {
    useChatThread.setState({ conversation: null, persisted: false, messages: {}, children: new Map(), pathIds: [], loading: false });
    return;
  }
  const resumed = liveAnswer?.conversationId === id ? liveAnswer.record() : null;
  const tail = all ? null : tailPath(recent, conversation.branches);
  if (!all && !tail) {
    // The newest messages do not tell which branch is shown: read everything first.
    show(conversation, await listMessages(id), resumed);
    return;
  }
  show(conversation, recent, resumed, tail);
  if (tail) whole = afterPaint().then(() => readRest(id));
}

/** Puts a conversation on screen; `tail` when `messages` are only its newest (the path's end is then given). */
function show(conversation: ConversationRecord, messages: MessageRecord[], resumed: MessageRecord | null, tail?: MessageRecord[] | null) {
  const byId = Object.fromEntries(messages.map((m) => [m.id, m]));
  if (resumed) byId[resumed.id] = resumed;
  useChatThread.setState({ persisted: true, loading: false, streamingId: resumed?.id ?? null });
  if (tail) setThreadTail(byId, tail.map((m) => m.id), conversation);
  else setThreadMessages(byId, conversation);
  if (!tail) whole = Promise.resolve();
}

/** The rest of a conversation opened tail first. Records already on screen keep their identity (no re-render). */
async function readRest(id: string): Promise<void> {
  const messages = await listMessages(id).catch(() => null);
  const s = state();
  if (!messages || s.conversation?.id !== id || !s.persisted) return;
  const byId: Record<string, MessageRecord> = {};
  for (const m of messages) {
    const shown = s.messages[m.id];
    byId[m.id] = shown && JSON.stringify(shown) === JSON.stringify(m) ? shown : m;
  }
  // This tab's live answer is newer than its last save.
  for (const m of Object.values(s.messages)) if (m.id === s.streamingId) byId[m.id] = m;
  setThreadMessages(byId, s.conversation);
}

/** After the next frame is painted (or soon, in a hidden tab where frames do not run). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 250);
    if (typeof requestAnimationFrame !== "function") return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

/** A read started when the reader clicked a conversation, so it overlaps the route change (used once). */
let prefetched: { id: string; at: number; data: Promise<FirstRead> } | null = null;

function firstRead(id: string): Promise<FirstRead> {
  return Promise.all([getConversation(id), listRecentMessages(id, FIRST_READ)]).then(([conversation, { messages, all }]) => ({
    conversation,
    recent: messages,
    all,
  }));
}

/** Starts reading a conversation before its page mounts; openConversation takes the result. */
export function prefetchConversation(id: string): void {
  if (prefetched?.id === id) return;
  prefetched = { id, at: Date.now(), data: firstRead(id) };
}

function takePrefetched(id: string): Promise<FirstRead> {
  const fromPageLoad = takeEarlyRead(id);
  if (fromPageLoad) {
    // Never wait on the page-load read for long: if it has not answered by now, read afresh.
    const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), EARLY_READ_PATIENCE_MS));
    return Promise.race([fromPageLoad, late]).then((raw) =>
      raw
        ? { conversation: validOrNothing("conversations", raw.conversation, isConversationRecord), recent: keepValid("messages", raw.recent, isMessageRecord), all: raw.all }
        : firstRead(id),
    );
  }
  const p = prefetched;
  prefetched = null;
  // A stale read could miss what was written since; a couple of seconds covers any route change.
  if (p?.id === id && Date.now() - p.at < 3000) return p.data;
  return firstRead(id);
}

/**
 * A fresh, unsaved conversation. Called by "New chat" directly too: after the first send the URL was
 * changed with replaceState, so navigating to /chat may not remount the page.
 */
export function startNewChat(): void {
  const s = state();
  if (!s.persisted && s.conversation && s.pathIds.length === 0) return;
  if (!liveAnswer) revokePictureUrls();
  useChatThread.setState({ conversation: newConversation(), persisted: false, messages: {}, children: new Map(), pathIds: [], loading: false, streamingId: null });
}

/** Re-reads the open conversation after another tab changed it (D-5). */
export async function reloadConversation(): Promise<void> {
  const { conversation, persisted, streamingId } = state();
  if (!conversation || !persisted || streamingId) return;
  const [fresh, messages] = await Promise.all([getConversation(conversation.id), listMessages(conversation.id)]);
  if (!fresh) return;
  setThreadMessages(Object.fromEntries(messages.map((m) => [m.id, m])), fresh);
}

export async function saveSettings(patch: Partial<Pick<ConversationRecord, "systemPrompt" | "temperature" | "maxTokens" | "model" | "title" | "branches">>) {
  await whole;
  const { conversation, persisted, messages } = state();
  if (!conversation) return;
  const next = { ...conversation, ...patch };
  setThreadMessages(messages, next);
  if (persisted) {
    await updateConversation(conversation.id, patch);
    if ("title" in patch) await useChatList.getState().refresh();
  }
}

export function stopAnswer() {
  live?.abort();
}

/** Shows another version of a turn. */
export function chooseVersion(message: MessageRecord) {
  const { conversation } = state();
  if (!conversation) return;
  void saveSettings({ branches: { ...conversation.branches, [message.parentId ?? ROOT]: message.id } });
}

function titleFrom(text: string, pictures: number): string {
  const line = text.trim().split("\n")[0]?.trim() ?? "";
  if (line) return line.length > 60 ? `${line.slice(0, 57)}…` : line;
  return pictures ? "Picture" : "New chat";
}

async function storePictures(pictures: OutgoingPicture[]): Promise<AttachmentRef[]> {
  const refs: AttachmentRef[] = [];
  for (const p of pictures) {
    const rec = await putBlob(p.blob);
    rememberPictureUrl(rec.id, p.blob);
    refs.push({ blobId: rec.id, mime: p.mime, bytes: p.blob.size, width: p.width, height: p.height, name: p.name });
  }
  return refs;
}

/**
 * Sends a new user turn and streams the answer. D-10: the conversation record (created on the first turn)
 * and the user's message are written together, awaited, before the URL names the conversation and before
 * the request goes out, so a reload at any moment finds both.
 */
export async function sendMessage(text: string, pictures: OutgoingPicture[], model: ModelInfo): Promise<void> {
  // The history sent upstream is the whole thread, not the tail a long conversation opened with.
  await whole;
  if (state().streamingId) return;
  const s = state();
  const fresh = !s.persisted || !s.conversation;
  const base = s.conversation ?? newConversation();
  const attachments = await storePictures(pictures);
  const parentId = fresh ? null : (pathMessages().at(-1)?.id ?? null);
  const now = Date.now();
  const user: MessageRecord = { id: newId(), conversationId: base.id, parentId, role: "user", text, attachments, createdAt: now, status: "done" };
  const branches = { ...(fresh ? {} : base.branches), [parentId ?? ROOT]: user.id };
  const patch: Partial<ConversationRecord> = { branches, updatedAt: now };
  const conv: ConversationRecord = fresh
    ? { ...base, title: titleFrom(text, pictures.length), model: model.id, createdAt: now, ...patch }
    : { ...base, ...patch };
  await unlessStorageFull(saveTurn(conv, patch, user));
  // Only now may the URL name the conversation: the stream keeps running in this same view (no navigation).
  setThreadMessages({ ...(fresh ? {} : state().messages), [user.id]: user }, conv);
  useChatThread.setState({ persisted: true });
  if (fresh) window.history.replaceState(null, "", `/chat/${conv.id}`);
  void useChatList.getState().refresh();
  await answer(user, model);
}

/** Edit and resend: a new version of the user's turn beside the old one, then a fresh answer. */
export async function editAndResend(original: MessageRecord, text: string, model: ModelInfo): Promise<void> {
  await whole;
  if (state().streamingId) return;
  const user: MessageRecord = { ...original, id: newId(), text, createdAt: Date.now(), status: "done" };
  await putMessage(user);
  await chooseAndAdd(user);
  await answer(user, model);
}

/** Regenerate (or retry): a new version of the answer; the old one stays as a branch. */
export async function regenerate(assistant: MessageRecord, model: ModelInfo): Promise<void> {
  await whole;
  if (state().streamingId) return;
  const user = assistant.parentId ? state().messages[assistant.parentId] : undefined;
  if (!user) return;
  await answer(user, model);
}

/** Continues a stopped, cut-off or interrupted answer in place. */
export async function continueAnswer(assistant: MessageRecord, model: ModelInfo): Promise<void> {
  await whole;
  if (state().streamingId) return;
  const user = assistant.parentId ? state().messages[assistant.parentId] : undefined;
  if (!user) return;
  await answer(user, model, assistant);
}

/** Deletes a message and every reply that follows it, on all branches. Returns what was removed. */
export async function deleteMessage(message: MessageRecord): Promise<void> {
  // Deleting takes every reply below, on every branch: all of them must have been read.
  await whole;
  const { messages, children, conversation } = state();
  const gone: MessageRecord[] = [];
  const stack = [message.id];
  while (stack.length) {
    const id = stack.pop()!;
    const m = messages[id];
    if (m) gone.push(m);
    for (const c of children.get(id) ?? []) stack.push(c.id);
  }
  await deleteMessages(gone);
  const rest = { ...messages };
  for (const m of gone) delete rest[m.id];
  setThreadMessages(rest, conversation);
}

function pathMessages(): MessageRecord[] {
  const s = state();
  return s.pathIds.map((id) => s.messages[id]!).filter(Boolean);
}

async function chooseAndAdd(message: MessageRecord) {
  const { conversation, messages } = state();
  if (!conversation) return;
  const branches = { ...conversation.branches, [message.parentId ?? ROOT]: message.id };
  const next = { ...conversation, branches, updatedAt: Date.now() };
  setThreadMessages({ ...messages, [message.id]: message }, next);
  await unlessStorageFull(updateConversation(conversation.id, { branches, updatedAt: next.updatedAt }));
  void useChatList.getState().refresh();
}

async function loadPicture(ref: AttachmentRef): Promise<string> {
  const blob = await getBlob(ref.blobId);
  if (!blob) throw new Error("A picture of this conversation is missing from the browser's storage.");
  const mime = (await sniffBlob(blob)) ?? "image/png";
  // A picture from an image model can be several MB; send it the way an upload would be sent.
  if (blob.size > 1.5 * 1024 * 1024) {
    const { preparePicture } = await import("./downscale");
    const prepared = await preparePicture(blob);
    return blobToDataUrl(prepared.blob, prepared.mime);
  }
  return blobToDataUrl(blob, mime);
}

function requestFor(conv: ConversationRecord, model: ModelInfo): Omit<ChatRequest, "messages"> {
  const maxTokens = conv.maxTokens ?? defaultMaxTokens(model);
  return {
    model: model.id,
    ...(conv.temperature !== undefined ? { temperature: conv.temperature } : {}),
    ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}),
  };
}

/**
 * Streams an answer to `user`: into a new assistant record, or appended to `resume` (Continue). The record
 * is saved at once, every SAVE_EVERY_MS while it streams, and at the end, whatever the ending.
 */
async function answer(user: MessageRecord, model: ModelInfo, resume?: MessageRecord): Promise<void> {
  const conv = state().conversation;
  if (!conv) return;
  let record: MessageRecord = resume
    ? { ...resume, status: "streaming", finishReason: undefined, finishNote: undefined, error: undefined, errorAt: undefined, errorMessage: undefined, model: model.id }
    : {
        id: newId(),
        conversationId: conv.id,
        parentId: user.id,
        role: "assistant",
        text: "",
        attachments: [],
        createdAt: Date.now(),
        status: "streaming",
        model: model.id,
      };
  const controller = new AbortController();
  live = controller;
  liveAnswer = { conversationId: conv.id, record: () => record };
  useChatThread.setState({ streamingId: record.id, announcement: "" });
  if (resume) patchMessage(record.id, record);
  else await chooseAndAdd(record);
  await unlessStorageFull(putMessage(record));
  if (conv.model !== model.id) void saveSettings({ model: model.id });

  let lastSave = Date.now();
  let lastPaint = 0;
  let paintTimer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> = Promise.resolve();
  const here = () => state().conversation?.id === conv.id;
  const paint = () => {
    clearTimeout(paintTimer);
    paintTimer = undefined;
    lastPaint = Date.now();
    if (here()) patchMessage(record.id, record);
  };
  const schedule = () => {
    if (Date.now() - lastPaint >= PAINT_EVERY_MS) paint();
    else paintTimer ??= setTimeout(paint, PAINT_EVERY_MS);
    if (Date.now() - lastSave >= SAVE_EVERY_MS) {
      lastSave = Date.now();
      const snapshot = record;
      saving = saving.then(() => putMessage(snapshot).catch(() => {}));
    }
  };
  const pictureJobs: Promise<void>[] = [];
  let finished = false;

  const onEvent = (e: ChatStreamEvent) => {
    switch (e.type) {
      case "text":
        record = { ...record, text: record.text + e.delta };
        break;
      case "reasoning":
        record = { ...record, reasoning: (record.reasoning ?? "") + e.delta };
        break;
      case "image":
        pictureJobs.push(receivePicture(e.mime, e.data));
        return;
      case "image_unavailable":
        record = { ...record, imageNotices: [...(record.imageNotices ?? []), e.notice] };
        break;
      case "usage":
        record = { ...record, usage: e.usage };
        break;
      case "finish":
        finished = true;
        record = {
          ...record,
          finishReason: e.reason,
          finishNote: e.note,
          status: e.reason === "incomplete" ? "incomplete" : e.reason === "error" ? "error" : "done",
        };
        break;
      case "error":
        finished = true;
        record = { ...record, status: "error", finishReason: "error", error: e.error, errorAt: Date.now(), errorMessage: e.error.message };
        break;
      case "start":
        return;
    }
    schedule();
  };

  const receivePicture = async (mime: string, data: string) => {
    const blob = base64ToBlob(data, mime);
    const sniffed = await sniffBlob(blob);
    if (!sniffed) {
      record = { ...record, imageNotices: [...(record.imageNotices ?? []), "The model sent a picture in a format we do not show."] };
      paint();
      return;
    }
    const typed = new Blob([blob], { type: sniffed });
    const rec = await putBlob(typed);
    rememberPictureUrl(rec.id, typed);
    const size = await pictureSize(typed);
    const ref: AttachmentRef = { blobId: rec.id, mime: sniffed, bytes: typed.size, ...size };
    record = { ...record, attachments: [...record.attachments, ref] };
    paint();
    await putMessage(record).catch(() => {});
    await addChatPictureToGallery({
      blobId: rec.id,
      mime: sniffed,
      prompt: user.text,
      model: model.id,
      conversationId: conv.id,
      messageId: record.id,
      ...size,
    }).catch(() => {});
  };

  try {
    const path = pathMessages();
    const upTo = path.findIndex((m) => m.id === user.id);
    const history = upTo >= 0 ? path.slice(0, upTo + 1) : [...path, user];
    const extra: MessageRecord[] = resume
      ? [
          { ...resume, text: resume.text, attachments: resume.attachments },
          { ...user, id: "continue", parentId: resume.id, text: CONTINUE_PROMPT, attachments: [] },
        ]
      : [];
    const base = requestFor(conv, model);
    const built = await buildHistory([...history, ...extra], {
      systemPrompt: conv.systemPrompt,
      loadPicture,
      overheadBytes: JSON.stringify(base).length,
    });
    await streamChat({ ...base, messages: built.messages }, controller.signal, { onEvent });
    if (!finished) record = { ...record, status: "incomplete", finishReason: "incomplete" };
  } catch (err) {
    const error = (err as ApiError).info ?? { code: "internal", message: err instanceof Error ? err.message : "Something went wrong.", retryable: true };
    if (error.code === "aborted" || controller.signal.aborted) record = { ...record, status: "stopped", finishReason: "stopped" };
    else record = { ...record, status: "error", finishReason: "error", error, errorAt: Date.now(), errorMessage: error.message };
  } finally {
    await Promise.allSettled(pictureJobs);
    clearTimeout(paintTimer);
    if (live === controller) {
      live = null;
      liveAnswer = null;
    }
    if (here()) patchMessage(record.id, record);
    if (state().streamingId === record.id) useChatThread.setState({ streamingId: null, announcement: announcementFor(record) });
    await saving;
    await putMessage(record).catch(() => {});
    void updateConversation(conv.id, { updatedAt: Date.now() }).then(() => useChatList.getState().refresh());
  }
}

/** D-1: with the browser's storage full the chat goes on in this tab; write() has already raised the banner. */
async function unlessStorageFull(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (err) {
    if (!(err instanceof Error && err.name === "StorageQuotaError")) throw err;
  }
}

function announcementFor(m: MessageRecord): string {
  if (m.status === "error") return "Answer failed";
  if (m.status === "stopped") return "Answer stopped";
  if (m.status === "incomplete") return "Answer incomplete";
  return "Answer finished";
}

async function pictureSize(blob: Blob): Promise<{ width?: number; height?: number }> {
  try {
    const bitmap = await createImageBitmap(blob);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return {};
  }
}

