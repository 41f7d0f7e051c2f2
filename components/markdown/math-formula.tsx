import { memo, useLayoutEffect, useRef } from "react";
import { getMathRenderer } from "./math-runtime";

/**
 * A display formula whose closing `$$` has not arrived yet: its TeX as it stands, typeset once it is whole
 * (KaTeX on every delta of a growing formula cost 2–3 ms each, and drew a half formula).
 */
export function PendingFormula({ tex }: { tex: string }) {
  return <div className="md-math-display md-math-pending">{tex}</div>;
}

type Props = { tex: string; display: boolean };

/** Typeset formulas kept as DOM, newest last: a block moving from the streaming tail to the finished list,
 * or an answer opened again, mounts its formulas afresh, and a copy is far cheaper than KaTeX's layout. */
const KEEP = 300;
const typeset = new Map<string, DocumentFragment>();

function draw(tex: string, into: HTMLElement, display: boolean) {
  const key = `${display ? "D" : "I"}${tex}`;
  const hit = typeset.get(key);
  if (hit) {
    into.replaceChildren(hit.cloneNode(true));
    return;
  }
  const render = getMathRenderer();
  if (!render) {
    into.textContent = tex;
    return;
  }
  render(tex, into, display);
  const copy = document.createDocumentFragment();
  for (const child of into.childNodes) copy.append(child.cloneNode(true));
  typeset.set(key, copy);
  if (typeset.size > KEEP) typeset.delete(typeset.keys().next().value!);
}

/**
 * One formula, memoized on its source: when the streaming tail is re-parsed, formulas already
 * typeset are skipped instead of running KaTeX again on every delta.
 */
export const MathFormula = memo(function MathFormula({ tex, display }: Props) {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    // KaTeX owns the element's children; React renders it empty.
    if (ref.current) draw(tex, ref.current, display);
  }, [tex, display]);
  return display ? (
    <div ref={ref as React.RefObject<HTMLDivElement>} className="md-math-display" />
  ) : (
    <span ref={ref} className="md-math-inline" />
  );
});
