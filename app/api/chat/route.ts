import { streamChat } from "@/lib/gateway/chat";
import { assertKnownModel } from "@/lib/gateway/models";
import { ChatRequest } from "@/lib/schemas/chat";
import { LIMITS } from "@/lib/schemas/limits";
import { readJson } from "@/lib/server/body";
import { resolveGatewayKey } from "@/lib/server/credentials";
import { guard } from "@/lib/server/guard";
import { followAbort, methodNotAllowed, route } from "@/lib/server/route";
import { sseResponse, streamDeadlineMs } from "@/lib/server/sse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Streams one chat answer as `data: <ChatStreamEvent>` lines; upstream failures arrive as the final `error` event. */
export const POST = route(async (request) => {
  const denied = await guard(request, { route: "chat" });
  if (denied) return denied;
  const key = resolveGatewayKey(request);
  const body = await readJson(request, LIMITS.chatBodyBytes, ChatRequest);
  const abort = followAbort(request.signal);
  const context = { key, signal: abort.signal };
  await assertKnownModel(body.model, context);
  return sseResponse(streamChat(body, context), { abort, deadlineMs: streamDeadlineMs(maxDuration) });
});

export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = GET;
