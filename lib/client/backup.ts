"use client";
import { DB_VERSION, STORE_NAMES, announceChange, openStudioDB, write, type StoreName } from "./db";

/**
 * Export everything, clear, import (D-7). The file is one JSON document laid out one record per line:
 *
 *   {"format":"gateway-studio-backup","version":1,"schema":1,"exportedAt":"…","records":[
 *   {"store":"conversations","value":{…}},
 *   {"store":"blobs","value":{"id":"…","blob":{"$blob":"<base64>","type":"image/png"},…}},
 *   {"end":true}]}
 *
 * so export builds it record by record (never one giant string) and import reads it line by line from a stream
 * (never the whole file in memory). Pictures and audio travel as base64 of their exact bytes. The person's own key
 * (localStorage) is deliberately not part of a backup.
 */
export const BACKUP_FORMAT = "gateway-studio-backup";
export const BACKUP_VERSION = 1;

type Header = { format: string; version: number; schema: number; exportedAt: string };
type Line = { store: StoreName; value: Record<string, unknown> };
type EncodedBlob = { $blob: string; type: string };

export type ImportResult = { imported: number; skipped: number };

export class BackupFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupFormatError";
  }
}

// A multiple of 3, so every chunk's base64 concatenates without padding in the middle.
const B64_CHUNK = 3 * 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += B64_CHUNK) {
    out += btoa(String.fromCharCode(...bytes.subarray(i, i + B64_CHUNK)));
  }
  return out;
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

/** Blobs anywhere in a record (today: BlobRecord.blob) become `{$blob, type}`; everything else is kept as is. */
async function encodeValue(value: unknown, depth = 0): Promise<unknown> {
  if (value instanceof Blob) return { $blob: bytesToBase64(await blobBytes(value)), type: value.type } satisfies EncodedBlob;
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return Promise.all(value.map((v) => encodeValue(v, depth + 1)));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = await encodeValue(v, depth + 1);
  return out;
}

function isEncodedBlob(value: unknown): value is EncodedBlob {
  return !!value && typeof value === "object" && typeof (value as EncodedBlob).$blob === "string" && Object.keys(value).length === 2;
}

function decodeValue(value: unknown, depth = 0): unknown {
  if (isEncodedBlob(value)) return new Blob([base64ToBytes(value.$blob)], { type: value.type });
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => decodeValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeValue(v, depth + 1)]));
}

/** Every record of every store, as one JSON file (a Blob built from per-record parts). */
export async function exportBackup(now = new Date()): Promise<Blob> {
  const db = await openStudioDB();
  const header: Header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, schema: DB_VERSION, exportedAt: now.toISOString() };
  const parts: string[] = [`${JSON.stringify(header).slice(0, -1)},"records":[\n`];
  for (const store of STORE_NAMES) {
    // Key by key, so a big gallery is read and encoded one record at a time.
    const keys = (await db.getAllKeys(store)) as string[];
    for (const key of keys) {
      const value = await db.get(store, key);
      if (value === undefined) continue;
      parts.push(`${JSON.stringify({ store, value: await encodeValue(value) })},\n`);
    }
  }
  parts.push(`${JSON.stringify({ end: true })}]}\n`);
  return new Blob(parts, { type: "application/json" });
}

export function backupFileName(now = new Date()): string {
  return `gateway-studio-backup-${now.toISOString().slice(0, 10)}.json`;
}

function decodeText(decoder: TextDecoder, chunk?: Uint8Array): string {
  try {
    return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
  } catch {
    throw new BackupFormatError("This file is not a Gateway Studio backup (it is not text).");
  }
}

/** Lines of a text stream, without holding more than one line (plus a read chunk) at a time. */
async function* lines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = stream.getReader();
  // stream: true keeps a multi-byte character split across two reads whole.
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let rest = "";
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    rest += decodeText(decoder, chunk);
    let nl: number;
    while ((nl = rest.indexOf("\n")) >= 0) {
      yield rest.slice(0, nl);
      rest = rest.slice(nl + 1);
    }
  }
  rest += decodeText(decoder);
  if (rest.trim()) yield rest;
}

function parseHeader(line: string): Header {
  let header: Header;
  try {
    header = JSON.parse(`${line.trim().replace(/,"records":\[$/, "")}}`) as Header;
  } catch {
    throw new BackupFormatError("This file is not a Gateway Studio backup (it does not start like one).");
  }
  if (header.format !== BACKUP_FORMAT) throw new BackupFormatError("This file is not a Gateway Studio backup.");
  if (header.version > BACKUP_VERSION || header.schema > DB_VERSION) {
    throw new BackupFormatError("This backup was made by a newer version of Gateway Studio. Update this one, then import it.");
  }
  return header;
}

function parseLine(line: string): Line | "end" | null {
  const text = line.trim().replace(/,$/, "").replace(/\]\}$/, "");
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as { store?: unknown; value?: unknown; end?: unknown };
    if (parsed.end === true) return "end";
    if (!STORE_NAMES.includes(parsed.store as StoreName)) return null;
    const value = parsed.value as Record<string, unknown> | undefined;
    if (!value || typeof value !== "object" || typeof value.id !== "string" || !value.id) return null;
    return { store: parsed.store as StoreName, value: decodeValue(value) as Record<string, unknown> };
  } catch {
    return null;
  }
}

const BATCH_RECORDS = 100;
const BATCH_BYTES = 16 * 1024 * 1024;

/**
 * Reads a backup and writes its records (same ids are overwritten; nothing else is deleted). A record that does
 * not parse is skipped and counted, never fatal. Quota errors surface as StorageQuotaError, with what was already
 * written kept.
 */
export async function importBackup(file: Blob, onProgress?: (done: number) => void): Promise<ImportResult> {
  let header: Header | null = null;
  let ended = false;
  let imported = 0;
  let skipped = 0;
  let batch: Line[] = [];
  let batchBytes = 0;

  const flush = async () => {
    if (!batch.length) return;
    const pending = batch;
    batch = [];
    batchBytes = 0;
    await write(async (db) => {
      const tx = db.transaction(STORE_NAMES, "readwrite");
      await Promise.all([...pending.map((r) => tx.objectStore(r.store).put(r.value as never)), tx.done]);
    });
    imported += pending.length;
    for (const store of STORE_NAMES) {
      const ids = pending.filter((r) => r.store === store).map((r) => r.value.id as string);
      if (ids.length) announceChange({ store, ids });
    }
    onProgress?.(imported);
  };

  for await (const line of lines(file.stream())) {
    if (!header) {
      if (!line.trim()) continue;
      header = parseHeader(line);
      continue;
    }
    if (ended || !line.trim()) continue;
    const record = parseLine(line);
    if (record === "end") {
      ended = true;
      continue;
    }
    if (!record) {
      skipped++;
      continue;
    }
    batch.push(record);
    batchBytes += line.length;
    if (batch.length >= BATCH_RECORDS || batchBytes >= BATCH_BYTES) await flush();
  }
  if (!header) throw new BackupFormatError("This file is empty.");
  await flush();
  if (!ended) throw new BackupFormatError(`The backup file is cut short: ${imported} records were imported, the rest is missing.`);
  return { imported, skipped };
}

/** How many records each store holds. */
export async function countRecords(): Promise<Record<StoreName, number>> {
  const db = await openStudioDB();
  const entries = await Promise.all(STORE_NAMES.map(async (s) => [s, await db.count(s)] as const));
  return Object.fromEntries(entries) as Record<StoreName, number>;
}

/** Deletes every record in every store, and tells other tabs which ones went. */
export async function clearAllData(): Promise<void> {
  const db = await openStudioDB();
  const gone = await Promise.all(STORE_NAMES.map(async (s) => [s, (await db.getAllKeys(s)) as string[]] as const));
  const tx = db.transaction(STORE_NAMES, "readwrite");
  await Promise.all([...STORE_NAMES.map((s) => tx.objectStore(s).clear()), tx.done]);
  for (const [store, ids] of gone) if (ids.length) announceChange({ store, ids });
}
