"use client";
import Link from "next/link";
import { useSettingsStore } from "@/lib/stores/settings-store";
import { useHydrated } from "@/lib/client/use-hydrated";

export type PublicConfig = { demo: boolean; hasServerKey: boolean; allowUserKeys: boolean };

/** Says plainly when answers are simulated, or when no key is set and how to set one. */
export function StatusBanner({ config }: { config: PublicConfig }) {
  const userKey = useSettingsStore((s) => s.userKey);
  const hydrated = useHydrated();
  if (config.demo) {
    return (
      <p role="status" className="border-b border-border bg-warn-soft px-4 py-1.5 text-center text-xs text-warn">
        Demo mode: answers come from a simulated gateway, not a real model.
      </p>
    );
  }
  if (config.hasServerKey || !hydrated || (config.allowUserKeys && userKey)) return null;
  return (
    <p role="status" className="border-b border-border bg-warn-soft px-4 py-1.5 text-center text-xs text-warn">
      No gateway key is set. Set <code>GATEWAY_API_KEY</code> in the server&apos;s environment
      {config.allowUserKeys ? (
        <>
          {" "}or add your own key in <Link href="/settings" className="underline">Settings</Link>
        </>
      ) : null}
      .
    </p>
  );
}
