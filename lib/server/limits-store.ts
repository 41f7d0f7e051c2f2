import "server-only";
import Redis from "ioredis";
import { log } from "./log";

/** One counted hit in a fixed window: how many hits the window holds now and when it ends (epoch ms). */
export type WindowCount = { count: number; resetAt: number };

/**
 * Fixed-window counters for rate limits and the access-code throttle. The window is chosen from the caller's
 * clock (`now`), so tests can move time without waiting, against memory and Redis alike.
 */
export interface CounterStore {
  hit(key: string, windowMs: number, now: number): Promise<WindowCount>;
}

function windowOf(windowMs: number, now: number) {
  const index = Math.floor(now / windowMs);
  return { index, resetAt: (index + 1) * windowMs };
}

/** Counters for one instance. Expired windows are swept so memory stays bounded under a flood of clients. */
export class MemoryCounterStore implements CounterStore {
  private readonly counts = new Map<string, WindowCount>();
  private lastSweep = 0;

  constructor(private readonly maxKeys = 50_000) {}

  async hit(key: string, windowMs: number, now: number): Promise<WindowCount> {
    this.sweep(now);
    const { index, resetAt } = windowOf(windowMs, now);
    const slot = `${key}:${index}`;
    const entry = this.counts.get(slot) ?? { count: 0, resetAt };
    entry.count += 1;
    this.counts.set(slot, entry);
    return { ...entry };
  }

  get size(): number {
    return this.counts.size;
  }

  private sweep(now: number) {
    if (now - this.lastSweep < 10_000 && this.counts.size < this.maxKeys) return;
    this.lastSweep = now;
    for (const [slot, entry] of this.counts) if (entry.resetAt <= now) this.counts.delete(slot);
    // Still full of live windows (a flood of distinct clients): drop the oldest rather than grow without bound.
    for (const slot of this.counts.keys()) {
      if (this.counts.size < this.maxKeys) break;
      this.counts.delete(slot);
    }
  }
}

// INCR and the expiry in one step, so a crash between them cannot leave a counter that never expires.
const HIT_SCRIPT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/**
 * Counters shared by every instance that points at the same Redis. If Redis fails, counting falls back to this
 * instance's memory (logged), so limits still hold per instance instead of failing open or refusing everyone.
 */
export class RedisCounterStore implements CounterStore {
  private readonly fallback = new MemoryCounterStore();
  private lastWarn = 0;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = "gs:",
  ) {}

  static connect(url: string, prefix?: string): RedisCounterStore {
    const redis = new Redis(url, {
      // A limiter must not make requests wait on a sick Redis: fail fast and use the fallback.
      maxRetriesPerRequest: 1,
      commandTimeout: 500,
      connectTimeout: 2_000,
      enableOfflineQueue: true,
      lazyConnect: false,
    });
    redis.on("error", () => {
      // Reported (without the URL, which may hold a password) when a command falls back.
    });
    return new RedisCounterStore(redis, prefix);
  }

  async hit(key: string, windowMs: number, now: number): Promise<WindowCount> {
    const { index, resetAt } = windowOf(windowMs, now);
    try {
      const count = Number(await this.redis.eval(HIT_SCRIPT, 1, `${this.prefix}${key}:${index}`, String(windowMs + 1_000)));
      return { count, resetAt };
    } catch (err) {
      if (now - this.lastWarn > 60_000) {
        this.lastWarn = now;
        log.warn("limits_store_fallback", { reason: err instanceof Error ? err.name : "unknown" });
      }
      return this.fallback.hit(key, windowMs, now);
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

let shared: CounterStore | undefined;
let sharedFor: string | undefined;

/** The process-wide store: Redis when REDIS_URL is set, otherwise this instance's memory. */
export function getCounterStore(redisUrl: string | undefined): CounterStore {
  if (!shared || sharedFor !== (redisUrl ?? "")) {
    shared = redisUrl ? RedisCounterStore.connect(redisUrl) : new MemoryCounterStore();
    sharedFor = redisUrl ?? "";
  }
  return shared;
}
