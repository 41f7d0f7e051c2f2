"use client";
import type { ModelKind } from "@/lib/schemas";
import { ModelPicker } from "@/components/models/model-picker";
import { LANGUAGES } from "@/lib/client/audio/languages";

export const TRANSCRIBE_KINDS: ModelKind[] = ["transcription"];

export type OptionValues = { language: string; prompt: string; temperature: number };

const field = "h-9 w-full rounded-md border border-border bg-panel px-2 text-sm";

/** Model, language, vocabulary hint and temperature. */
export function TranscribeOptions({ value, onChange }: { value: OptionValues; onChange: (v: OptionValues) => void }) {
  return (
    <fieldset className="grid gap-3 sm:grid-cols-[minmax(0,18rem)_minmax(0,12rem)_minmax(0,1fr)]">
      <legend className="sr-only">Options</legend>
      <div className="space-y-1">
        <span className="block text-xs font-medium text-muted" aria-hidden>
          Model
        </span>
        <ModelPicker slot="transcribe" kinds={TRANSCRIBE_KINDS} className="w-full" />
      </div>
      <div className="space-y-1">
        <label htmlFor="tr-language" className="block text-xs font-medium text-muted">
          Language
        </label>
        <select id="tr-language" className={field} value={value.language} onChange={(e) => onChange({ ...value, language: e.target.value })}>
          <option value="">Automatic</option>
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="tr-temperature" className="flex justify-between text-xs font-medium text-muted">
          <span>Temperature</span>
          <span className="tabular-nums">{value.temperature.toFixed(1)}</span>
        </label>
        <input
          id="tr-temperature"
          type="range"
          min={0}
          max={1}
          step={0.1}
          value={value.temperature}
          onChange={(e) => onChange({ ...value, temperature: Number(e.target.value) })}
          className="h-9 w-full accent-accent"
        />
      </div>
      <div className="space-y-1 sm:col-span-3">
        <label htmlFor="tr-prompt" className="block text-xs font-medium text-muted">
          Prompt <span className="font-normal">(names, jargon or a sample of the style to expect)</span>
        </label>
        <input
          id="tr-prompt"
          className={field}
          maxLength={2000}
          placeholder="e.g. IoTeX, Kubernetes, Zhang Wei"
          value={value.prompt}
          onChange={(e) => onChange({ ...value, prompt: e.target.value })}
        />
      </div>
    </fieldset>
  );
}
