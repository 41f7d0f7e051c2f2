"use client";
import { create } from "zustand";
import { persist } from "zustand/middleware";

type SettingsState = {
  /** The person's own gateway key: kept in this browser only, sent with each /api request. */
  userKey: string;
  setUserKey: (key: string) => void;
};

export const useSettingsStore = create<SettingsState>()(
  persist(
    (set) => ({
      userKey: "",
      setUserKey: (userKey) => set({ userKey }),
    }),
    { name: "gs-settings", version: 1 },
  ),
);
