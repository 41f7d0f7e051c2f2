"use client";
import { useState } from "react";
import { THEMES, applyTheme, type Theme } from "@/lib/client/theme";

export function ThemeSetting({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  const apply = (t: Theme) => {
    setTheme(t);
    applyTheme(t);
  };
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium">Theme</legend>
      <div className="inline-flex rounded-md border border-border bg-panel p-0.5">
        {THEMES.map((t) => (
          <label key={t} className="cursor-pointer rounded px-3 py-1 text-sm capitalize has-[:checked]:bg-accent has-[:checked]:text-accent-fg has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring">
            <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => apply(t)} className="sr-only" />
            {t}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
