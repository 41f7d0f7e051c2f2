export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = "gs-theme";

export function parseTheme(value: string | undefined): Theme {
  return THEMES.includes(value as Theme) ? (value as Theme) : "system";
}

/** Shows the theme at once and remembers it in a cookie, so the server renders the same class next time. */
export function applyTheme(theme: Theme) {
  document.documentElement.classList.remove(...THEMES);
  document.documentElement.classList.add(theme);
  document.cookie = `${THEME_COOKIE}=${theme}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
