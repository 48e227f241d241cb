// Per-principal token bucket for the expensive routes (ask, sql): bounded memory, injected clock.

export interface RateLimitOptions {
  /** Burst size: requests allowed at once. */
  capacity: number;
  /** Sustained rate, requests per second. */
  refillPerSecond: number;
  /** Most keys kept; the least recently seen are dropped beyond it. */
  maxKeys?: number;
}

export type RateLimitOutcome = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes one token for `key`, or refuses with the seconds until one is available. */
  take(key: string): RateLimitOutcome;
}

/** Default: bursts of 20, then one request every 2 s per principal. */
export const defaultRateLimit: RateLimitOptions = { capacity: 20, refillPerSecond: 0.5 };

export function createRateLimiter(options: RateLimitOptions, nowMs: () => number): RateLimiter {
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, { tokens: number; atMs: number }>();
  return {
    take(key) {
      const now = nowMs();
      const bucket = buckets.get(key) ?? { tokens: options.capacity, atMs: now };
      buckets.delete(key);
      bucket.tokens = Math.min(options.capacity, bucket.tokens + ((now - bucket.atMs) / 1000) * options.refillPerSecond);
      bucket.atMs = now;
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / options.refillPerSecond)) };
    },
  };
}
