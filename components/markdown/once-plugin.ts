import type { Pluggable } from "./plugin-types";

type Data = Record<string, unknown>;
type SyntaxPlugin = (this: { data: () => Data }, options?: never) => void;

/**
 * A remark syntax plugin (remark-gfm, remark-math: it only adds parser extensions to the processor's data)
 * run once, replayed per processor. react-markdown builds a processor on every render, and remark-gfm alone
 * rebuilds its micromark extensions each time (~0.25 ms, a quarter of a streamed update's budget).
 */
export function onceSyntaxPlugin(plugin: unknown): Pluggable {
  const captured: Data = {};
  (plugin as SyntaxPlugin).call({ data: () => captured });
  return function replay(this: { data: () => Data }) {
    const data = this.data();
    for (const [key, list] of Object.entries(captured)) {
      const target = (data[key] ??= []) as unknown[];
      target.push(...(list as unknown[]));
    }
  } as Pluggable;
}
