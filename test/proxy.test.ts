import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { issueAccessToken } from "@/lib/server/access-token";

async function loadProxy(env: Record<string, string> = {}) {
  vi.resetModules();
  for (const name of ["ACCESS_CODE", "ALLOW_USER_KEYS"]) vi.stubEnv(name, env[name] ?? "");
  return import("@/proxy");
}

const page = (path: string, cookie?: string) => new NextRequest(`http://studio.test${path}`, cookie ? { headers: { cookie } } : {});

afterEach(() => vi.unstubAllEnvs());

function directives(csp: string): Map<string, string> {
  return new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(" ")]));
}

describe("H-1 proxy.ts CSP", () => {
  it("sends a strict per-request nonce CSP on pages and hands the nonce to Next", async () => {
    const { proxy } = await loadProxy();
    const first = proxy(page("/chat"));
    const csp = first.headers.get("content-security-policy")!;
    const d = directives(csp);
    const nonce = /'nonce-([A-Za-z0-9+/=]{24})'/.exec(csp)![1]!;
    expect(d.get("script-src")).toBe(`'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(d.get("connect-src")).toBe("'self'");
    expect(d.get("img-src")).toBe("'self' blob: data:");
    expect(d.get("media-src")).toBe("'self' blob:");
    expect(d.get("object-src")).toBe("'none'");
    expect(d.get("base-uri")).toBe("'none'");
    expect(d.get("frame-ancestors")).toBe("'none'");
    expect(d.get("form-action")).toBe("'self'");
    expect(d.get("style-src")).toBe(`'self' 'nonce-${nonce}'`);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    // Next reads the nonce from the forwarded request headers.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    const second = proxy(page("/chat")).headers.get("content-security-policy")!;
    expect(second).not.toBe(csp);
  });

  it("U-3: keeps /api out of the matcher (Next truncates bodies at 10 MB on matched routes), but covers every page", async () => {
    const { config } = await loadProxy();
    const matcher = new RegExp(`^${config.matcher[0]}$`);
    for (const path of ["/api/chat", "/api/transcriptions", "/api/unlock", "/api", "/_next/static/chunks/a.js"]) expect(matcher.test(path), path).toBe(false);
    for (const path of ["/", "/chat", "/images", "/transcribe", "/settings", "/unlock", "/apiary", "/nope"]) expect(matcher.test(path), path).toBe(true);
  });
});

describe("P-5 page lock", () => {
  it("sends locked visitors to /unlock, keeping where they were going", async () => {
    const { proxy } = await loadProxy({ ACCESS_CODE: "open-sesame", ALLOW_USER_KEYS: "0" });
    const locked = proxy(page("/images?x=1"));
    expect(locked.status).toBe(303);
    expect(locked.headers.get("location")).toBe("http://studio.test/unlock?next=%2Fimages%3Fx%3D1");
    expect(proxy(page("/unlock")).status).toBe(200);
    expect(proxy(page("/chat", `gs_access=${issueAccessToken("open-sesame")}`)).status).toBe(200);
    expect(proxy(page("/chat", `gs_access=${issueAccessToken("other")}`)).status).toBe(303);
    expect(proxy(page("/chat", "gs_own_key=1")).status).toBe(303);
  });

  it("lets someone with their own key use the pages only when ALLOW_USER_KEYS is on", async () => {
    const { proxy } = await loadProxy({ ACCESS_CODE: "open-sesame", ALLOW_USER_KEYS: "1" });
    expect(proxy(page("/chat", "gs_own_key=1")).status).toBe(200);
    expect(proxy(page("/chat")).status).toBe(303);
  });
});
