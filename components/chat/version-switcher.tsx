import { IconButton } from "./icon-button";

/** ‹ 1/2 ›: steps between versions (branches) of one turn. */
export function VersionSwitcher({ index, count, onChoose }: { index: number; count: number; onChoose: (index: number) => void }) {
  if (count < 2) return null;
  return (
    <span className="inline-flex items-center text-xs text-muted" role="group" aria-label="Versions">
      <IconButton icon="send" label="Previous version" className="rotate-180" disabled={index === 0} onClick={() => onChoose(index - 1)} />
      <span aria-live="polite" className="tabular-nums">
        {index + 1}/{count}
      </span>
      <IconButton icon="send" label="Next version" disabled={index === count - 1} onClick={() => onChoose(index + 1)} />
    </span>
  );
}
