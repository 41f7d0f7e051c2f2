import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

/** P-1: every route handler file under app/, found on disk, and the methods it serves. */
function routeFiles(dir = path.join(process.cwd(), "app")): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) return routeFiles(p);
    return entry === "route.ts" ? [p] : [];
  });
}

const SERVES: Record<string, string[]> = {
  "app/api/chat/route.ts": ["POST"],
  "app/api/images/route.ts": ["POST"],
  "app/api/transcriptions/route.ts": ["POST"],
  "app/api/models/route.ts": ["GET"],
  "app/api/unlock/route.ts": ["POST"],
  // The bench's proxy floor: a 404 unless the server runs with BENCH_PAGES=1, and it never calls the gateway.
  "app/api/bench/floor/route.ts": ["POST"],
};
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

describe("P-1 no catch-all, no unknown method", () => {
  it("the app defines exactly the known route handlers, none of them dynamic or catch-all", () => {
    const found = routeFiles().map((f) => path.relative(process.cwd(), f));
    expect(found.sort()).toEqual(Object.keys(SERVES).sort());
    for (const f of found) expect(f).not.toMatch(/\[/);
  });

  for (const [file, served] of Object.entries(SERVES)) {
    it(`${file} answers 405 with Allow on every method but ${served.join(", ")}`, async () => {
      vi.resetModules();
      const mod = (await import(`@/${file.replace(/\.ts$/, "")}`)) as Record<string, (r: Request) => Promise<Response>>;
      for (const method of METHODS) {
        if (served.includes(method)) continue;
        const handler = mod[method];
        expect(handler, `${file} ${method}`).toBeTypeOf("function");
        const response = await handler!(new Request(`http://studio.test/${file}`, { method }));
        expect(response.status, `${file} ${method}`).toBe(405);
        expect(response.headers.get("allow")).toBe(served.join(", "));
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
      }
    });
  }
});
