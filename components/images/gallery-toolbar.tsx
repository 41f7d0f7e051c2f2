"use client";
import { useId } from "react";

export type GalleryFilter = { query: string; model: string; source: "" | "images" | "chat" };
export const NO_FILTER: GalleryFilter = { query: "", model: "", source: "" };

/** Search by prompt, filter by model and by where the picture came from. */
export function GalleryToolbar({ filter, onChange, models }: { filter: GalleryFilter; onChange: (f: GalleryFilter) => void; models: string[] }) {
  const id = useId();
  const field = "h-8 rounded-md border border-border bg-panel px-2 text-sm";
  return (
    <div role="search" className="flex flex-wrap items-center gap-2">
      <label htmlFor={`${id}-q`} className="sr-only">
        Search prompts
      </label>
      <input
        id={`${id}-q`}
        type="search"
        placeholder="Search prompts"
        value={filter.query}
        onChange={(e) => onChange({ ...filter, query: e.target.value })}
        className={`${field} w-full min-w-0 sm:w-56`}
      />
      <label htmlFor={`${id}-m`} className="sr-only">
        Filter by model
      </label>
      <select id={`${id}-m`} value={filter.model} onChange={(e) => onChange({ ...filter, model: e.target.value })} className={`${field} max-w-48 min-w-0 flex-1 sm:flex-none`}>
        <option value="">All models</option>
        {models.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-s`} className="sr-only">
        Filter by source
      </label>
      <select
        id={`${id}-s`}
        value={filter.source}
        onChange={(e) => onChange({ ...filter, source: e.target.value as GalleryFilter["source"] })}
        className={`${field} min-w-0 flex-1 sm:flex-none`}
      >
        <option value="">Everywhere</option>
        <option value="images">Generated here</option>
        <option value="chat">From chats</option>
      </select>
    </div>
  );
}
