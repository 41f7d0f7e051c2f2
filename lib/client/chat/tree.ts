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

/**
 * The end of the shown thread, told from a conversation's newest messages alone (`recent`: every message from
 * some moment on). Walks up from the newest one, checking at each level that it is the version shown there
 * (the chosen one, or the newest when none is chosen). Null when these messages cannot tell: the newest
 * message is on another branch, or a chosen version is older than `recent`. The walk stops where `recent`
 * does, so the caller still reads the whole conversation to confirm what lies above (opened tail first).
 */
export function tailPath(recent: readonly MessageRecord[], choices: Record<string, string> = {}): MessageRecord[] | null {
  if (!recent.length) return null;
  const byId = new Map(recent.map((m) => [m.id, m]));
  const children = childrenByParent(recent);
  // The active path from the root through the chosen versions; when there are choices, the walk must join it.
  const chosen = new Set<string>();
  for (let key = ROOT; choices[key] && !chosen.has(choices[key]!); key = choices[key]!) chosen.add(choices[key]!);

  let node = [...recent].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)).at(-1)!;
  const path: MessageRecord[] = [];
  for (;;) {
    const key = node.parentId ?? ROOT;
    const choice = choices[key];
    const siblings = children.get(key) ?? [node];
    const choiceHere = choice !== undefined && siblings.some((s) => s.id === choice);
    if (choiceHere ? choice !== node.id : choice !== undefined || siblings.at(-1)!.id !== node.id) return null;
    path.unshift(node);
    if (key === ROOT) return path;
    const parent = byId.get(key);
    if (!parent) return chosen.size === 0 || chosen.has(node.id) ? path : null;
    if (path.length > recent.length) return null;
    node = parent;
  }
}
