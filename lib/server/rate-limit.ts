import "server-only";
import { accessSession } from "./access";
import { clientId } from "./client-id";
import { getEnv } from "./env";
import { appError } from "./failure";
import type { GuardedRoute } from "./guard";
import { getCounterStore } from "./limits-store";
import { errorResponse } from "./responses";

/** C-1: requests per client per minute on each spending route (README lists them). */
export const RATE_LIMITS: Record<GuardedRoute, number> = {
  chat: 30,
  images: 10,
  transcriptions: 30,
  models: 60,
};
/**
 * When clients cannot be told apart (no TRUST_PROXY, no access cookie) everyone shares one bucket, sized for a
 * small team rather than one person.
 */
export const SHARED_BUCKET_FACTOR = 10;
export const RATE_WINDOW_MS = 60_000;

const NAMES: Record<GuardedRoute, string> = { chat: "chat", images: "image", transcriptions: "transcription", models: "model-list" };

/** C-1: counts this request against its client's per-minute budget; past it, 429 with Retry-After. */
export async function checkRateLimit(request: Request, route: GuardedRoute, now = Date.now()): Promise<Response | null> {
  const scale = getEnv().RATE_LIMIT_SCALE;
  if (scale === 0) return null;
  const client = clientId(request, accessSession(request));
  const limit = Math.max(1, Math.round(RATE_LIMITS[route] * scale * (client === "shared" ? SHARED_BUCKET_FACTOR : 1)));
  const { count, resetAt } = await getCounterStore(getEnv().REDIS_URL).hit(`rate:${route}:${client}`, RATE_WINDOW_MS, now);
  if (count <= limit) return null;
  const retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
  return errorResponse(
    appError("rate_limited", `Too many ${NAMES[route]} requests: this server allows ${limit} a minute. Try again in ${retryAfter} seconds.`, {
      retryable: true,
      retryAfter,
    }),
  );
}
