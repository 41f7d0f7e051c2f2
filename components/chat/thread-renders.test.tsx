// @vitest-environment jsdom
import { Profiler, type ComponentProps } from "react";
import { act, render, renderHook, waitFor } from "@testing-library/react";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { ConversationRecord, MessageRecord } from "@/lib/client/db";
import { patchMessage, setThreadMessages, useChatThread } from "@/lib/stores/chat-thread-store";
import { useModels } from "@/lib/client/models";
import { Thread } from "./thread";

// Before the modules load: the model picker's module asks for the model list as it is evaluated.
await vi.hoisted(async () => {
  const { stubThreadEnvironment } = await import("./thread-test-env");
  stubThreadEnvironment([{ id: "gemini-2.5-flash", kind: "chat", provider: "vertex-ai" }]);
});

/** Commits per message id, counted by a Profiler around each turn the thread mounts. */
const commits = new Map<string, number>();

// The thread's own MessageItem, each inside a Profiler keyed by its id: a re-render of a turn is a commit of its subtree.
vi.mock("./message-item", async (importOriginal) => {
  const { MessageItem } = await importOriginal<typeof import("./message-item")>();
  const { memo } = await import("react");
  return {
    MessageItem: memo(function Counted(props: ComponentProps<typeof MessageItem>) {
      return (
        <Profiler id={props.id} onRender={() => commits.set(props.id, (commits.get(props.id) ?? 0) + 1)}>
          <MessageItem {...props} />
        </Profiler>
      );
    }),
  };
});

const CODE = "```ts\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n```";

/** 500 messages (250 turns); every fifth answer carries a code block, 50 in all. The last answer is streaming. */
function longChat(): { conversation: ConversationRecord; messages: Record<string, MessageRecord>; liveId: string } {
  const conversation: ConversationRecord = { id: "c-long", title: "Long", createdAt: 1, updatedAt: 1, pinned: false };
  const messages: Record<string, MessageRecord> = {};
  let parentId: string | null = null;
  for (let i = 0; i < 500; i++) {
    const role = i % 2 === 0 ? "user" : "assistant";
    const id = `m${i}`;
    const answer = (i - 1) / 2;
    const text = role === "user" ? `Question ${i / 2}` : `Answer ${answer}.${answer % 5 === 0 ? `\n\n${CODE}` : ""}`;
    messages[id] = { id, conversationId: conversation.id, parentId, role, text, attachments: [], createdAt: i, status: i === 499 ? "streaming" : "done" };
    parentId = id;
  }
  messages.m499!.text = "The live answer starts";
  return { conversation, messages, liveId: "m499" };
}

afterAll(() => vi.unstubAllGlobals());

describe("M-1 a 500-message chat with 50 code blocks while an answer streams", () => {
  it("re-renders only the live message (React Profiler commit count per turn)", async () => {
    const { conversation, messages, liveId } = longChat();
    act(() => {
      setThreadMessages(messages, conversation);
      useChatThread.setState({ persisted: true, streamingId: liveId });
    });
    const { container } = render(<Thread empty={null} />);
    // Let the lazily loaded markdown and code highlighting, and the model list, arrive before counting.
    await waitFor(() => expect(container.querySelector("pre code.hljs")).not.toBeNull(), { timeout: 10_000 });
    const models = renderHook(() => useModels());
    await waitFor(() => expect(models.result.current.data).toHaveLength(1), { timeout: 10_000 });
    await act(async () => {});
    const mounted = [...commits.keys()];
    expect(mounted).toContain(liveId);
    expect(mounted.length).toBeGreaterThan(1);
    commits.clear();

    // A long stream, in 200 deltas (the controller paints at most every 50 ms: 10 s of answer).
    let text = messages[liveId]!.text;
    for (let i = 0; i < 200; i++) {
      text += i % 40 === 39 ? `\n\n${CODE}\n\n` : ` word${i}`;
      act(() => patchMessage(liveId, { text }));
    }
    await act(async () => {});

    expect(commits.get(liveId)).toBeGreaterThanOrEqual(200);
    const others = Object.fromEntries([...commits].filter(([id]) => id !== liveId));
    expect(others).toEqual({});
    expect(container.textContent).toContain("word198");
  }, 60_000); // 500 messages mounted and 200 updates in jsdom: seconds on a loaded CI machine, not a timing check
});
