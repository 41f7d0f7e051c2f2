import type { Page } from "@playwright/test";

export type StorageDump = {
  localStorage: Record<string, string>;
  sessionStorage: Record<string, string>;
  /** Every record of every store of every IndexedDB database; Blobs as `{blob: {type, size, sha256, base64?}}`. */
  indexedDB: Record<string, Record<string, unknown[]>>;
};

/**
 * Everything this origin keeps in the browser, as JSON. With `withBytes`, blobs are included as base64 so a leak
 * scan can search inside them; otherwise as a digest, for comparing two dumps.
 */
export async function dumpBrowserStorage(page: Page, { withBytes = false } = {}): Promise<StorageDump> {
  return page.evaluate(async (withBytes) => {
    const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
    const b64 = (buf: ArrayBuffer) => {
      let s = "";
      const bytes = new Uint8Array(buf);
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    };
    const plain = async (value: unknown, depth = 0): Promise<unknown> => {
      if (value instanceof Blob) {
        const buf = await value.arrayBuffer();
        return { type: value.type, size: value.size, sha256: hex(await crypto.subtle.digest("SHA-256", buf)), ...(withBytes ? { base64: b64(buf) } : {}) };
      }
      if (depth > 8 || value === null || typeof value !== "object") return value;
      if (Array.isArray(value)) return Promise.all(value.map((v) => plain(v, depth + 1)));
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort()) out[key] = await plain((value as Record<string, unknown>)[key], depth + 1);
      return out;
    };
    const read = (store: Storage) => Object.fromEntries(Object.keys(store).sort().map((k) => [k, store.getItem(k) ?? ""]));
    const indexedDB: Record<string, Record<string, unknown[]>> = {};
    const dbs = typeof window.indexedDB?.databases === "function" ? await window.indexedDB.databases() : [];
    for (const { name } of dbs) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = window.indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const stores: Record<string, unknown[]> = {};
      for (const store of [...db.objectStoreNames].sort()) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        stores[store] = (await plain(rows)) as unknown[];
      }
      db.close();
      indexedDB[name] = stores;
    }
    return { localStorage: read(window.localStorage), sessionStorage: read(window.sessionStorage), indexedDB };
  }, withBytes);
}
