import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { issueAccessToken } from "./access-token";
import { MemoryCounterStore, RedisCounterStore, type CounterStore } from "./limits-store";

const REDIS = process.env.TEST_REDIS_URL;
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

async function loadLimits(env: Record<string, string>) {
  vi.resetModules();
  for (const name of ["ACCESS_CODE", "ALLOW_USER_KEYS", "TRUST_PROXY", "REDIS_URL", "RATE_LIMIT_SCALE"]) vi.stubEnv(name, env[name] ?? "");
  return import("./rate-limit");
}

const post = (headers: Record<string, string> = {}) => new Request("http://studio.test/api/chat", { method: "POST", headers });

afterEach(() => {
  vi.unstubAllEnvs();
});

/** The same contract for both stores: counts within a window, a fresh window after it, buckets apart. */
function storeContract(name: string, make: () => CounterStore) {
  describe(`C-1 ${name} counter store`, () => {
    it("counts hits per key within a fixed window and starts over in the next", async () => {
      const store = make();
      const key = `k-${randomBytes(4).toString("hex")}`;
      expect(await store.hit(key, 60_000, T0)).toEqual({ count: 1, resetAt: T0 + 60_000 });
      expect((await store.hit(key, 60_000, T0 + 59_999)).count).toBe(2);
      expect((await store.hit(`${key}-other`, 60_000, T0)).count).toBe(1);
      expect(await store.hit(key, 60_000, T0 + 60_000)).toEqual({ count: 1, resetAt: T0 + 120_000 });
    });
  });
}

storeContract("memory", () => new MemoryCounterStore());

describe("C-1 memory store stays bounded", () => {
  it("sweeps expired windows and caps live ones under a flood of distinct clients", async () => {
    const store = new MemoryCounterStore(1_000);
    for (let i = 0; i < 5_000; i++) await store.hit(`client-${i}`, 60_000, T0);
    expect(store.size).toBeLessThanOrEqual(1_000);
    await store.hit("late", 60_000, T0 + 120_000);
    expect(store.size).toBe(1);
  });
});

describe.skipIf(!REDIS)("C-1 Redis counter store (real redis-server at TEST_REDIS_URL)", () => {
  const stores: RedisCounterStore[] = [];
  const connect = () => {
    const store = RedisCounterStore.connect(REDIS!, `gs-test-${randomBytes(4).toString("hex")}:`);
    stores.push(store);
    return store;
  };
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  storeContract("redis", connect);

  it("shares counters between two instances, and expires the window's key", async () => {
    const prefix = `gs-test-${randomBytes(4).toString("hex")}:`;
    const a = RedisCounterStore.connect(REDIS!, prefix);
    const b = RedisCounterStore.connect(REDIS!, prefix);
    stores.push(a, b);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hit("shared", 60_000, T0)));
    expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const raw = new Redis(REDIS!);
    const ttl = await raw.pttl(`${prefix}shared:${Math.floor(T0 / 60_000)}`);
    await raw.quit();
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(61_000);
  });

  it("enforces one limit across two app instances that share REDIS_URL", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0 + 7 * 24 * 3_600_000 + Math.floor(Math.random() * 1e9));
    try {
      const env = { REDIS_URL: REDIS!, TRUST_PROXY: "1" };
      const first = await loadLimits(env);
      const second = await loadLimits(env);
      const ip = { "x-real-ip": `198.51.100.${Math.floor(Math.random() * 250)}` };
      const statuses: number[] = [];
      for (let i = 0; i < first.RATE_LIMITS.images + 2; i++) {
        const denied = await (i % 2 ? first : second).checkRateLimit(post(ip), "images");
        statuses.push(denied?.status ?? 200);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(first.RATE_LIMITS.images);
      expect(statuses.slice(-2)).toEqual([429, 429]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("C-1 a Redis that is down", () => {
  it("falls back to per-instance counting instead of failing open or refusing everyone", async () => {
    const store = RedisCounterStore.connect("redis://127.0.0.1:9/0");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect((await store.hit("x", 60_000, T0)).count).toBe(1);
      expect((await store.hit("x", 60_000, T0)).count).toBe(2);
      expect(warn.mock.calls.flat().join(" ")).toContain("limits_store_fallback");
    } finally {
      await store.close();
      warn.mockRestore();
    }
  });
});

describe("C-1 checkRateLimit", () => {
  it("answers 429 with Retry-After past the per-minute limit, and lets the next window through (fake clock)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0 + 15_000);
    try {
      const { checkRateLimit, RATE_LIMITS } = await loadLimits({ TRUST_PROXY: "1" });
      const ip = { "x-forwarded-for": "203.0.113.9" };
      for (let i = 0; i < RATE_LIMITS.chat; i++) expect(await checkRateLimit(post(ip), "chat")).toBeNull();
      const denied = await checkRateLimit(post(ip), "chat");
      expect(denied?.status).toBe(429);
      expect(denied?.headers.get("retry-after")).toBe("45");
      const body = (await denied!.json()) as { error: { code: string; retryAfter: number; retryable: boolean; message: string } };
      expect(body.error).toMatchObject({ code: "rate_limited", retryAfter: 45, retryable: true });
      expect(body.error.message).toContain(`${RATE_LIMITS.chat} a minute`);
      // Another client, and another route, have their own budgets.
      expect(await checkRateLimit(post({ "x-forwarded-for": "203.0.113.10" }), "chat")).toBeNull();
      expect(await checkRateLimit(post(ip), "models")).toBeNull();
      vi.setSystemTime(T0 + 60_000);
      expect(await checkRateLimit(post(ip), "chat")).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("ignores client-claimed addresses without TRUST_PROXY: one shared bucket, ten times larger", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    try {
      const { checkRateLimit, RATE_LIMITS, SHARED_BUCKET_FACTOR } = await loadLimits({});
      const limit = RATE_LIMITS.images * SHARED_BUCKET_FACTOR;
      for (let i = 0; i < limit; i++) expect(await checkRateLimit(post({ "x-forwarded-for": `10.0.0.${i}` }), "images")).toBeNull();
      expect((await checkRateLimit(post({ "x-forwarded-for": "10.9.9.9" }), "images"))?.status).toBe(429);
    } finally {
      vi.useRealTimers();
    }
  });

  it("gives each unlocked browser its own bucket when an access code is set", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    try {
      const { checkRateLimit, RATE_LIMITS } = await loadLimits({ ACCESS_CODE: "open-sesame" });
      const alice = { cookie: `gs_access=${issueAccessToken("open-sesame")}` };
      const bob = { cookie: `gs_access=${issueAccessToken("open-sesame")}` };
      for (let i = 0; i < RATE_LIMITS.images; i++) expect(await checkRateLimit(post(alice), "images")).toBeNull();
      expect((await checkRateLimit(post(alice), "images"))?.status).toBe(429);
      expect(await checkRateLimit(post(bob), "images")).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("scales with RATE_LIMIT_SCALE, and 0 turns the limiter off", async () => {
    const off = await loadLimits({ RATE_LIMIT_SCALE: "0", TRUST_PROXY: "1" });
    for (let i = 0; i < 200; i++) expect(await off.checkRateLimit(post({ "x-real-ip": "192.0.2.1" }), "images")).toBeNull();
  });
});
