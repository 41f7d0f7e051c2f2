import type { MessageRecord } from "@/lib/client/db";

/** Key of the root level (messages with no parent) in a conversation's branch choices. */
export const ROOT = "root";

export type Versions = { index: number; count: number; ids: string[] };

/** Children of each parent, oldest first: siblings are versions of the same turn. */
export function childrenByParent(messages: Iterable<MessageRecord>): Map<string, MessageRecord[]> {
  const map = new Map<string, MessageRecord[]>();
  for (const m of messages) {
    const key = m.parentId ?? ROOT;
    const list = map.get(key);
    if (list) list.push(m);
    else map.set(key, [m]);
  }
  for (const list of map.values()) list.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return map;
}

/**
 * The thread shown: from the root, follow the chosen child at each level (the newest when nothing was chosen
 * or the choice no longer exists).
 */
export function activePath(messages: Iterable<MessageRecord>, choices: Record<string, string> = {}): MessageRecord[] {
  const children = childrenByParent(messages);
  const path: MessageRecord[] = [];
  let key = ROOT;
  const seen = new Set<string>();
  for (;;) {
    const list = children.get(key);
    if (!list?.length) break;
    const chosen = list.find((m) => m.id === choices[key]) ?? list[list.length - 1]!;
    if (seen.has(chosen.id)) break;
    seen.add(chosen.id);
    path.push(chosen);
    key = chosen.id;
  }
  return path;
}

export function versionsOf(message: MessageRecord, children: Map<string, MessageRecord[]>): Versions {
  const ids = (children.get(message.parentId ?? ROOT) ?? [message]).map((m) => m.id);
  return { index: Math.max(0, ids.indexOf(message.id)), count: ids.length, ids };
}

/** A message and everything below it, on every branch: what deleting it removes. */
export function subtree(rootId: string, children: Map<string, MessageRecord[]>, byId: Map<string, MessageRecord>): MessageRecord[] {
  const out: MessageRecord[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    const m = byId.get(id);
    if (m) out.push(m);
    for (const c of children.get(id) ?? []) stack.push(c.id);
  }
  return out;
}
