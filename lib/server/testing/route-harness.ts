import "server-only";
import { expect, vi } from "vitest";
import type { ChatStreamEvent } from "@/lib/schemas/chat";

export const APP = "http://studio.test";

/** Fresh copies of every route module, with the env parsed anew from `env`. */
export async function loadRoutes(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const name of ["GATEWAY_BASE_URL", "GATEWAY_API_KEY", "ALLOW_USER_KEYS", "ACCESS_CODE", "REDIS_URL", "UPSTREAM_IDLE_TIMEOUT_MS", "DEMO_MODE"]) {
    vi.stubEnv(name, env[name] ?? "");
  }
  return {
    chat: await import("@/app/api/chat/route"),
    images: await import("@/app/api/images/route"),
    transcriptions: await import("@/app/api/transcriptions/route"),
    models: await import("@/app/api/models/route"),
  };
}

export function jsonRequest(path: string, body: unknown, init: { headers?: Record<string, string>; signal?: AbortSignal } = {}): Request {
  return new Request(`${APP}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: APP, host: "studio.test", ...init.headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: init.signal,
  });
}

/** Reads our SSE answer into events (and the raw text, for secret checks). */
export async function readEvents(response: Response): Promise<{ events: ChatStreamEvent[]; raw: string }> {
  const raw = await response.text();
  const events = raw
    .split("\n\n")
    .filter((block) => block.startsWith("data: "))
    .map((block) => JSON.parse(block.slice(6)) as ChatStreamEvent);
  return { events, raw };
}

/** Every console line written while a suite runs, for the K-4 grep. */
export function captureLogs(): string[] {
  const lines: string[] = [];
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === "string" ? a : a instanceof Error ? `${a.message} ${a.stack}` : JSON.stringify(a))).join(" "));
    });
  }
  return lines;
}

/**
 * K-3/K-4: neither the key nor its first 8 / last 4 characters appear. Picture bytes (long base64 runs) are
 * searched for the whole key only: 4 hex characters turn up by chance in megabytes of base64.
 */
export function expectNoSecret(text: string, key: string): void {
  expect(text).not.toContain(key);
  const prose = text.replace(/[A-Za-z0-9+/=]{256,}/g, "<base64>");
  expect(prose).not.toContain(key.slice(0, 8));
  expect(prose).not.toContain(key.slice(-4));
}

export function responseText(response: Response, body: string): string {
  return `${[...response.headers.entries()].map(([k, v]) => `${k}: ${v}`).join("\n")}\n\n${body}`;
}
