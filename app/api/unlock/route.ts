import { z } from "zod";
import { accessCookie, refuseCrossSiteJson, throttleUnlock } from "@/lib/server/access";
import { codeMatches, issueAccessToken } from "@/lib/server/access-token";
import { readJson } from "@/lib/server/body";
import { getEnv } from "@/lib/server/env";
import { appError, fail } from "@/lib/server/failure";
import { errorResponse, jsonResponse } from "@/lib/server/responses";
import { methodNotAllowed, route } from "@/lib/server/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 10;

const UnlockBody = z.object({ code: z.string().min(1, "enter the access code").max(512) }).strict();

/**
 * Exchanges the access code (in a JSON body, never the URL) for the HttpOnly unlock cookie. Every attempt counts
 * against the client's guess budget before the body is read (P-6).
 */
export const POST = route(async (request) => {
  const code = getEnv().ACCESS_CODE;
  if (!code) throw fail("not_found", "This deployment has no access code, so there is nothing to unlock.");
  const refused = refuseCrossSiteJson(request) ?? (await throttleUnlock(request));
  if (refused) return refused;
  const body = await readJson(request, 2_048, UnlockBody);
  if (!codeMatches(body.code, code)) {
    return errorResponse(appError("access_denied", "That code is not right. Check it and try again."));
  }
  return jsonResponse({ unlocked: true }, { headers: { "Set-Cookie": accessCookie(request, issueAccessToken(code)) } });
});

export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = GET;
