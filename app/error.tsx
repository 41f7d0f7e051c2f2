"use client";

/** Last-resort boundary: a plain message and a way on; details stay in the server log (H-3). */
export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-md space-y-3 p-10 text-center">
      <h1 className="text-lg font-semibold">Something went wrong on this page</h1>
      <p className="text-sm text-muted">
        Your conversations and pictures are stored in this browser and were not touched.
        {error.digest ? ` Reference: ${error.digest}.` : ""}
      </p>
      <button type="button" onClick={reset} className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg">
        Try again
      </button>
    </div>
  );
}
