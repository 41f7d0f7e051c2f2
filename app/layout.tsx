import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { AppShell } from "@/components/layout/app-shell";
import { StatusBanner } from "@/components/layout/status-banner";
import { StorageBanner } from "@/components/storage/storage-banner";
import { THEME_COOKIE, parseTheme } from "@/lib/client/theme";
import { publicConfig } from "@/lib/server/public-config";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Gateway Studio", template: "%s · Gateway Studio" },
  description: "Chat, images and transcription through your AI gateway, with the key kept on the server.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfbfa" },
    { media: "(prefers-color-scheme: dark)", color: "#121314" },
  ],
};

/** Marks the end of the page's markup: rendering is blocked until the parser reaches it (`<link rel="expect">`). */
const SHELL_END = "shell-end";
// `blocking` is standard HTML (render-blocking), not yet in React's types.
const RENDER_BLOCKING = { blocking: "render" } as Record<string, string>;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The theme lives in a cookie so the server renders the right class: no flash, no inline script.
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" className={theme}>
      <head>
        {/* The first frame waits until the page's own markup is parsed (not the scripts after it): painted as the
            parser went, a slow phone showed the shell first, then the chat view grew into place (layout shifts). */}
        <link rel="expect" href={`#${SHELL_END}`} {...RENDER_BLOCKING} />
      </head>
      <body className="font-sans">
        <AppShell
          banner={
            <>
              <StatusBanner config={publicConfig()} />
              <StorageBanner />
            </>
          }
        >
          {children}
        </AppShell>
        <div id={SHELL_END} hidden />
      </body>
    </html>
  );
}
