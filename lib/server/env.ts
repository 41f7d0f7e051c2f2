import "server-only";
import { z } from "zod";

const flag = (fallback: boolean) =>
  z
    .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : ["1", "true", "yes", "on"].includes(v)));

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const EnvSchema = z.object({
  GATEWAY_BASE_URL: z
    .string()
    .default("https://gateway.iotex.ai/v1")
    .transform((v) => v.trim().replace(/\/+$/, "") || "https://gateway.iotex.ai/v1")
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "must be an http(s) URL such as https://gateway.iotex.ai/v1"),
  GATEWAY_API_KEY: optionalText.refine((v) => v === undefined || /^[\x21-\x7e]+$/.test(v), "must be a single token without spaces"),
  ALLOW_USER_KEYS: flag(true),
  ACCESS_CODE: optionalText,
  REDIS_URL: optionalText.refine((v) => v === undefined || /^rediss?:\/\//.test(v), "must start with redis:// or rediss://"),
  UPSTREAM_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).max(900_000).default(90_000),
  DEMO_MODE: flag(false),
  /** Behind exactly one reverse proxy that sets X-Real-IP / X-Forwarded-For: rate-limit per client address. */
  TRUST_PROXY: flag(false),
  /** Multiplies every per-minute rate limit; 0 turns rate limiting off (a one-person box, a benchmark). */
  RATE_LIMIT_SCALE: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().min(0).max(1_000).default(1)),
});

export type ServerEnv = z.infer<typeof EnvSchema>;

/** Parses the environment; throws one readable message naming every wrong variable (and never its value). */
export function parseEnv(source: Record<string, string | undefined>): ServerEnv {
  // A variable set to "" (as .env.example leaves them) counts as unset.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = EnvSchema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  throw new Error(`Invalid server environment (see .env.example):\n${lines.join("\n")}`);
}

let cached: ServerEnv | undefined;

/** The server environment, parsed once. The gateway key is read here and nowhere else. */
export function getEnv(): ServerEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
