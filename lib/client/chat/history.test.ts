import { describe, expect, it } from "vitest";
import type { AttachmentRef, MessageRecord } from "@/lib/client/db";
import { LIMITS, type ChatMessage } from "@/lib/schemas";
import { buildHistory, OMITTED_PICTURE_NOTE, omittedPictureIds, planHistory } from "./history";

let t = 0;
function msg(role: "user" | "assistant", text: string, pictures: string[] = [], extra: Partial<MessageRecord> = {}): MessageRecord {
  t++;
  return {
    id: `m${t}`,
    conversationId: "c",
    parentId: null,
    role,
    text,
    attachments: pictures.map((id): AttachmentRef => ({ blobId: id, mime: "image/png", bytes: 100 })),
    createdAt: t,
    status: "done",
    ...extra,
  };
}
const loadPicture = async (ref: AttachmentRef) => `data:image/png;base64,${ref.blobId.replace(/[^A-Za-z0-9]/g, "")}AAAA`;
const images = (messages: ChatMessage[]) =>
  messages.flatMap((m) => (typeof m.content === "string" ? [] : m.content.filter((p) => p.type === "image_url")));

describe("history builder", () => {
  it("sends the whole text history with the system prompt first", async () => {
    const path = [msg("user", "one"), msg("assistant", "a1"), msg("user", "two"), msg("assistant", "a2"), msg("user", "three")];
    const built = await buildHistory(path, { systemPrompt: "Be brief.", loadPicture });
    expect(built.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "one" },
      { role: "assistant", content: "a1" },
      { role: "user", content: "two" },
      { role: "assistant", content: "a2" },
      { role: "user", content: "three" },
    ]);
    expect(built.droppedTurns).toBe(0);
  });

  it("keeps only the latest picture; older ones become a note (the watercolor loop)", async () => {
    const path = [
      msg("user", "make it watercolor", ["photo"]),
      msg("assistant", "Here it is", ["water1"]),
      msg("user", "now at night"),
      msg("assistant", "Night", ["night1"]),
      msg("user", "add stars"),
    ];
    const built = await buildHistory(path, { loadPicture });
    expect(images(built.messages)).toHaveLength(1);
    expect(images(built.messages)[0]).toMatchObject({ image_url: { url: expect.stringContaining("night1") } });
    expect(built.omittedPictures).toBe(2);
    expect(JSON.stringify(built.messages[0])).toContain(OMITTED_PICTURE_NOTE);
    expect(omittedPictureIds(path)).toEqual(new Set([path[0]!.id, path[1]!.id]));
  });

  it("sends the user's newly attached picture rather than the previous answer's", async () => {
    const path = [msg("user", "draw a cat"), msg("assistant", "cat", ["cat"]), msg("user", "edit this one", ["edited"])];
    const built = await buildHistory(path, { loadPicture });
    const last = built.messages.at(-1)!;
    expect(last.role).toBe("user");
    expect(last.content).toEqual([
      { type: "text", text: "edit this one" },
      { type: "image_url", image_url: { url: expect.stringContaining("edited") } },
    ]);
    expect(images(built.messages)).toHaveLength(1);
  });

  it("skips failed answers that produced nothing, but keeps partial text", () => {
    const path = [
      msg("user", "hi"),
      msg("assistant", "", [], { status: "error" }),
      msg("user", "again"),
      msg("assistant", "half an ans", [], { status: "stopped" }),
      msg("user", "go on"),
    ];
    expect(planHistory(path).map((p) => p.text)).toEqual(["hi", "again", "half an ans", "go on"]);
  });

  it("stays under the body limit by dropping pictures first, then the oldest turns", async () => {
    const big = "A".repeat(4000);
    const path = [msg("user", "x".repeat(3000)), msg("assistant", "y".repeat(3000)), msg("user", "look", ["p1"])];
    const built = await buildHistory(path, { loadPicture: async () => `data:image/png;base64,${big}`, maxBodyBytes: 12_000 });
    expect(images(built.messages)).toHaveLength(0);
    expect(built.omittedPictures).toBe(1);
    expect(JSON.stringify(built.messages).length).toBeLessThan(12_000);
    const tighter = await buildHistory(path, { loadPicture, maxBodyBytes: 9_000 });
    expect(tighter.droppedTurns).toBeGreaterThan(0);
    expect(tighter.messages.at(-1)).toMatchObject({ role: "user" });
  });

  it("respects the message-count limit", async () => {
    const path = Array.from({ length: LIMITS.chatMessages + 20 }, (_, i) => msg(i % 2 ? "assistant" : "user", `m${i}`));
    const built = await buildHistory(path, { systemPrompt: "s", loadPicture });
    expect(built.messages.length).toBeLessThanOrEqual(LIMITS.chatMessages);
    expect(built.messages[0]).toEqual({ role: "system", content: "s" });
    expect(built.messages.at(-1)).toEqual({ role: "assistant", content: `m${LIMITS.chatMessages + 19}` });
  });
});
