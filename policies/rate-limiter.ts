// A sliding one-minute window of queries per principal, on an injected clock.

export interface RateLimiter {
  /** Records one call for `key` at `nowMs` and returns true, or returns false (recording nothing) when `limit` calls already fell in the last minute. */
  take(key: string, limit: number, nowMs: number): boolean;
}

export function createRateLimiter(windowMs = 60_000): RateLimiter {
  const calls = new Map<string, number[]>();
  return {
    take(key, limit, nowMs) {
      const recent = (calls.get(key) ?? []).filter((t) => t > nowMs - windowMs);
      if (recent.length >= limit) {
        calls.set(key, recent);
        return false;
      }
      recent.push(nowMs);
      calls.set(key, recent);
      return true;
    },
  };
}
