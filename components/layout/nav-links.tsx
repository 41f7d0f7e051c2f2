"use client";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/client/cn";
import { IntentLink } from "./intent-link";

const LINKS = [
  { href: "/chat", label: "Chat", icon: "M4 5h16v10H8l-4 4z" },
  { href: "/images", label: "Images", icon: "M4 5h16v14H4zM4 15l5-5 4 4 3-3 4 4" },
  { href: "/transcribe", label: "Transcribe", icon: "M12 3a3 3 0 0 1 3 3v5a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3zM5 11a7 7 0 0 0 14 0M12 18v3" },
  { href: "/settings", label: "Settings", icon: "M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM3 12h2M19 12h2M12 3v2M12 19v2" },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex min-w-0 gap-0.5 overflow-x-auto md:flex-col md:gap-1">
      {LINKS.map((l) => {
        const current = pathname === l.href || pathname.startsWith(`${l.href}/`);
        return (
          <li key={l.href}>
            <IntentLink
              href={l.href}
              aria-current={current ? "page" : undefined}
              className={cn(
                "flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm whitespace-nowrap md:gap-2 md:px-2.5",
                current ? "bg-accent-soft font-medium text-fg" : "text-muted hover:bg-subtle hover:text-fg",
              )}
            >
              <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
                <path d={l.icon} />
              </svg>
              <span className={l.href === "/settings" ? "sr-only sm:not-sr-only" : undefined}>{l.label}</span>
            </IntentLink>
          </li>
        );
      })}
    </ul>
  );
}
