import type { Page } from "@playwright/test";

export type SeedPicture = {
  id: string;
  blobId: string;
  bytes: number[];
  prompt: string;
  model: string;
  source: "images" | "chat";
  conversationId?: string;
  messageId?: string;
};

/** Writes a gallery picture (blob + gallery record) the way the app stores one, with plain IndexedDB. */
export async function seedGalleryPicture(page: Page, picture: SeedPicture) {
  await page.evaluate(async ({ bytes, blobId, ...record }) => {
    // The app creates its database, with its schema, when the page first reads it. Wait for that: opened here
    // first, an empty version-1 database would be created and the app would find no stores in it.
    const open = () =>
      new Promise<IDBDatabase | null>((resolve) => {
        const req = indexedDB.open("gateway-studio");
        req.onupgradeneeded = () => req.transaction?.abort();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => resolve(null);
      });
    let db: IDBDatabase | null = null;
    for (let i = 0; i < 100 && !db; i++) {
      db = await open();
      if (db && !(db.objectStoreNames.contains("blobs") && db.objectStoreNames.contains("gallery"))) {
        db.close();
        db = null;
      }
      if (!db) await new Promise((r) => setTimeout(r, 100));
    }
    if (!db) throw new Error("the app did not create its database within 10 s");
    const tx = db.transaction(["blobs", "gallery"], "readwrite");
    const blob = new Blob([new Uint8Array(bytes)], { type: "image/png" });
    tx.objectStore("blobs").put({ id: blobId, blob, mime: "image/png", bytes: blob.size, createdAt: Date.now() });
    tx.objectStore("gallery").put({ ...record, blobId, mime: "image/png", createdAt: Date.now() });
    await new Promise((r) => (tx.oncomplete = r));
    db.close();
  }, picture);
}
