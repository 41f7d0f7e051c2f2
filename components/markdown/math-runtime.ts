/** Draws one formula into an element; set once the KaTeX chunk has loaded. */
export type MathRenderer = (tex: string, into: HTMLElement, display: boolean) => void;

let renderer: MathRenderer | undefined;

export function setMathRenderer(r: MathRenderer): void {
  renderer = r;
}

export function getMathRenderer(): MathRenderer | undefined {
  return renderer;
}
