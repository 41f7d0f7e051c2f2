import { readBoundedBody } from "@/lib/server/body";
import { appError } from "@/lib/server/failure";
import { errorResponse } from "@/lib/server/responses";
import { methodNotAllowed, route } from "@/lib/server/route";
import { SSE_HEADERS } from "@/lib/server/sse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
/** S-5: every route has a platform limit; this one answers at once. */
export const maxDuration = 10;

/**
 * The bench's floor for the chat proxy (section 1): what Next alone costs a route handler that reads a POST body
 * and streams its answer, with no checks, no gateway call and one event sent at once. Served only when the server
 * runs with BENCH_PAGES=1 (the bench runner sets it), like the /bench pages; anywhere else it is a 404.
 */
export const POST = route(async (request) => {
  if (process.env.BENCH_PAGES !== "1") return errorResponse(appError("not_found", "Not found."));
  const bytes = await readBoundedBody(request, 64 * 1024);
  const event = new TextEncoder().encode(`data: ${JSON.stringify({ type: "start", bytes: bytes.byteLength })}\n\n`);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(event);
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: SSE_HEADERS });
});

export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = GET;
