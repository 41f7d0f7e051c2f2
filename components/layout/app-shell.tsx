import { NavLinks } from "./nav-links";

/** The frame every page sits in: a rail of sections on the left (a bar on top at phone width). */
export function AppShell({ children, banner }: { children: React.ReactNode; banner?: React.ReactNode }) {
  return (
    <div className="flex h-dvh flex-col md:flex-row">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-panel focus:px-3 focus:py-2">
        Skip to content
      </a>
      <nav aria-label="Sections" className="flex min-w-0 shrink-0 items-center gap-2 border-b border-border bg-panel px-3 py-2 md:w-44 md:flex-col md:items-stretch md:border-r md:border-b-0 md:py-4">
        <div className="flex shrink-0 items-center gap-2 px-1 font-semibold tracking-tight md:mb-4">
          <span aria-hidden className="grid size-6 place-items-center rounded-md bg-accent text-xs text-accent-fg">G</span>
          <span className="hidden text-sm whitespace-nowrap sm:inline">Gateway Studio</span>
        </div>
        <NavLinks />
      </nav>
      <div className="flex min-h-0 min-w-0 flex-1 flex-col">
        {banner}
        <main id="main" className="min-h-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
