"use client";
import { useId } from "react";
import type { ModelKind } from "@/lib/schemas";
import { LIMITS } from "@/lib/schemas/limits";
import { ModelPicker } from "@/components/models/model-picker";
import { cn } from "@/lib/client/cn";
import { SizeChips } from "./size-chips";
import { effectiveQuality, type ImageQuality, type ImageSettings } from "./image-settings";

export const IMAGE_KINDS: ModelKind[] = ["image", "chat-image"];
const COUNTS = [1, 2, 3, 4] as const;

type Props = {
  settings: ImageSettings;
  onChange: (next: ImageSettings) => void;
  qualities: readonly string[];
  working: boolean;
  canGenerate: boolean;
  onGenerate: () => void;
  onCancel: () => void;
};

/** The prompt and its settings. Ctrl/⌘+Enter generates from anywhere in the form. */
export function GenerateForm({ settings, onChange, qualities, working, canGenerate, onGenerate, onCancel }: Props) {
  const id = useId();
  const set = (patch: Partial<ImageSettings>) => onChange({ ...settings, ...patch });
  const tooLong = settings.prompt.length > LIMITS.imagePromptChars;
  return (
    <form
      aria-label="Generate pictures"
      className="space-y-3 rounded-lg border border-border bg-panel p-3 shadow-sm sm:p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!working) onGenerate();
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
          e.preventDefault();
          if (!working && canGenerate) onGenerate();
        }
      }}
    >
      <div>
        <label htmlFor={`${id}-prompt`} className="sr-only">
          Prompt
        </label>
        <textarea
          id={`${id}-prompt`}
          value={settings.prompt}
          onChange={(e) => set({ prompt: e.target.value })}
          rows={3}
          placeholder="Describe the picture: subject, style, light, composition…"
          aria-describedby={`${id}-hint`}
          aria-invalid={tooLong || undefined}
          className="block max-h-64 min-h-20 w-full resize-y rounded-md border border-border bg-bg px-3 py-2 text-sm leading-relaxed placeholder:text-muted"
        />
        <p id={`${id}-hint`} className={cn("mt-1 text-xs", tooLong ? "text-danger" : "text-muted")}>
          {tooLong
            ? `The prompt is ${settings.prompt.length} characters; the limit is ${LIMITS.imagePromptChars}.`
            : "Ctrl+Enter (⌘+Enter on a Mac) generates."}
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
        <div>
          <span className="mb-1 block text-xs font-medium text-muted" aria-hidden>
            Model
          </span>
          <ModelPicker slot="images" kinds={IMAGE_KINDS} className="w-64" />
        </div>
        <fieldset>
          <legend className="mb-1 text-xs font-medium text-muted">How many</legend>
          <div className="flex overflow-hidden rounded-md border border-border">
            {COUNTS.map((n) => (
              <label
                key={n}
                className={cn(
                  "grid h-8 w-8 cursor-pointer place-items-center text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:-outline-offset-2 has-[:focus-visible]:outline-ring",
                  settings.n === n ? "bg-accent text-accent-fg" : "bg-panel hover:bg-subtle",
                )}
              >
                <input type="radio" name="count" value={n} checked={settings.n === n} onChange={() => set({ n })} className="sr-only" />
                {n}
                <span className="sr-only">{n === 1 ? " picture" : " pictures"}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <SizeChips value={settings.size} onChange={(size) => set({ size })} />
        {/* Always there, so the row keeps its shape when the model (and with it the quality choice) arrives. */}
        <div>
          <label htmlFor={`${id}-quality`} className="mb-1 block text-xs font-medium text-muted">
            Quality
          </label>
          <select
            id={`${id}-quality`}
            value={effectiveQuality(settings.quality, qualities) ?? ""}
            onChange={(e) => set({ quality: e.target.value as ImageQuality })}
            disabled={qualities.length === 0}
            title={qualities.length ? undefined : "This model has no quality setting"}
            className="h-8 rounded-md border border-border bg-panel px-2 text-sm disabled:text-muted"
          >
            {qualities.length ? (
              qualities.map((q) => (
                <option key={q} value={q}>
                  {q}
                </option>
              ))
            ) : (
              <option value="">default</option>
            )}
          </select>
        </div>
        <div className="ml-auto flex gap-2">
          {working ? (
            <button type="button" onClick={onCancel} className="h-9 rounded-md border border-border px-4 text-sm font-medium hover:bg-subtle">
              Cancel
            </button>
          ) : (
            <button
              type="submit"
              disabled={!canGenerate || tooLong}
              className="h-9 rounded-md bg-accent px-4 text-sm font-medium text-accent-fg shadow-sm disabled:opacity-50"
            >
              Generate
            </button>
          )}
        </div>
      </div>
    </form>
  );
}
