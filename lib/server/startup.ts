import "server-only";
import { getEnv } from "./env";

try {
  getEnv();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}

/**
 * Next loads the proxy module and each route's code on the first request that needs them, and the model list
 * and the first gateway connection come with the first AI request: together ~0.5 s on the first person's
 * request after a start (bench section 1). One request to each API route, as soon as the server takes
 * requests, does that work instead; /api/models also fills the model-list cache the other routes check
 * model ids against. Production only: in `next dev` it would compile every route at start. Failures don't
 * matter (a server bound to another interface, an access code): the first real request then pays as before.
 */
function warmUp(port: string) {
  const origin = `http://127.0.0.1:${port}`;
  void (async () => {
    // Chat first: a person's first request is most likely a chat, and it waits on the same module load.
    for (const path of ["/api/chat", "/api/models", "/api/images", "/api/transcriptions"]) {
      try {
        const response = await fetch(`${origin}${path}`, { signal: AbortSignal.timeout(30_000) });
        await response.body?.cancel();
      } catch {
        return;
      }
    }
  })();
}

// `next start` sets PORT once it listens, before this module runs.
if (process.env.NODE_ENV === "production" && process.env.PORT) warmUp(process.env.PORT);
