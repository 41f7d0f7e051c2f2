// @vitest-environment jsdom
import { act, render, screen } from "@testing-library/react";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { ConversationRecord, MessageRecord } from "@/lib/client/db";
import { setThreadMessages, useChatThread } from "@/lib/stores/chat-thread-store";
import { Thread } from "./thread";

// Before the modules load: the model picker's module asks for the model list as it is evaluated.
await vi.hoisted(async () => {
  const { stubThreadEnvironment } = await import("./thread-test-env");
  stubThreadEnvironment();
});
afterAll(() => vi.unstubAllGlobals());

describe("an answer's meta line", () => {
  it("is one unit, token counts then the model, so a narrow screen wraps it whole", async () => {
    const conversation: ConversationRecord = { id: "c-meta", title: "Meta", createdAt: 1, updatedAt: 1, pinned: false };
    const base = { conversationId: conversation.id, attachments: [], status: "done" as const };
    const messages: Record<string, MessageRecord> = {
      q: { ...base, id: "q", parentId: null, role: "user", text: "Hello?", createdAt: 1 },
      a: {
        ...base, id: "a", parentId: "q", role: "assistant", text: "Hi.", createdAt: 2, model: "vendor/some-model",
        usage: { promptTokens: 17, completionTokens: 116, totalTokens: 133 },
      },
    };
    act(() => {
      setThreadMessages(messages, conversation);
      useChatThread.setState({ persisted: true, streamingId: null });
    });
    render(<Thread empty={null} />);
    const counts = await screen.findByText(/116 out tokens/);
    // Before, the model was a sibling of the counts starting with its own "·", left alone at a line's start.
    const unit = counts.parentElement!;
    expect(unit.textContent).toBe("17 in · 116 out tokens · vendor/some-model");
    expect(unit.className).toContain("truncate");
  });
});
