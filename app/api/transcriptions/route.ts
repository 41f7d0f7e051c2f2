import { assertKnownModel } from "@/lib/gateway/models";
import { transcribe } from "@/lib/gateway/transcriptions";
import { LIMITS } from "@/lib/schemas/limits";
import { TranscriptionFields } from "@/lib/schemas/transcriptions";
import { readMultipart } from "@/lib/server/body";
import { resolveGatewayKey } from "@/lib/server/credentials";
import { fail } from "@/lib/server/failure";
import { guard } from "@/lib/server/guard";
import { describeIssues, jsonResponse } from "@/lib/server/responses";
import { methodNotAllowed, route } from "@/lib/server/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Transcribes one multipart upload (`file` plus TranscriptionFields) and answers a TranscriptionResponse. */
export const POST = route(async (request) => {
  const denied = await guard(request, { route: "transcriptions" });
  if (denied) return denied;
  const key = resolveGatewayKey(request);
  const form = await readMultipart(request, LIMITS.transcriptionBodyBytes);
  const file = form.get("file");
  if (!(file instanceof Blob)) throw fail("bad_request", "file: attach a recording.");
  const entries = [...form.entries()].filter(([name, v]) => name !== "file" && typeof v === "string" && v !== "");
  const fields = TranscriptionFields.safeParse(Object.fromEntries(entries));
  if (!fields.success) throw fail("bad_request", describeIssues(fields.error));
  const context = { key, signal: request.signal };
  await assertKnownModel(fields.data.model, context);
  return jsonResponse(await transcribe(fields.data, new Uint8Array(await file.arrayBuffer()), context));
});

export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = GET;
