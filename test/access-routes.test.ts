import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { issueAccessToken } from "@/lib/server/access-token";
import { canaryKey, MODELS_BODY, startMockUpstream, type MockUpstream } from "@/lib/server/testing/mock-upstream";
import { APP, captureLogs, expectNoSecret, loadRoutes } from "@/lib/server/testing/route-harness";

const KEY = canaryKey();
const CODE = "plum-Velvet-9031";
let mock: MockUpstream;
let logs: string[];

/** One spending request per route: the right method, a valid body, from this site. */
const SPENDING: Record<string, (headers: Record<string, string>) => Request> = {
  chat: (h) =>
    new Request(`${APP}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP, ...h },
      body: JSON.stringify({ model: "gemini-2.5-flash", messages: [{ role: "user", content: "hi" }] }),
    }),
  images: (h) =>
    new Request(`${APP}/api/images`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP, ...h },
      body: JSON.stringify({ model: "black-forest-labs/FLUX-1.1-pro", prompt: "a cat" }),
    }),
  transcriptions: (h) => {
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(64)], { type: "audio/wav" }), "a.wav");
    form.set("model", "openai/whisper-large-v3");
    const probe = new Request(`${APP}/api/transcriptions`, { method: "POST", body: form });
    return new Request(probe, { headers: { "content-type": probe.headers.get("content-type")!, origin: APP, ...h } });
  },
  models: (h) => new Request(`${APP}/api/models`, { headers: h }),
};
const METHOD: Record<string, "GET" | "POST"> = { chat: "POST", images: "POST", transcriptions: "POST", models: "GET" };

beforeAll(async () => {
  logs = captureLogs();
  mock = await startMockUpstream();
  mock.handle((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(MODELS_BODY));
  });
});
afterAll(async () => {
  for (const line of logs) {
    expectNoSecret(line, KEY);
    expect(line).not.toContain(CODE);
  }
  await mock.close();
});

describe("P-5 one gate for every spending route", () => {
  it("the enumerated routes are every route under app/api that spends (a new route must be added here)", () => {
    const dirs = readdirSync(path.join(process.cwd(), "app/api")).filter((d) => statSync(path.join(process.cwd(), "app/api", d)).isDirectory());
    // Not spending: /api/unlock takes the code itself, and /api/bench/floor (the bench's floor, off unless
    // BENCH_PAGES=1) never calls the gateway.
    expect(dirs.filter((d) => d !== "unlock" && d !== "bench").sort()).toEqual(Object.keys(SPENDING).sort());
  });

  it("answers 401 access_denied on every route without the cookie, whatever else is sent, and never calls the gateway", async () => {
    const routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url, GATEWAY_API_KEY: KEY, ACCESS_CODE: CODE, ALLOW_USER_KEYS: "0" });
    const tries: Record<string, string>[] = [
      {},
      { cookie: "gs_access=" },
      { cookie: `gs_access=${issueAccessToken("another-code")}` },
      { cookie: `gs_access=${CODE}` },
      { authorization: `Bearer ${CODE}`, "x-access-code": CODE },
      { "x-gateway-key": "sk-own-key-0123456789" },
    ];
    const before = mock.requests.length;
    for (const [name, make] of Object.entries(SPENDING)) {
      for (const headers of tries) {
        const response = await routes[name as keyof typeof routes][METHOD[name]!](make(headers));
        expect(response.status, `${name} ${JSON.stringify(headers)}`).toBe(401);
        const body = await response.text();
        expect(JSON.parse(body).error.code).toBe("access_denied");
        expect(body).not.toContain(CODE);
      }
    }
    expect(mock.requests.length).toBe(before);
  });

  it("lets the unlock cookie through on every route, and a person's own key only with ALLOW_USER_KEYS", async () => {
    let routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url, GATEWAY_API_KEY: KEY, ACCESS_CODE: CODE, ALLOW_USER_KEYS: "0" });
    const cookie = { cookie: `gs_access=${issueAccessToken(CODE)}` };
    for (const [name, make] of Object.entries(SPENDING)) {
      const response = await routes[name as keyof typeof routes][METHOD[name]!](make(cookie));
      expect(response.status, name).not.toBe(401);
    }
    routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url, GATEWAY_API_KEY: KEY, ACCESS_CODE: CODE, ALLOW_USER_KEYS: "1" });
    const own = { "x-gateway-key": "sk-own-key-0123456789" };
    for (const [name, make] of Object.entries(SPENDING)) {
      const response = await routes[name as keyof typeof routes][METHOD[name]!](make(own));
      expect(response.status, name).not.toBe(401);
    }
    expect(mock.requests.at(-1)?.headers.authorization).toBe("Bearer sk-own-key-0123456789");
  });
});

describe("C-1 rate limits on every spending route", () => {
  it("answers 429 with Retry-After once a client passes its per-minute budget, before calling the gateway", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2026, 5, 1, 10, 0, 20));
    vi.stubEnv("TRUST_PROXY", "1");
    try {
      const routes = await loadRoutes({ GATEWAY_BASE_URL: mock.url, GATEWAY_API_KEY: KEY });
      const { RATE_LIMITS } = await import("@/lib/server/rate-limit");
      for (const [name, make] of Object.entries(SPENDING)) {
        const client = { "x-real-ip": `192.0.2.${Object.keys(SPENDING).indexOf(name) + 1}` };
        const call = () => routes[name as keyof typeof routes][METHOD[name]!](make(client));
        for (let i = 0; i < RATE_LIMITS[name as keyof typeof RATE_LIMITS]; i++) expect((await call()).status, `${name} #${i + 1}`).not.toBe(429);
        const before = mock.requests.length;
        const refused = await call();
        expect(refused.status, name).toBe(429);
        expect(refused.headers.get("retry-after")).toBe("40");
        expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
        expect(mock.requests.length).toBe(before);
      }
    } finally {
      vi.useRealTimers();
      vi.unstubAllEnvs();
    }
  });
});

describe("K-4 logs", () => {
  it("nothing logged while refusing, admitting and limiting holds the key, its fragments, or the access code", () => {
    const text = logs.join("\n");
    expectNoSecret(text, KEY);
    expect(text).not.toContain(CODE);
    expect(text).not.toMatch(/Bearer\s+sk-/);
  });
});
