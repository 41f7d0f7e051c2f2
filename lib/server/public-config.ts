import "server-only";
import { getEnv } from "./env";

/** Non-secret facts the UI may show. Never includes the key itself, only whether one is set. */
export function publicConfig() {
  const env = getEnv();
  return { demo: env.DEMO_MODE, hasServerKey: Boolean(env.GATEWAY_API_KEY), allowUserKeys: env.ALLOW_USER_KEYS };
}
