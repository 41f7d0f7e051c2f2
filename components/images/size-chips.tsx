import { IMAGE_SIZES } from "@/lib/schemas/limits";
import { aspectOf } from "@/lib/client/images/bytes";
import { cn } from "@/lib/client/cn";
import { SIZE_LABEL, type ImageSize } from "./image-settings";

/** Size presets as aspect-ratio chips, each with a little frame of its shape. A radio group underneath. */
export function SizeChips({ value, onChange }: { value: ImageSize; onChange: (size: ImageSize) => void }) {
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1 text-xs font-medium text-muted">Size</legend>
      <div className="flex flex-wrap gap-1.5">
        {IMAGE_SIZES.map((size) => {
          const ratio = aspectOf(size);
          return (
            <label
              key={size}
              title={size}
              className={cn(
                "flex h-8 cursor-pointer items-center gap-1.5 rounded-md border px-2 text-xs has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring",
                value === size ? "border-accent bg-accent-soft font-medium text-fg" : "border-border bg-panel text-muted hover:bg-subtle",
              )}
            >
              <input type="radio" name="size" value={size} checked={value === size} onChange={() => onChange(size)} className="sr-only" />
              <span
                aria-hidden
                className="inline-block rounded-[2px] border-[1.5px] border-current"
                style={{ width: ratio >= 1 ? 14 : 14 * ratio, height: ratio >= 1 ? 14 / ratio : 14 }}
              />
              <span>{SIZE_LABEL[size]}</span>
              <span className="sr-only"> ({size})</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
