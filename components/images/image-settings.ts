import { IMAGE_QUALITIES, IMAGE_SIZES } from "@/lib/schemas/limits";

export type ImageSize = (typeof IMAGE_SIZES)[number];
export type ImageQuality = (typeof IMAGE_QUALITIES)[number];
export type ImageSettings = { prompt: string; n: number; size: ImageSize; quality?: ImageQuality };

export const DEFAULT_SETTINGS: ImageSettings = { prompt: "", n: 1, size: "1024x1024" };

// The draft survives reloads; it is a few KB at most, so localStorage (preferences only, D-2) is fine.
const DRAFT_KEY = "gs-images-draft";

function loadDraft(): ImageSettings {
  try {
    const raw = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? "null") as Partial<ImageSettings> | null;
    if (!raw) return DEFAULT_SETTINGS;
    return {
      prompt: typeof raw.prompt === "string" ? raw.prompt : "",
      n: typeof raw.n === "number" && raw.n >= 1 && raw.n <= 4 ? Math.round(raw.n) : 1,
      size: IMAGE_SIZES.includes(raw.size as ImageSize) ? (raw.size as ImageSize) : DEFAULT_SETTINGS.size,
      ...(IMAGE_QUALITIES.includes(raw.quality as ImageQuality) ? { quality: raw.quality } : {}),
    };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

function saveDraft(s: ImageSettings) {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify(s));
  } catch {
    // A full localStorage only costs the draft, never a picture.
  }
}

/**
 * The form's settings as a store for useSyncExternalStore: the server and hydration see the defaults, the
 * browser then the saved draft, with no mismatch and no effect. What the person sets is kept in memory first,
 * so it stays in the form even when localStorage refuses to save it.
 */
let current: ImageSettings | null = null;
const listeners = new Set<() => void>();

export const draftStore = {
  get: (): ImageSettings => (current ??= loadDraft()),
  getServer: (): ImageSettings => DEFAULT_SETTINGS,
  set(next: ImageSettings | ((s: ImageSettings) => ImageSettings)) {
    current = typeof next === "function" ? next(draftStore.get()) : next;
    saveDraft(current);
    for (const fn of listeners) fn();
  },
  subscribe(fn: () => void) {
    listeners.add(fn);
    return () => {
      listeners.delete(fn);
    };
  },
};

/** The quality a request uses: the one chosen if this model offers it, else the model's first; none for a model without the setting. */
export function effectiveQuality(chosen: ImageQuality | undefined, offered: readonly string[]): ImageQuality | undefined {
  if (!offered.length) return undefined;
  return (chosen && offered.includes(chosen) ? chosen : offered[0]) as ImageQuality;
}

export const SIZE_LABEL: Record<ImageSize, string> = {
  "1024x1024": "1:1",
  "1536x1024": "3:2",
  "1024x1536": "2:3",
  "1792x1024": "16:9",
  "1024x1792": "9:16",
};
