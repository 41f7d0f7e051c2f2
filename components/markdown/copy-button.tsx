import { useEffect, useState } from "react";

type Props = { text: string };

/** Copies a code block's text; says so briefly, and politely to screen readers. */
export function CopyButton({ text }: Props) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 1600);
    return () => clearTimeout(t);
  }, [state]);

  const copy = () => {
    // Clipboard access can be refused (permissions, insecure origin); say so instead of failing silently.
    if (!navigator.clipboard) return setState("failed");
    navigator.clipboard.writeText(text).then(
      () => setState("copied"),
      () => setState("failed"),
    );
  };

  return (
    <button type="button" className="md-copy" aria-label="Copy code" onClick={copy}>
      <svg aria-hidden="true" viewBox="0 0 16 16" width="13" height="13" fill="none" stroke="currentColor" strokeWidth="1.5">
        {state === "copied" ? (
          <path d="M3 8.5l3 3 7-7" strokeLinecap="round" strokeLinejoin="round" />
        ) : (
          <>
            <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
            <path d="M10.5 3.5v-.5A1.5 1.5 0 009 1.5H3A1.5 1.5 0 001.5 3v6A1.5 1.5 0 003 10.5h.5" />
          </>
        )}
      </svg>
      <span aria-hidden="true">{state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}</span>
      <span role="status" className="sr-only">
        {state === "copied" ? "Code copied" : state === "failed" ? "Could not copy: the browser refused clipboard access" : ""}
      </span>
    </button>
  );
}
