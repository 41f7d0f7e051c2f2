/**
 * A full page load of /chat/<id> reads that conversation's newest messages straight from IndexedDB as soon
 * as the page's first script runs: the chat's storage code (idb, the controller) is loaded only after the
 * page has hydrated, and waiting for it put the read after hydration (bench section 3). Plain IndexedDB
 * calls, no library, so the first load stays small; the controller takes the result and checks it (D-6).
 */

/** Messages read before the rest of a conversation (the controller's first read uses the same count). */
export const FIRST_READ = 40;

export type RawFirstRead = { conversation: unknown; recent: unknown[]; all: boolean };

let early: { id: string; at: number; data: Promise<RawFirstRead | null> } | null = null;

function readEarly(id: string): Promise<RawFirstRead | null> {
  return new Promise((resolve) => {
    const req = indexedDB.open("gateway-studio");
    // No database yet: creating it is the app's job (with its schema), so this open is called off.
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
    req.onsuccess = () => {
      const db = req.result;
      // Never hold up a newer tab's upgrade.
      db.onversionchange = () => db.close();
      try {
        const tx = db.transaction(["conversations", "messages"]);
        const messages = tx.objectStore("messages");
        if (!messages.indexNames.contains("byConversationTime")) {
          db.close();
          return resolve(null);
        }
        const conversation = tx.objectStore("conversations").get(id);
        const recent: unknown[] = [];
        const cursor = messages.index("byConversationTime").openCursor(IDBKeyRange.bound([id, -Infinity], [id, Infinity]), "prev");
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return;
          recent.push(c.value);
          if (recent.length < FIRST_READ) c.continue();
        };
        tx.oncomplete = () => {
          db.close();
          resolve({ conversation: conversation.result, recent: recent.reverse(), all: recent.length < FIRST_READ });
        };
        tx.onerror = tx.onabort = () => {
          db.close();
          resolve(null);
        };
      } catch {
        db.close();
        resolve(null);
      }
    };
  });
}

/** The saved conversation this page load opened (`/chat/<id>`), read once from the URL; null for any other page. */
export const conversationOnLoad: string | null = (() => {
  if (typeof window === "undefined") return null;
  const m = /^\/chat\/([^/?#]+)/.exec(window.location.pathname);
  try {
    return m?.[1] ? decodeURIComponent(m[1]) : null;
  } catch {
    return null; // a malformed URL: the page says the conversation is not here
  }
})();

// Starts the read when the page is a saved conversation's. Runs once, when this module is first loaded.
if (conversationOnLoad && typeof indexedDB !== "undefined") {
  early = { id: conversationOnLoad, at: Date.now(), data: readEarly(conversationOnLoad).catch(() => null) };
}

/** The page-load read of conversation `id`, once; null when there is none (or it is too old to trust). */
export function takeEarlyRead(id: string): Promise<RawFirstRead | null> | null {
  const e = early;
  early = null;
  // A write from another tab after the read would be missed; the page's own hydration takes well under this.
  return e?.id === id && Date.now() - e.at < 10_000 ? e.data : null;
}
