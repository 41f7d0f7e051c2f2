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
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open("gateway-studio");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction(["blobs", "gallery"], "readwrite");
    const blob = new Blob([new Uint8Array(bytes)], { type: "image/png" });
    tx.objectStore("blobs").put({ id: blobId, blob, mime: "image/png", bytes: blob.size, createdAt: Date.now() });
    tx.objectStore("gallery").put({ ...record, blobId, mime: "image/png", createdAt: Date.now() });
    await new Promise((r) => (tx.oncomplete = r));
    db.close();
  }, picture);
}
