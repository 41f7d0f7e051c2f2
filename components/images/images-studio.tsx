"use client";
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { ImagesRequest } from "@/lib/schemas";
import { qualitiesFor } from "@/lib/client/images/generate";
import type { GalleryItem } from "@/lib/client/images/gallery";
import { useModelStore } from "@/lib/stores/model-store";
import { useActiveModel } from "@/components/models/model-picker";
import { Gallery } from "./gallery";
import { GenerateForm, IMAGE_KINDS } from "./generate-form";
import { IMAGE_SIZES } from "@/lib/schemas/limits";
import { draftStore, effectiveQuality, type ImageSettings, type ImageSize } from "./image-settings";
import { RunStatus } from "./run-status";
import { UndoToast } from "./undo-toast";
import { useGallery } from "./use-gallery";
import { useGeneration } from "./use-generation";
import { usePendingDeletes } from "./use-pending-deletes";

/**
 * The Images page: the form, the run in progress, and the gallery. Drawn on the server too, so the first paint
 * has the form and the gallery's frame in place; what only the browser has (the draft, the stored pictures)
 * fills them after hydration without moving anything.
 */
export function ImagesStudio({ storage }: { storage?: React.ReactNode }) {
  // Defaults on the server and while hydrating, then the saved draft (image-settings.ts).
  const settings = useSyncExternalStore(draftStore.subscribe, draftStore.get, draftStore.getServer);
  const model = useActiveModel("images", IMAGE_KINDS);
  const selectModel = useModelStore((s) => s.select);
  const { run, generate, cancel, dismiss } = useGeneration();
  const gallery = useGallery();
  const [openId, setOpenId] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const deletes = usePendingDeletes(setDeleteError);
  const formRef = useRef<HTMLDivElement>(null);

  const qualities = qualitiesFor(model?.id);
  const request = (): ImagesRequest | null => {
    const prompt = settings.prompt.trim();
    if (!prompt || !model) return null;
    const quality = effectiveQuality(settings.quality, qualities);
    return { model: model.id, prompt, n: settings.n, size: settings.size, ...(quality ? { quality } : {}) };
  };
  const start = () => {
    const req = request();
    if (req) void generate(req);
  };

  const hidden = useMemo(() => new Set(deletes.pending.map((i) => i.id)), [deletes.pending]);
  const items = useMemo(() => gallery.items.filter((i) => !hidden.has(i.id)), [gallery.items, hidden]);

  const reuse = useCallback(
    (item: GalleryItem) => {
      setOpenId(null);
      if (item.source === "images") selectModel("images", item.model);
      draftStore.set((s) => ({
        ...s,
        prompt: item.prompt,
        ...(IMAGE_SIZES.includes(item.size as ImageSize) ? { size: item.size as ImageSize } : {}),
        ...(item.quality ? { quality: item.quality as ImageSettings["quality"] } : {}),
      }));
      requestAnimationFrame(() => {
        formRef.current?.scrollIntoView({ block: "start", behavior: "smooth" });
        formRef.current?.querySelector("textarea")?.focus();
      });
    },
    [selectModel],
  );
  const remove = useCallback(
    (item: GalleryItem) => {
      setOpenId(null);
      deletes.remove(item);
    },
    [deletes],
  );

  return (
    <div className="space-y-6">
      <div ref={formRef} className="scroll-mt-4">
        <GenerateForm
          settings={settings}
          onChange={draftStore.set}
          qualities={qualities}
          working={run.status === "working"}
          canGenerate={!!settings.prompt.trim() && !!model}
          onGenerate={start}
          onCancel={cancel}
        />
      </div>
      <RunStatus
        run={run}
        items={items}
        onOpen={setOpenId}
        onRetry={() => run.status === "error" && void generate(run.request)}
        onDismiss={dismiss}
      />
      {storage}
      {deleteError && (
        <p role="alert" className="text-sm text-danger">
          {deleteError}
        </p>
      )}
      <Gallery
        items={items}
        loading={gallery.loading}
        error={gallery.error}
        openId={openId}
        onOpen={setOpenId}
        onReuse={reuse}
        onDelete={remove}
      />
      <UndoToast count={deletes.pending.length} onUndo={deletes.undo} onDismiss={deletes.dismiss} />
    </div>
  );
}
