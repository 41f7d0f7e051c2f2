import { listModels } from "@/lib/gateway/models";
import { resolveGatewayKey } from "@/lib/server/credentials";
import { getEnv } from "@/lib/server/env";
import { guard } from "@/lib/server/guard";
import { jsonResponse } from "@/lib/server/responses";
import { methodNotAllowed, route } from "@/lib/server/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** The gateway's models, classified by kind and vision (ModelsResponse). */
export const GET = route(async (request) => {
  const denied = await guard(request, { route: "models" });
  if (denied) return denied;
  const key = resolveGatewayKey(request);
  const models = await listModels({ key, signal: request.signal });
  return jsonResponse(getEnv().DEMO_MODE ? { models, demo: true } : { models });
});

export const POST = methodNotAllowed("GET");
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = POST;
