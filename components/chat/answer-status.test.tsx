// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { render } from "@testing-library/react";
import type { MessageRecord } from "@/lib/client/db";
import { AnswerStatus } from "./answer-status";

const answer = (over: Partial<MessageRecord>) =>
  ({ id: "m1", conversationId: "c1", role: "assistant", text: "Part of an answer", status: "done", createdAt: 1, ...over }) as MessageRecord;
const noop = () => {};
const shown = (message: MessageRecord) =>
  render(<AnswerStatus message={message} interrupted={false} busy={false} onRetry={noop} onContinue={noop} />).container.textContent;

describe("AnswerStatus finish lines", () => {
  it("S-5: an answer cut at this server's time limit says so in the note's words, once, with Continue", () => {
    const note = "The answer reached this server's time limit for one answer (5 min) and was cut here. Continue to carry on from this point.";
    const text = shown(answer({ finishReason: "incomplete", finishNote: note }));
    expect(text).toContain(`Incomplete. ${note}`);
    expect(text).not.toContain("connection ended");
    expect(text).toContain("Continue");
  });

  it("an incomplete answer without a note keeps the generic line", () => {
    expect(shown(answer({ finishReason: "incomplete" }))).toContain("Incomplete: the connection ended before the answer finished.");
  });

  it("other endings keep the generic line and add a note that says more", () => {
    const text = shown(answer({ finishReason: "length", finishNote: "The answer was cut off at the max tokens limit; raise max tokens to get more." }));
    expect(text).toContain("Cut off: the answer reached the max tokens limit.");
    expect(text).toContain("raise max tokens to get more.");
  });
});
