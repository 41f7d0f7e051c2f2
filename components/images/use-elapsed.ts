"use client";
import { useEffect, useState } from "react";

/** Whole seconds since `startedAt`, ticking once a second. */
export function useElapsed(startedAt: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [startedAt]);
  return Math.max(0, Math.floor((now - startedAt) / 1000));
}
