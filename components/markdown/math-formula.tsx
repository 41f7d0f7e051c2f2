import { memo, useLayoutEffect, useRef } from "react";
import { getMathRenderer } from "./math-runtime";

type Props = { tex: string; display: boolean };

/**
 * One formula, memoized on its source: when the streaming tail is re-parsed, formulas already
 * typeset are skipped instead of running KaTeX again on every delta.
 */
export const MathFormula = memo(function MathFormula({ tex, display }: Props) {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const render = getMathRenderer();
    if (!ref.current) return;
    // KaTeX owns the element's children; React renders it empty.
    if (render) render(tex, ref.current, display);
    else ref.current.textContent = tex;
  }, [tex, display]);
  return display ? (
    <div ref={ref as React.RefObject<HTMLDivElement>} className="md-math-display" />
  ) : (
    <span ref={ref} className="md-math-inline" />
  );
});
