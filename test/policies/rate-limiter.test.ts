// The per-principal rate limit: a sliding minute, and principals that went quiet are forgotten (a server meets many).
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../policies/rate-limiter.ts';

describe('createRateLimiter', () => {
  it('admits `limit` calls per sliding minute and records nothing for a refused call', () => {
    const limiter = createRateLimiter();
    const t0 = Date.parse('2026-11-26T08:00:00Z');
    expect([0, 10, 20].map((s) => limiter.take('eve', 3, t0 + s * 1000))).toEqual([true, true, true]);
    expect(limiter.take('eve', 3, t0 + 59_000)).toBe(false);
    expect(limiter.take('bob', 3, t0 + 59_000)).toBe(true);
    expect(limiter.take('eve', 3, t0 + 60_001)).toBe(true);
    expect(limiter.take('eve', 3, t0 + 61_000)).toBe(false);
  });

  it('a clock that went back (an eval question asked days earlier than the one before) does not count later calls', () => {
    const limiter = createRateLimiter();
    const t0 = Date.parse('2026-10-30T07:00:00Z');
    expect([0, 1, 2].map((s) => limiter.take('eve', 3, t0 + s * 1000))).toEqual([true, true, true]);
    expect(limiter.take('eve', 3, t0 + 3000)).toBe(false);
    const earlier = Date.parse('2026-10-02T07:00:00Z');
    expect([0, 1, 2].map((s) => limiter.take('eve', 3, earlier + s * 1000))).toEqual([true, true, true]);
    expect(limiter.take('eve', 3, earlier + 3000)).toBe(false);
  });

  it('forgets principals whose calls all left the window once many are tracked', () => {
    const limiter = createRateLimiter();
    const t0 = Date.parse('2026-11-26T08:00:00Z');
    for (let i = 0; i < 1024; i++) limiter.take(`bot-user-${i}`, 10, t0);
    expect(limiter.size).toBe(1024);
    for (let i = 0; i < 10; i++) limiter.take(`later-${i}`, 10, t0 + 61_000);
    expect(limiter.size).toBe(10);
    expect(limiter.take('bot-user-1', 1, t0 + 61_000)).toBe(true);
  });
});
