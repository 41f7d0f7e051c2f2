// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { setChatHandoff, takeChatHandoff } from "./handoff";

describe("chat handoff", () => {
  it("is taken once", () => {
    setChatHandoff({ text: "hi", attachments: [{ blobId: "b", mime: "image/png", bytes: 3 }] });
    expect(takeChatHandoff()).toEqual({ text: "hi", attachments: [{ blobId: "b", mime: "image/png", bytes: 3 }] });
    expect(takeChatHandoff()).toBeNull();
  });
  it("ignores garbage", () => {
    sessionStorage.setItem("gs-chat-handoff", "{not json");
    expect(takeChatHandoff()).toBeNull();
  });
});
