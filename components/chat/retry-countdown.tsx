"use client";
import { useEffect, useState } from "react";

/** Seconds left until a rate-limited request may be retried; 0 when it may. */
export function useRetryCountdown(retryAfter: number | undefined, since: number | undefined): number {
  const until = retryAfter && since ? since + retryAfter * 1000 : 0;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until || Date.now() >= until) return;
    const t = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= until) clearInterval(t);
    }, 1000);
    return () => clearInterval(t);
  }, [until]);
  return until ? Math.max(0, Math.ceil((until - now) / 1000)) : 0;
}
