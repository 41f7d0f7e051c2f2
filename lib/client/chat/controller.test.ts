import "fake-indexeddb/auto";
import { beforeEach, describe, expect, it } from "vitest";
import { openStudioDB, type MessageRecord } from "@/lib/client/db";
import { useChatThread } from "@/lib/stores/chat-thread-store";
import { deleteMessage, openConversation, startNewChat } from "./controller";
import { putConversation, newConversation } from "./storage";

const msg = (conversationId: string, i: number, extra: Partial<MessageRecord> = {}): MessageRecord => ({
  id: `${conversationId}-${String(i).padStart(4, "0")}`,
  conversationId,
  parentId: i === 0 ? null : `${conversationId}-${String(i - 1).padStart(4, "0")}`,
  role: i % 2 ? "assistant" : "user",
  text: `turn ${i}`,
  attachments: [],
  createdAt: 1000 + i,
  status: "done",
  ...extra,
});

async function seed(conversationId: string, count: number, corrupt: Record<number, unknown> = {}) {
  await putConversation(newConversation({ id: conversationId, title: conversationId }));
  const db = await openStudioDB();
  const tx = db.transaction("messages", "readwrite");
  for (let i = 0; i < count; i++) await tx.store.put((corrupt[i] ?? msg(conversationId, i)) as MessageRecord);
  await tx.done;
}

const shown = () => {
  const s = useChatThread.getState();
  return s.pathIds.map((id) => s.messages[id]?.text);
};
const settled = () => new Promise((r) => setTimeout(r, 400));

beforeEach(async () => {
  startNewChat();
  const db = await openStudioDB();
  await db.clear("conversations");
  await db.clear("messages");
});

describe("opening a conversation", () => {
  it("shows a long thread's newest turns first, then the whole thread", async () => {
    await seed("long", 300);
    await openConversation("long");
    const first = shown();
    expect(first.at(-1)).toBe("turn 299");
    expect(first.length).toBeLessThan(300);
    await settled();
    expect(shown()).toEqual(Array.from({ length: 300 }, (_, i) => `turn ${i}`));
  });

  it("waits for the whole thread before deleting, so replies on every branch go too", async () => {
    await seed("del", 100);
    await openConversation("del");
    const s = useChatThread.getState();
    // Delete from turn 50 on while only the tail is on screen.
    await deleteMessage({ ...s.messages[s.pathIds.at(-1)!]!, ...msg("del", 50) });
    expect(shown()).toEqual(Array.from({ length: 50 }, (_, i) => `turn ${i}`));
    const db = await openStudioDB();
    expect(await db.countFromIndex("messages", "byConversation", "del")).toBe(50);
  });

  it("D-6: a corrupt message record does not stop the thread from loading", async () => {
    await seed("c6", 60, { 30: { id: "c6-0030", conversationId: "c6", parentId: "c6-0029", role: "user", text: 7, createdAt: 1030 } });
    await openConversation("c6");
    await settled();
    // The thread up to the corrupt turn is the shown path (its children lost their parent on screen), nothing crashed,
    // and the record is still stored.
    expect(shown()[0]).toBe("turn 0");
    expect(Object.keys(useChatThread.getState().messages)).toHaveLength(59);
    expect(await (await openStudioDB()).get("messages", "c6-0030")).toMatchObject({ text: 7 });
  });
});
