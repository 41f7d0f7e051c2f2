"use client";
import { useId, useMemo, useRef, useState } from "react";
import type { ModelInfo, ModelKind } from "@/lib/schemas";
import { KIND_LABEL, startModels, useModels } from "@/lib/client/models";
import { useModelStore, type ModelSlot } from "@/lib/stores/model-store";
import { cn } from "@/lib/client/cn";

type Props = {
  slot: ModelSlot;
  /** The kinds this page can use; the rest stay behind "Show all models". */
  kinds: ModelKind[];
  className?: string;
};

// A page with a model picker asks for the model list as this module is evaluated (before hydration, in the
// task after the boot script's), so the picker is filled when it hydrates. From here and not from
// instrumentation-client: an import() made there gets chunks of its own that repeat the page's modules.
if (typeof window !== "undefined") setTimeout(startModels, 0);

// One collator for every sort (localeCompare sets one up per call), made on the first sort: setting one up
// costs tens of milliseconds on a phone, which page start-up should not pay.
let collator: Intl.Collator | undefined;
const compare = (a: string, b: string) => (collator ??= new Intl.Collator()).compare(a, b);

/** Picks the model for one page: a searchable combobox fed by /api/models, grouped by provider. */
export function ModelPicker({ slot, kinds, className }: Props) {
  const { data, isPending, isError, error, refetch, isFetching } = useModels();
  const selected = useModelStore((s) => s.selected[slot]);
  const select = useModelStore((s) => s.select);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [showAll, setShowAll] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const usable = useMemo(() => (data ?? []).filter((m) => kinds.includes(m.kind)), [data, kinds]);
  const current = (data ?? []).find((m) => m.id === selected) ?? usable[0];

  // Filtered and sorted only while the list is open: closed, the picker shows the current model alone.
  const options = useMemo(() => {
    if (!open) return [];
    const pool = showAll ? (data ?? []) : usable;
    const q = query.trim().toLowerCase();
    const hits = q ? pool.filter((m) => m.id.toLowerCase().includes(q) || m.provider.toLowerCase().includes(q)) : pool;
    return [...hits].sort((a, b) => compare(a.provider, b.provider) || compare(a.id, b.id));
  }, [open, data, usable, showAll, query]);

  const choose = (m: ModelInfo) => {
    select(slot, m.id);
    setOpen(false);
    setQuery("");
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      // Closed, the list is not computed yet: opening shows it at the current highlight.
      if (open) setActive((i) => Math.min(i + 1, options.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === "Enter" && open) {
      e.preventDefault();
      const m = options[active];
      if (m) choose(m);
    } else if (e.key === "Escape") {
      if (open) e.stopPropagation();
      setOpen(false);
      setQuery("");
    }
  };

  // The same box as the loaded picker, so nothing moves when the list arrives (CLS).
  if (isPending) {
    return (
      <div className={cn("relative w-72 max-w-full", className)} role="status" aria-label="Loading models">
        <div className="h-9 w-full animate-pulse rounded-md border border-border bg-subtle shadow-sm" />
      </div>
    );
  }
  if (isError) {
    return (
      <div className={cn("flex items-center gap-2 text-sm", className)} role="alert">
        <span className="text-danger">Models unavailable: {error?.message}</span>
        <button
          type="button"
          onClick={() => refetch()}
          className="rounded-md border border-border px-2 py-1 hover:bg-subtle"
          disabled={isFetching}
        >
          {isFetching ? "Retrying…" : "Retry"}
        </button>
      </div>
    );
  }

  return (
    <div className={cn("relative w-72 max-w-full", className)}>
      <label htmlFor={`${listId}-input`} className="sr-only">
        Model
      </label>
      <input
        ref={inputRef}
        id={`${listId}-input`}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={current ? current.id : usable.length ? "Choose a model" : "No models for this page"}
        value={open ? query : (current?.id ?? "")}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 120)}
        onKeyDown={onKeyDown}
        className="h-9 w-full rounded-md border border-border bg-panel px-3 pr-8 text-sm shadow-sm placeholder:text-muted"
      />
      <span aria-hidden className="pointer-events-none absolute top-2 right-2.5 text-muted">
        ▾
      </span>
      {open && (
        <div className="absolute z-30 mt-1 w-[min(26rem,90vw)] rounded-md border border-border bg-panel shadow-lg">
          <ul id={listId} role="listbox" aria-label="Models" className="max-h-80 overflow-auto py-1 text-sm">
            {options.length === 0 && (
              <li className="px-3 py-2 text-muted" role="presentation">
                {data?.length ? "No model matches." : "The gateway listed no models."}
              </li>
            )}
            {options.map((m, i) => {
              const header = i === 0 || options[i - 1]?.provider !== m.provider;
              return (
                <li key={m.id} role="presentation">
                  {header && (
                    <div className="px-3 pt-2 pb-1 text-xs font-medium tracking-wide text-muted uppercase" aria-hidden>
                      {m.provider}
                    </div>
                  )}
                  <div
                    id={`${listId}-${i}`}
                    role="option"
                    aria-selected={m.id === current?.id}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => choose(m)}
                    onMouseEnter={() => setActive(i)}
                    className={cn(
                      "flex cursor-pointer items-center justify-between gap-2 px-3 py-1.5",
                      i === active && "bg-subtle",
                      m.id === current?.id && "font-medium",
                    )}
                  >
                    <span className="truncate">{m.id}</span>
                    <span className="shrink-0 text-xs text-muted">
                      {KIND_LABEL[m.kind]}
                      {m.vision && m.kind === "chat" ? " · sees images" : ""}
                    </span>
                  </div>
                </li>
              );
            })}
          </ul>
          <label className="flex items-center gap-2 border-t border-border px-3 py-2 text-xs text-muted">
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} onMouseDown={(e) => e.preventDefault()} />
            Show all models ({data?.length ?? 0})
          </label>
        </div>
      )}
    </div>
  );
}

/** The model this page uses: the remembered choice, else the first usable one. */
export function useActiveModel(slot: ModelSlot, kinds: ModelKind[]): ModelInfo | undefined {
  const { data } = useModels();
  const selected = useModelStore((s) => s.selected[slot]);
  return useMemo(() => {
    const all = data ?? [];
    return all.find((m) => m.id === selected) ?? all.find((m) => kinds.includes(m.kind));
  }, [data, selected, kinds]);
}
