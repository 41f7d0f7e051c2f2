import type { ConversationRecord, GalleryRecord, MessageRecord, StoreName, TranscriptRecord } from "@/lib/client/db";
import { reportCorrupt } from "@/lib/client/storage-status";
import { isObj, isStr } from "@/lib/client/wire";

/**
 * Shape checks for what comes back out of IndexedDB (D-6). A record another version, an extension or a
 * half-finished import wrote can be anything; one bad record must not break the list it is in. Like
 * lib/client/wire.ts, these check only the fields the app relies on, without zod in the browser bundle.
 */
const isNum = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
const optional = (x: unknown, check: (v: unknown) => boolean) => x === undefined || check(x);
const isStrMap = (x: unknown) => isObj(x) && Object.values(x).every(isStr);
const isStrList = (x: unknown) => Array.isArray(x) && x.every(isStr);

const ROLES = new Set(["user", "assistant", "system"]);
const STATUSES = new Set(["streaming", "done", "stopped", "error", "incomplete"]);

const isAttachment = (x: unknown) => isObj(x) && isStr(x.blobId) && isStr(x.mime) && isNum(x.bytes);

export function isConversationRecord(x: unknown): x is ConversationRecord {
  return (
    isObj(x) &&
    isStr(x.id) &&
    isStr(x.title) &&
    isNum(x.createdAt) &&
    isNum(x.updatedAt) &&
    typeof x.pinned === "boolean" &&
    optional(x.model, isStr) &&
    optional(x.systemPrompt, isStr) &&
    optional(x.temperature, isNum) &&
    optional(x.maxTokens, isNum) &&
    optional(x.branches, isStrMap)
  );
}

export function isMessageRecord(x: unknown): x is MessageRecord {
  return (
    isObj(x) &&
    isStr(x.id) &&
    isStr(x.conversationId) &&
    (x.parentId === null || isStr(x.parentId)) &&
    isStr(x.role) &&
    ROLES.has(x.role) &&
    isStr(x.text) &&
    optional(x.reasoning, isStr) &&
    Array.isArray(x.attachments) &&
    x.attachments.every(isAttachment) &&
    isNum(x.createdAt) &&
    isStr(x.status) &&
    STATUSES.has(x.status) &&
    optional(x.error, (e) => isObj(e) && isStr(e.code) && isStr(e.message)) &&
    optional(x.imageNotices, isStrList) &&
    optional(x.usage, isObj) &&
    optional(x.model, isStr)
  );
}

export function isGalleryRecord(x: unknown): x is GalleryRecord {
  return (
    isObj(x) &&
    isStr(x.id) &&
    isStr(x.blobId) &&
    isStr(x.mime) &&
    isStr(x.prompt) &&
    isStr(x.model) &&
    isNum(x.createdAt) &&
    (x.source === "images" || x.source === "chat") &&
    optional(x.thumbBlobId, isStr) &&
    optional(x.width, isNum) &&
    optional(x.height, isNum)
  );
}

export function isTranscriptRecord(x: unknown): x is TranscriptRecord {
  return (
    isObj(x) &&
    isStr(x.id) &&
    isStr(x.title) &&
    isNum(x.createdAt) &&
    isNum(x.updatedAt) &&
    isStr(x.text) &&
    isStr(x.model) &&
    optional(x.segments, (s) => Array.isArray(s) && s.every((seg) => isObj(seg) && isNum(seg.start) && isNum(seg.end) && isStr(seg.text))) &&
    optional(x.audioBlobId, isStr)
  );
}

/**
 * The records that pass `check`; the others are reported (a count for the storage banner) and skipped.
 * Nothing is deleted or rewritten: the bad record stays in the database, in backups, for a later version
 * or a person to look at.
 */
export function keepValid<T>(store: StoreName, records: readonly unknown[], check: (x: unknown) => x is T): T[] {
  const good: T[] = [];
  const bad: unknown[] = [];
  for (const r of records) (check(r) ? good : bad).push(r);
  if (bad.length) reportCorrupt(store, bad);
  return good;
}

/** One record read by key: itself when sound, otherwise reported and treated as absent. */
export function validOrNothing<T>(store: StoreName, record: unknown, check: (x: unknown) => x is T): T | undefined {
  if (record === undefined) return undefined;
  return keepValid(store, [record], check)[0];
}
