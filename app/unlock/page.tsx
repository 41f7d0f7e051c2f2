import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { OWN_KEY_COOKIE } from "@/lib/server/access-token";
import { getEnv } from "@/lib/server/env";
import { UnlockForm } from "./unlock-form";

export const metadata: Metadata = { title: "Unlock" };

/** Only a path on this site, so ?next= cannot send people elsewhere after unlocking. */
function safeNext(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || value.startsWith("/unlock")) return "/chat";
  return value;
}

export default async function UnlockPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const env = getEnv();
  const next = safeNext((await searchParams).next);
  if (!env.ACCESS_CODE) redirect(next);
  return (
    <div className="mx-auto max-w-sm space-y-6 px-4 py-12">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Enter the access code</h1>
        <p className="text-sm text-muted">
          This Gateway Studio is private. Whoever runs it can give you the code; it unlocks this browser for 30 days.
        </p>
      </div>
      <UnlockForm next={next} allowUserKeys={env.ALLOW_USER_KEYS} ownKeyCookie={OWN_KEY_COOKIE} />
    </div>
  );
}
