import type { StoreName } from "./db";

/**
 * What the storage banner listens to: storage full, running in memory only, a newer tab upgraded the schema, and
 * records skipped as unreadable. Kept apart from db.ts so the banner, on every page, loads this and not the
 * database code with idb, which the page's own data chunk already carries.
 */

type StorageKind = "quota" | "memory-only" | "version-change";
type StorageListener = (event: { kind: StorageKind }) => void;
const listeners = new Set<StorageListener>();

/** UI banners subscribe here: quota full, running in memory only, a newer tab upgraded the schema. */
export function onStorageEvent(fn: StorageListener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function emitStorageEvent(kind: StorageKind): void {
  for (const fn of listeners) fn({ kind });
}

/** A stored record that failed its shape check on read (D-6): skipped, left as it is in the database. */
export type CorruptRecord = { store: StoreName; id: string };
const corrupt = new Map<string, CorruptRecord>();
const corruptListeners = new Set<(records: CorruptRecord[]) => void>();

/** The storage banner subscribes here: it hears every unreadable record found from then on (see corruptRecords). */
export function onCorruptRecords(fn: (records: CorruptRecord[]) => void): () => void {
  corruptListeners.add(fn);
  return () => corruptListeners.delete(fn);
}

/** Notes records that failed their shape check; listeners hear of those not known yet. */
export function reportCorrupt(store: StoreName, records: readonly unknown[]): void {
  let added = false;
  for (const r of records) {
    const raw = r !== null && typeof r === "object" ? (r as { id?: unknown }).id : undefined;
    const id = typeof raw === "string" || typeof raw === "number" ? String(raw) : "(no id)";
    const key = `${store}\u0000${id}`;
    if (corrupt.has(key)) continue;
    corrupt.set(key, { store, id });
    added = true;
  }
  if (added) for (const fn of corruptListeners) fn(corruptRecords());
}

/** Every record skipped as unreadable in this tab so far. */
export function corruptRecords(): CorruptRecord[] {
  return [...corrupt.values()];
}

let memoryOnly = false;
export const isMemoryOnly = () => memoryOnly;

/** IndexedDB could not be opened: this tab keeps its data in memory only (D-8). */
export function setMemoryOnly(): void {
  memoryOnly = true;
  emitStorageEvent("memory-only");
}
