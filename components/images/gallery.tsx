"use client";
import { useMemo, useState } from "react";
import type { GalleryItem } from "@/lib/client/images/gallery";
import { GalleryTile } from "./gallery-tile";
import { GalleryToolbar, NO_FILTER, type GalleryFilter } from "./gallery-toolbar";
import { Lightbox } from "./lightbox";

type Props = {
  items: GalleryItem[];
  loading: boolean;
  error: string | null;
  openId: string | null;
  onOpen: (id: string | null) => void;
  onReuse: (item: GalleryItem) => void;
  onDelete: (item: GalleryItem) => void;
};

function matches(item: GalleryItem, f: GalleryFilter, q: string) {
  if (f.model && item.model !== f.model) return false;
  if (f.source && item.source !== f.source) return false;
  return !q || item.prompt.toLowerCase().includes(q) || !!item.revisedPrompt?.toLowerCase().includes(q);
}

/** Every picture this browser keeps, newest first, searchable; opens into the lightbox. */
export function Gallery({ items, loading, error, openId, onOpen, onReuse, onDelete }: Props) {
  const [filter, setFilter] = useState<GalleryFilter>(NO_FILTER);
  const models = useMemo(() => [...new Set(items.map((i) => i.model))].sort(), [items]);
  const shown = useMemo(() => {
    const q = filter.query.trim().toLowerCase();
    return items.filter((i) => matches(i, filter, q));
  }, [items, filter]);

  // The lightbox steps through what is shown; a picture opened from outside the filter steps through all.
  const inShown = shown.findIndex((i) => i.id === openId);
  const list = inShown >= 0 ? shown : items;
  const openIndex = inShown >= 0 ? inShown : items.findIndex((i) => i.id === openId);

  return (
    <section aria-labelledby="gallery-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="gallery-heading" className="text-base font-semibold">
          Gallery <span className="text-sm font-normal text-muted tabular-nums">{items.length}</span>
        </h2>
        {items.length > 0 && <GalleryToolbar filter={filter} onChange={setFilter} models={models} />}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-danger">
          The gallery could not be read: {error}
        </p>
      ) : loading || items.length === 0 ? (
        // While the read runs, the same box as an empty gallery (it says what the gallery is, not that it is
        // empty): a read that finds nothing then changes nothing on screen, and one that finds pictures
        // replaces the box with them.
        <p aria-busy={loading} className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted">
          Pictures you generate here, and pictures chat answers return, are kept here: the bytes, in this browser.
        </p>
      ) : (
        <>
          <p className="sr-only" aria-live="polite">
            {shown.length === items.length ? `${items.length} pictures` : `${shown.length} of ${items.length} pictures match`}
          </p>
          {shown.length === 0 ? (
            <p className="text-sm text-muted">No picture matches. Clear the search or filters to see all {items.length}.</p>
          ) : (
            <ul className="grid grid-cols-[repeat(auto-fill,minmax(8.5rem,1fr))] gap-2 sm:grid-cols-[repeat(auto-fill,minmax(10rem,1fr))]">
              {shown.map((item) => (
                <li key={item.id}>
                  <GalleryTile item={item} onOpen={onOpen} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {openIndex >= 0 && (
        <Lightbox
          items={list}
          index={openIndex}
          onIndex={(i) => onOpen(list[i]?.id ?? null)}
          onClose={() => onOpen(null)}
          onReuse={onReuse}
          onDelete={onDelete}
        />
      )}
    </section>
  );
}
