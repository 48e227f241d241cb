// A sliding one-minute window of queries per principal, on an injected clock.

export interface RateLimiter {
  /** Records one call for `key` at `nowMs` and returns true, or returns false (recording nothing) when `limit` calls already fell in the last minute. */
  take(key: string, limit: number, nowMs: number): boolean;
  /** Principals with calls still inside the window (older ones are forgotten as the map grows). */
  readonly size: number;
}

/** Principals tracked before the limiter sweeps out those whose calls all left the window. */
const sweepAbove = 1024;

export function createRateLimiter(windowMs = 60_000): RateLimiter {
  const calls = new Map<string, number[]>();
  let sweepAt = sweepAbove;
  const sweep = (nowMs: number): void => {
    for (const [key, times] of calls) if ((times[times.length - 1] ?? -Infinity) <= nowMs - windowMs) calls.delete(key);
    // Sweep again only when the map has doubled: the cost stays proportional to the calls.
    sweepAt = Math.max(sweepAbove, calls.size * 2);
  };
  return {
    take(key, limit, nowMs) {
      // A call recorded after `nowMs` is not in the last minute: the clock went back (`otq eval` runs each question at its
      // own `now`; a system clock may be stepped back). Counting it would refuse every call until the clock caught up.
      const recent = (calls.get(key) ?? []).filter((t) => t > nowMs - windowMs && t <= nowMs);
      if (recent.length >= limit) {
        calls.set(key, recent);
        return false;
      }
      recent.push(nowMs);
      calls.set(key, recent);
      if (calls.size > sweepAt) sweep(nowMs);
      return true;
    },
    get size() {
      return calls.size;
    },
  };
}
