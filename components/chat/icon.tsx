const PATHS = {
  copy: "M9 9h10v10H9zM5 15V5h10",
  retry: "M4 12a8 8 0 0 1 14-5.3M20 4v5h-5M20 12a8 8 0 0 1-14 5.3M4 20v-5h5",
  edit: "M4 20h4L19 9l-4-4L4 16zM13 7l4 4",
  trash: "M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13",
  stop: "M7 7h10v10H7z",
  send: "M5 12h14M13 6l6 6-6 6",
  clip: "M16 7l-7.5 7.5a2 2 0 0 0 2.8 2.8L19 9.6a4 4 0 0 0-5.7-5.7L5.6 11.6a6 6 0 0 0 8.5 8.5L20 14",
  plus: "M12 5v14M5 12h14",
  search: "M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4",
  pin: "M9 4h6l-1 6 4 3H6l4-3zM12 13v7",
  menu: "M4 6h16M4 12h16M4 18h16",
  close: "M6 6l12 12M18 6L6 18",
  download: "M12 4v11M7 10l5 5 5-5M5 20h14",
  expand: "M4 10V4h6M20 14v6h-6M4 4l6 6M20 20l-6-6",
  down: "M12 5v14M6 13l6 6 6-6",
  settings: "M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM4 12h2M18 12h2M12 4v2M12 18v2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4",
  play: "M8 5v14l11-7z",
  export: "M12 16V4M7 9l5-5 5 5M5 14v6h14v-6",
  rename: "M4 20h16M6 16l9-9 3 3-9 9H6z",
  wand: "M5 19L15 9M14 4v3M19 9h-3M17 5l-2 2M18 13v2M20 14h-4",
} as const;

export type IconName = keyof typeof PATHS;

/** Stroke icons; decorative, so the button around them carries the accessible name. */
export function Icon({ name, className = "size-4" }: { name: IconName; className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className={className} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      <path d={PATHS[name]} />
    </svg>
  );
}
