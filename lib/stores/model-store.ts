"use client";
import { create } from "zustand";
import { persist } from "zustand/middleware";

export type ModelSlot = "chat" | "images" | "transcribe";

type ModelState = {
  /** The last model picked on each page. */
  selected: Partial<Record<ModelSlot, string>>;
  select: (slot: ModelSlot, id: string) => void;
};

export const useModelStore = create<ModelState>()(
  persist(
    (set) => ({
      selected: {},
      select: (slot, id) => set((s) => ({ selected: { ...s.selected, [slot]: id } })),
    }),
    { name: "gs-models", version: 1 },
  ),
);

export const useSelectedModel = (slot: ModelSlot) => useModelStore((s) => s.selected[slot]);
