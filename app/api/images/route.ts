import { generateImages } from "@/lib/gateway/images";
import { assertKnownModel } from "@/lib/gateway/models";
import { ImagesRequest } from "@/lib/schemas/images";
import { LIMITS } from "@/lib/schemas/limits";
import { readJson } from "@/lib/server/body";
import { resolveGatewayKey } from "@/lib/server/credentials";
import { guard } from "@/lib/server/guard";
import { jsonResponse } from "@/lib/server/responses";
import { methodNotAllowed, route } from "@/lib/server/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Generates pictures and answers an ImagesResponse with checked bytes. */
export const POST = route(async (request) => {
  const denied = await guard(request, { route: "images" });
  if (denied) return denied;
  const key = resolveGatewayKey(request);
  const body = await readJson(request, LIMITS.imagesBodyBytes, ImagesRequest);
  const context = { key, signal: request.signal };
  await assertKnownModel(body.model, context);
  return jsonResponse(await generateImages(body, context));
});

export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = GET;
