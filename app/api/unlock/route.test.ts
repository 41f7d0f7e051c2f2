import { afterEach, describe, expect, it, vi } from "vitest";
import { captureLogs } from "@/lib/server/testing/route-harness";

const CODE = "tangerine-Orbit-4417";
const APP = "http://studio.test";
const T0 = Date.UTC(2026, 0, 1, 9, 0, 10);

async function loadUnlock(env: Record<string, string>) {
  vi.resetModules();
  for (const name of ["ACCESS_CODE", "ALLOW_USER_KEYS", "TRUST_PROXY", "REDIS_URL", "RATE_LIMIT_SCALE"]) vi.stubEnv(name, env[name] ?? "");
  return import("./route");
}

const attempt = (code: unknown, headers: Record<string, string> = {}, path = "/api/unlock") =>
  new Request(`${APP}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: APP, ...headers },
    body: JSON.stringify({ code }),
  });

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("POST /api/unlock", () => {
  it("P-5: exchanges the right code for an HttpOnly SameSite=Strict cookie that does not hold the code", async () => {
    const { POST } = await loadUnlock({ ACCESS_CODE: CODE });
    const response = await POST(attempt(CODE));
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^gs_access=[\w-]{22}\.[\w-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(CODE);
    expect(await response.text()).not.toContain(CODE);
  });

  it("P-5: never takes the code from the URL; GET is refused", async () => {
    const { POST, GET } = await loadUnlock({ ACCESS_CODE: CODE });
    const viaQuery = await POST(attempt("", {}, `/api/unlock?code=${CODE}&access_code=${CODE}`));
    expect(viaQuery.status).toBe(400);
    expect(viaQuery.headers.get("set-cookie")).toBeNull();
    expect((await GET(new Request(`${APP}/api/unlock?code=${CODE}`))).status).toBe(405);
  });

  it("P-5: a wrong code is 401 access_denied with no cookie", async () => {
    const { POST } = await loadUnlock({ ACCESS_CODE: CODE });
    const response = await POST(attempt(`${CODE}x`));
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("access_denied");
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("P-7: refuses cross-site and non-JSON attempts", async () => {
    const { POST } = await loadUnlock({ ACCESS_CODE: CODE });
    expect((await POST(attempt(CODE, { origin: "https://evil.example" }))).status).toBe(403);
    expect((await POST(attempt(CODE, { "sec-fetch-site": "cross-site" }))).status).toBe(403);
    expect((await POST(attempt(CODE, { "content-type": "text/plain" }))).status).toBe(415);
  });

  it("answers 404 when the deployment has no access code", async () => {
    const { POST } = await loadUnlock({});
    expect((await POST(attempt(CODE))).status).toBe(404);
  });

  it("P-6: 20 guesses a minute, then 429 with Retry-After (even for the right code); the lockout is logged without the code (fake clock)", async () => {
    const logs = captureLogs();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const { POST } = await loadUnlock({ ACCESS_CODE: CODE, TRUST_PROXY: "1" });
    const attacker = { "x-real-ip": "203.0.113.66" };
    for (let i = 0; i < 20; i++) expect((await POST(attempt(`guess-${i}-${CODE.slice(0, 4)}`, attacker))).status).toBe(401);
    const locked = await POST(attempt(CODE, attacker));
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("50");
    expect(locked.headers.get("set-cookie")).toBeNull();
    expect(((await locked.json()) as { error: { code: string; retryAfter: number } }).error).toMatchObject({ code: "rate_limited", retryAfter: 50 });
    // Someone else is not locked out by the attacker.
    expect((await POST(attempt(CODE, { "x-real-ip": "198.51.100.7" }))).status).toBe(200);
    // A minute later the attacker may try again.
    vi.setSystemTime(T0 + 50_000);
    expect((await POST(attempt(CODE, attacker))).status).toBe(200);

    const lockouts = logs.filter((l) => l.includes("access_lockout"));
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toMatch(/"retryAfter":50/);
    for (const line of logs) {
      expect(line).not.toContain(CODE);
      expect(line).not.toContain("guess-");
      expect(line).not.toContain("203.0.113.66");
    }
  });
});

describe.skipIf(!process.env.TEST_REDIS_URL)("P-6 with REDIS_URL (real redis-server)", () => {
  it("shares the guess budget between two instances", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0 + 3_600_000 * 24 * 30 + Math.floor(Math.random() * 500_000) * 60_000);
    const env = { ACCESS_CODE: CODE, TRUST_PROXY: "1", REDIS_URL: process.env.TEST_REDIS_URL! };
    const a = await loadUnlock(env);
    const b = await loadUnlock(env);
    const attacker = { "x-real-ip": `203.0.113.${Math.floor(Math.random() * 250)}` };
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await (i % 2 ? a : b).POST(attempt(`guess-${i}`, attacker))).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});
