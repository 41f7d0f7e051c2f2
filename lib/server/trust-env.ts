import "server-only";
import { z } from "zod";

const TrustEnvSchema = z.object({
  /** The app sits behind exactly one reverse proxy that sets x-real-ip / x-forwarded-for. */
  TRUST_PROXY: z
    .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
    .optional()
    .transform((v) => ["1", "true", "yes", "on"].includes(v ?? "")),
  /** Multiplies every per-minute rate limit; 0 turns rate limiting off (a single-user or benchmark box). */
  RATE_LIMIT_SCALE: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().min(0).max(1_000).default(1)),
});

export type TrustEnv = z.infer<typeof TrustEnvSchema>;

let cached: TrustEnv | undefined;

/** The access and rate-limit settings, parsed once; a wrong value names the variable, never its value. */
export function getTrustEnv(): TrustEnv {
  if (!cached) {
    const parsed = TrustEnvSchema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid server environment (see .env.example):\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
    }
    cached = parsed.data;
  }
  return cached;
}
