"use client";
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from "idb";
import type { AppError, FinishReason, Segment, Usage } from "@/lib/schemas";
import { emitStorageEvent, setMemoryOnly } from "./storage-status";

/**
 * The browser's store: one IndexedDB database, one record per message, pictures and audio as Blobs
 * (never base64 in localStorage). Bump DB_VERSION and append to MIGRATIONS to change the schema;
 * every earlier version must keep a fixture and a migration test.
 */
export const DB_NAME = "gateway-studio";
export const DB_VERSION = 2;

export type ConversationRecord = {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  pinned: boolean;
  model?: string;
  systemPrompt?: string;
  temperature?: number;
  maxTokens?: number;
  /** Which version (branch) is shown under each parent: parent id (or "root") → child id. */
  branches?: Record<string, string>;
};

/** A picture or attachment in a message; the bytes live in `blobs` under `blobId`. */
export type AttachmentRef = { blobId: string; mime: string; name?: string; width?: number; height?: number; bytes: number };

export type MessageRecord = {
  id: string;
  conversationId: string;
  /** The message this one answers or follows; siblings with the same parent are versions (branches). */
  parentId: string | null;
  role: "user" | "assistant" | "system";
  text: string;
  reasoning?: string;
  attachments: AttachmentRef[];
  createdAt: number;
  /** streaming: still arriving (or the tab died mid-answer); done; stopped; error; incomplete. */
  status: "streaming" | "done" | "stopped" | "error" | "incomplete";
  finishReason?: FinishReason;
  finishNote?: string;
  errorMessage?: string;
  /** The whole error, so the UI can show the gateway's message, request id and Retry-After. */
  error?: AppError;
  /** When the error happened, for the Retry-After countdown. */
  errorAt?: number;
  /** Pictures the gateway linked to but we could not fetch. */
  imageNotices?: string[];
  usage?: Usage;
  model?: string;
};

export type BlobRecord = { id: string; blob: Blob; mime: string; bytes: number; createdAt: number };

export type GalleryRecord = {
  id: string;
  blobId: string;
  mime: string;
  prompt: string;
  revisedPrompt?: string;
  model: string;
  size?: string;
  quality?: string;
  width?: number;
  height?: number;
  createdAt: number;
  source: "images" | "chat";
  conversationId?: string;
  messageId?: string;
  /** A small preview (in `blobs`) so a grid of hundreds stays light; absent on older or chat records. */
  thumbBlobId?: string;
  /** Set when the gateway only gave a link that could not be fetched: no bytes kept. */
  notice?: string;
  url?: string;
};

export type TranscriptRecord = {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  text: string;
  segments?: Segment[];
  language?: string;
  model: string;
  duration?: number;
  audioBlobId?: string;
  audioName?: string;
};

export interface StudioSchema extends DBSchema {
  conversations: { key: string; value: ConversationRecord; indexes: { byUpdated: number } };
  /** byConversationTime (v2): one conversation's messages in time order, so opening one reads its newest turns first. */
  messages: { key: string; value: MessageRecord; indexes: { byConversation: string; byConversationTime: [string, number] } };
  blobs: { key: string; value: BlobRecord };
  gallery: { key: string; value: GalleryRecord; indexes: { byCreated: number; byConversation: string } };
  transcripts: { key: string; value: TranscriptRecord; indexes: { byCreated: number } };
}

export type StudioDB = IDBPDatabase<StudioSchema>;
export type StoreName = "conversations" | "messages" | "blobs" | "gallery" | "transcripts";
export const STORE_NAMES: StoreName[] = ["conversations", "messages", "blobs", "gallery", "transcripts"];

type UpgradeTransaction = IDBPTransaction<StudioSchema, StoreName[], "versionchange">;
/** `tx` is the upgrade transaction: what a migration uses to change a store that already exists. */
type Migration = (db: StudioDB, tx: UpgradeTransaction) => void;

/** MIGRATIONS[v - 1] takes the database from version v - 1 to v. */
export const MIGRATIONS: Migration[] = [
  (db) => {
    db.createObjectStore("conversations", { keyPath: "id" }).createIndex("byUpdated", "updatedAt");
    db.createObjectStore("messages", { keyPath: "id" }).createIndex("byConversation", "conversationId");
    db.createObjectStore("blobs", { keyPath: "id" });
    const gallery = db.createObjectStore("gallery", { keyPath: "id" });
    gallery.createIndex("byCreated", "createdAt");
    gallery.createIndex("byConversation", "conversationId");
    db.createObjectStore("transcripts", { keyPath: "id" }).createIndex("byCreated", "createdAt");
  },
  (_db, tx) => {
    tx.objectStore("messages").createIndex("byConversationTime", ["conversationId", "createdAt"]);
  },
];

export class StorageQuotaError extends Error {
  constructor() {
    super("The browser refused to store more: its storage for this site is full. Nothing was deleted; export your data or free space.");
    this.name = "StorageQuotaError";
  }
}

export function isQuotaError(err: unknown): boolean {
  return err instanceof DOMException && (err.name === "QuotaExceededError" || err.name === "NS_ERROR_DOM_QUOTA_REACHED");
}

async function indexedDbFactory(): Promise<IDBFactory> {
  try {
    if (typeof indexedDB !== "undefined" && indexedDB) {
      // Some private modes expose indexedDB but refuse to open it; probe before trusting it.
      await new Promise<void>((resolve, reject) => {
        const req = indexedDB.open("gs-probe");
        req.onsuccess = () => {
          req.result.close();
          resolve();
        };
        req.onerror = () => reject(req.error);
      });
      return indexedDB;
    }
  } catch {
    // fall through to memory
  }
  setMemoryOnly();
  // idb recognises requests and cursors by `instanceof IDBRequest` etc., so the in-memory classes must become
  // the globals too (D-8); otherwise every await on a store call fails.
  await import("fake-indexeddb/auto");
  return globalThis.indexedDB;
}

let dbPromise: Promise<StudioDB> | null = null;

export function openStudioDB(name = DB_NAME, version = DB_VERSION): Promise<StudioDB> {
  if (name === DB_NAME && dbPromise) return dbPromise;
  const p = (async () => {
    const factory = await indexedDbFactory();
    const g = globalThis as { indexedDB?: IDBFactory };
    const saved = g.indexedDB;
    // idb opens through the global factory; point it at the chosen one for this call only.
    if (factory !== saved) g.indexedDB = factory;
    try {
      const db = await openDB<StudioSchema>(name, version, {
        upgrade(db, oldVersion, newVersion, tx) {
          for (let v = oldVersion; v < (newVersion ?? version); v++) MIGRATIONS[v]?.(db, tx as UpgradeTransaction);
        },
        blocking() {
          // A newer tab wants to upgrade: let it, and tell this tab to reload.
          db.close();
          if (name === DB_NAME) dbPromise = null;
          emitStorageEvent("version-change");
        },
      });
      return db;
    } finally {
      if (factory !== saved) g.indexedDB = saved;
    }
  })();
  if (name === DB_NAME) {
    dbPromise = p;
    p.catch(() => {
      dbPromise = null;
    });
  }
  return p;
}

/** Runs a write; a quota failure becomes StorageQuotaError (and a banner), never a deletion. */
export async function write<T>(fn: (db: StudioDB) => Promise<T>): Promise<T> {
  const db = await openStudioDB();
  try {
    return await fn(db);
  } catch (err) {
    if (isQuotaError(err) || (err instanceof Error && isQuotaError((err as { cause?: unknown }).cause))) {
      emitStorageEvent("quota");
      throw new StorageQuotaError();
    }
    throw err;
  }
}

export async function putBlob(blob: Blob, id = newId()): Promise<BlobRecord> {
  const rec: BlobRecord = { id, blob, mime: blob.type, bytes: blob.size, createdAt: Date.now() };
  await write((db) => db.put("blobs", rec));
  return rec;
}

export async function getBlob(id: string): Promise<Blob | undefined> {
  const db = await openStudioDB();
  return (await db.get("blobs", id))?.blob;
}

export function newId(): string {
  return crypto.randomUUID();
}

/** Tells other tabs that records changed, so they re-read instead of overwriting (D-5). */
const channel = typeof BroadcastChannel !== "undefined" ? new BroadcastChannel("gs-db") : null;
export type ChangeEvent = { store: StoreName; ids: string[] };
export function announceChange(event: ChangeEvent) {
  channel?.postMessage(event);
}
export function onOtherTabChange(fn: (e: ChangeEvent) => void): () => void {
  if (!channel) return () => {};
  const handler = (e: MessageEvent<ChangeEvent>) => fn(e.data);
  channel.addEventListener("message", handler);
  return () => channel.removeEventListener("message", handler);
}
