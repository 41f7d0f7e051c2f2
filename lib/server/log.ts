import "server-only";
import { getEnv } from "./env";

const SECRET_FIELD = /^(authorization|x-gateway-key|x-api-key|api_?key|apikey|key|token|secret|password|cookie|access_?code|accesscode)$/i;
const KEY_LIKE = /\b(sk-[^\s"',)]*|Bearer\s+[^\s"',)]+)/gi;

/** Removes key-like text and the given secrets (plus their first-8 / last-4 fragments) from a string. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(KEY_LIKE, (m) => (m.toLowerCase().startsWith("bearer") ? "Bearer ***" : "sk-***"));
  for (const secret of secrets) {
    if (!secret || secret.length < 6) continue;
    for (const piece of [secret, secret.slice(0, 8), secret.slice(-4)]) out = out.split(piece).join("***");
  }
  return out;
}

function knownSecrets(): (string | undefined)[] {
  try {
    const env = getEnv();
    return [env.GATEWAY_API_KEY, env.ACCESS_CODE];
  } catch {
    return [];
  }
}

function clean(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubSecrets(value, knownSecrets());
  if (value instanceof Error) return clean({ name: value.name, message: value.message, stack: value.stack }, depth);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) ? "[redacted]" : clean(v, depth + 1)]),
  );
}

type Level = "info" | "warn" | "error";

function write(level: Level, event: string, fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, event, time: new Date().toISOString(), ...(clean(fields) as object) });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.info(line);
}

/**
 * The server log. One JSON line per event. Fields named like credentials are dropped and every string is
 * scrubbed of key-like text, the server key and the access code (K-4). Never pass request headers wholesale.
 */
export const log = {
  info: (event: string, fields: Record<string, unknown> = {}) => write("info", event, fields),
  warn: (event: string, fields: Record<string, unknown> = {}) => write("warn", event, fields),
  error: (event: string, fields: Record<string, unknown> = {}) => write("error", event, fields),
};
