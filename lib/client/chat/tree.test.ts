import { describe, expect, it } from "vitest";
import type { MessageRecord } from "@/lib/client/db";
import { ROOT, activePath, childrenByParent, subtree, tailPath, versionsOf } from "./tree";

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

describe("tailPath: the shown thread's end from the newest messages only", () => {
  const chain = (n: number) => Array.from({ length: n }, (_, i) => m(i % 2 ? `a${i}` : `u${i}`, i === 0 ? null : i % 2 ? `u${i - 1}` : `a${i - 1}`, i + 1));

  it("follows a long thread up from its newest message, as far as the recent messages go", () => {
    const thread = chain(100);
    const recent = thread.slice(-10);
    expect(tailPath(recent)?.map((x) => x.id)).toEqual(activePath(thread).slice(-10).map((x) => x.id));
  });

  it("agrees with activePath on a whole conversation with versions", () => {
    expect(tailPath(all)?.map((x) => x.id)).toEqual(activePath(all).map((x) => x.id));
    const choices = { [ROOT]: "u1b" };
    expect(tailPath(all, choices)?.map((x) => x.id)).toEqual(activePath(all, choices).map((x) => x.id));
  });

  it("gives up when the newest message is not the version shown", () => {
    // The reader went back to the first answer a2 after regenerating a2b.
    expect(tailPath(all.slice(2, 5), { [ROOT]: "u1", u1: "a1", a1: "u2", u2: "a2" })).toBeNull();
    // The choice points at a version older than the recent messages: cannot tell.
    expect(tailPath(all.slice(4), { [ROOT]: "u1" })).toBeNull();
  });

  it("accepts a tail that joins the chosen path, and refuses one the choices do not lead to", () => {
    const thread = chain(20);
    const choices: Record<string, string> = {};
    for (const x of thread) choices[x.parentId ?? ROOT] = x.id;
    expect(tailPath(thread.slice(-6), choices)?.map((x) => x.id)).toEqual(thread.slice(-6).map((x) => x.id));
    const other = m("u0x", null, 50);
    expect(tailPath([...thread.slice(-6), other], { ...choices })).toBeNull();
  });
});
