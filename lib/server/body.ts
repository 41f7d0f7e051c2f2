import "server-only";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { z } from "zod";
import { fail } from "./failure";
import { describeIssues } from "./responses";

function tooLarge(limit: number) {
  return fail("payload_too_large", `The request is larger than the ${formatBytes(limit)} limit.`);
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** Bodies up to this size stay in memory; larger ones are spooled to a temporary file while they arrive. */
const IN_MEMORY_BYTES = 2 * 1024 * 1024;

/** How many spooled bytes may pass between two young-generation collections (see `collectReadBuffers`). */
const COLLECT_EVERY_BYTES = 1024 * 1024;

type Gc = (options: { type: "minor" }) => void;
let minorGc: Gc | null | undefined;

/** V8's `gc`: the global one when node runs with --expose-gc, else fetched by exposing it for a moment (as Jest does). */
function findGc(): Gc | null {
  const exposed = (globalThis as { gc?: Gc }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as Gc;
  } catch {
    return null;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
}

/**
 * Node gives every socket read of a request body a fresh buffer, freed only when V8 next collects garbage, and a
 * body streamed to disk allocates almost nothing else that would trigger a collection. So the ~25 MB read
 * before a 413 lingered as garbage: `next start` grew 33–40 MB on a 200 MB upload (U-2 allows 20). A minor
 * (young-generation) collection every 1 MB frees those buffers while they are still young (every 4 MB still left
 * 22 MB), for ~1 ms each.
 */
function collectReadBuffers(): void {
  if (minorGc === undefined) minorGc = findGc();
  minorGc?.({ type: "minor" });
}

/**
 * Reads the request body, refusing it with 413 as soon as it passes `limit` bytes (U-1, U-2): before reading
 * anything when Content-Length already says so, otherwise at limit+1 bytes, without buffering the rest.
 * Past IN_MEMORY_BYTES the bytes go to a temporary file, so a refused 200 MB upload never sits in memory:
 * only a body that was accepted is read back.
 */
export async function readBoundedBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const spool = new Spool();
  let total = 0;
  let collectAt = IN_MEMORY_BYTES + COLLECT_EVERY_BYTES;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge(limit);
      }
      await spool.add(value);
      if (total >= collectAt) {
        collectAt = total + COLLECT_EVERY_BYTES;
        collectReadBuffers();
      }
    }
    return await spool.bytes(total);
  } finally {
    await spool.dispose();
  }
}

/** Collects chunks in memory, moving them to a temporary file once they pass IN_MEMORY_BYTES. */
class Spool {
  private chunks: Uint8Array[] = [];
  private held = 0;
  private file: { path: string; handle: import("node:fs/promises").FileHandle } | null = null;

  async add(chunk: Uint8Array) {
    if (this.file) {
      await this.file.handle.write(chunk);
      return;
    }
    this.chunks.push(chunk);
    this.held += chunk.byteLength;
    if (this.held <= IN_MEMORY_BYTES) return;
    const { mkdtemp, open } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const dir = await mkdtemp(path.join(tmpdir(), "gs-body-"));
    const filePath = path.join(dir, "body");
    this.file = { path: filePath, handle: await open(filePath, "w+", 0o600) };
    for (const c of this.chunks) await this.file.handle.write(c);
    this.chunks = [];
    this.held = 0;
  }

  async bytes(total: number): Promise<Uint8Array> {
    if (this.file) {
      const out = new Uint8Array(total);
      await this.file.handle.read(out, 0, total, 0);
      return out;
    }
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }

  async dispose() {
    this.chunks = [];
    if (!this.file) return;
    const { rm } = await import("node:fs/promises");
    const path = await import("node:path");
    await this.file.handle.close().catch(() => {});
    await rm(path.dirname(this.file.path), { recursive: true, force: true }).catch(() => {});
    this.file = null;
  }
}

/** A bounded read, then JSON, then the route's zod schema: every failure is a 400 that says what was wrong. */
export async function readJson<T extends z.ZodType>(request: Request, limit: number, schema: T): Promise<z.infer<T>> {
  const bytes = await readBoundedBody(request, limit);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw fail("bad_request", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw fail("bad_request", describeIssues(parsed.error));
  return parsed.data;
}

/** A bounded read, then a multipart parse of the buffered bytes (never `request.formData()` on an unbounded body). */
export async function readMultipart(request: Request, limit: number): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  const bytes = await readBoundedBody(request, limit);
  try {
    return await new Response(bytes as BodyInit, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw fail("bad_request", "The upload is not a valid multipart/form-data body.");
  }
}
