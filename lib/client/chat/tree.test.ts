import { describe, expect, it } from "vitest";
import type { MessageRecord } from "@/lib/client/db";
import { ROOT, activePath, childrenByParent, subtree, versionsOf } from "./tree";

const m = (id: string, parentId: string | null, createdAt: number): MessageRecord => ({
  id,
  conversationId: "c",
  parentId,
  role: parentId === null || id.startsWith("u") ? "user" : "assistant",
  text: id,
  attachments: [],
  createdAt,
  status: "done",
});

// u1 → a1 → u2 → a2, with a regenerated a2b and an edited u1b → a1c.
const all = [m("u1", null, 1), m("a1", "u1", 2), m("u2", "a1", 3), m("a2", "u2", 4), m("a2b", "u2", 5), m("u1b", null, 6), m("a1c", "u1b", 7)];

describe("branches", () => {
  it("shows the newest version at each level by default", () => {
    expect(activePath(all).map((x) => x.id)).toEqual(["u1b", "a1c"]);
  });
  it("follows chosen versions", () => {
    expect(activePath(all, { [ROOT]: "u1" }).map((x) => x.id)).toEqual(["u1", "a1", "u2", "a2b"]);
    expect(activePath(all, { [ROOT]: "u1", u2: "a2" }).map((x) => x.id)).toEqual(["u1", "a1", "u2", "a2"]);
  });
  it("counts versions of a turn (‹ 1/2 ›)", () => {
    const children = childrenByParent(all);
    expect(versionsOf(all[3]!, children)).toMatchObject({ index: 0, count: 2 });
    expect(versionsOf(all[5]!, children)).toMatchObject({ index: 1, count: 2 });
  });
  it("finds everything under a message", () => {
    const children = childrenByParent(all);
    const byId = new Map(all.map((x) => [x.id, x]));
    expect(subtree("a1", children, byId).map((x) => x.id).sort()).toEqual(["a1", "a2", "a2b", "u2"]);
  });
});
