// The Teams replay guard: an activity is accepted once, only within the window around the server clock.
import { describe, expect, it } from 'vitest';
import { createReplayGuard } from '../../../ui/bots/replay-guard.ts';

const t0 = Date.UTC(2026, 2, 2, 8);
const at = (ms: number) => new Date(ms).toISOString();

describe('createReplayGuard', () => {
  it('accepts an id once within the window and refuses it again', () => {
    const guard = createReplayGuard(300_000);
    expect(guard.check('a', at(t0), t0)).toBe('ok');
    expect(guard.check('a', at(t0), t0 + 1_000)).toBe('replayed');
    expect(guard.check('b', at(t0), t0 + 1_000)).toBe('ok');
  });

  it('refuses activities outside the window, undated or without an id', () => {
    const guard = createReplayGuard(300_000);
    expect(guard.check('a', at(t0 - 300_001), t0)).toBe('stale');
    expect(guard.check('a', at(t0 + 300_001), t0)).toBe('future');
    expect(guard.check('a', 'yesterday', t0)).toBe('no_timestamp');
    expect(guard.check(undefined, at(t0), t0)).toBe('no_id');
  });

  it('forgets ids once their timestamp alone refuses them, so memory stays bounded by the window', () => {
    const guard = createReplayGuard(1_000);
    for (let i = 0; i < 1500; i++) expect(guard.check(`id-${i}`, at(t0), t0)).toBe('ok');
    expect(guard.check('late', at(t0 + 5_000), t0 + 5_000)).toBe('ok');
    expect(guard.size).toBeLessThanOrEqual(1);
    expect(guard.check('id-1', at(t0), t0 + 5_000)).toBe('stale');
  });
});
