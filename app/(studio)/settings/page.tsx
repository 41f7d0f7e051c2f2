import type { Metadata } from "next";
import { cookies } from "next/headers";
import { DataSetting } from "@/components/settings/data-setting";
import { ThemeSetting } from "@/components/settings/theme-setting";
import { UserKeySetting } from "@/components/settings/user-key-setting";
import { THEME_COOKIE, parseTheme } from "@/lib/client/theme";
import { publicConfig } from "@/lib/server/public-config";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  const config = publicConfig();
  return (
    <div className="mx-auto max-w-2xl space-y-8 p-6">
      <h1 className="text-xl font-semibold">Settings</h1>
      <section aria-labelledby="appearance" className="space-y-3">
        <h2 id="appearance" className="text-sm font-semibold tracking-wide text-muted uppercase">Appearance</h2>
        <ThemeSetting initial={theme} />
      </section>
      <section aria-labelledby="key" className="space-y-3">
        <h2 id="key" className="text-sm font-semibold tracking-wide text-muted uppercase">Gateway key</h2>
        <UserKeySetting allowed={config.allowUserKeys} hasServerKey={config.hasServerKey} />
      </section>
      <section aria-labelledby="data" className="space-y-3">
        <h2 id="data" className="text-sm font-semibold tracking-wide text-muted uppercase">Your data</h2>
        <DataSetting />
      </section>
    </div>
  );
}
