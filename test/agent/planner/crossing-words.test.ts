// The moment a signal crossed a limit, asked in words the crossing patterns were not written for: verbs that cross by
// themselves ("topped", "broke", "climbed past", "went sub"), a "last" or "1st" beside the time phrase, a date written
// before the question ("On 21 October, when did ..."), and a persistence the plan cannot apply.
import { describe, expect, it } from 'vitest';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

describe('crossing questions in other words', () => {
  const { plan, planned } = useReferencePlanner();

  it('reads a "last" that no time phrase took as the last crossing, and keeps "last week" a window', () => {
    const last = planned('t3 lvl last under 2.6m in sept - when', '2026-10-02T07:00:00Z');
    expect(last.operation).toMatchObject({ kind: 'crossing', event: 'below', value: 2.6, which: 'last' });
    expect(last.window.from).toBe('2026-08-31T22:00:00.000Z');
    const first = planned('t2 over 4m first time last wk when', '2026-10-12T07:00:00Z');
    expect(first.operation).toMatchObject({ kind: 'crossing', event: 'above', value: 4 });
    expect(first.operation).not.toMatchObject({ which: 'last' });
    expect([first.window.from, first.window.to]).toEqual(['2026-10-04T22:00:00.000Z', '2026-10-11T22:00:00.000Z']);
  });

  it('reads a bare "1st" before a verb as the first crossing, and "1st-5th sep" still as days', () => {
    const first = planned('T2 lvl 1st breached 4 m lst wk - time', '2026-10-12T07:00:00Z');
    expect(first.operation).toMatchObject({ kind: 'crossing', event: 'above', value: 4 });
    expect(first.window.from).toBe('2026-10-04T22:00:00.000Z');
    const days = planned('raw turb over 10 NTU, how long, 1st-5th sep', '2026-09-10T07:00:00Z');
    expect([days.window.from, days.window.to]).toEqual(['2026-08-31T22:00:00.000Z', '2026-09-05T22:00:00.000Z']);
  });

  it('reads a date written before the question, and a limit with its unit as no clock', () => {
    const q = planned('On 21 October, at what time did the level in tank T1 climb past 5.2 m for the first time?', '2026-10-23T07:00:00Z');
    expect(q.operation).toMatchObject({ kind: 'crossing', event: 'above', value: 5.2 });
    expect([q.window.from, q.window.to]).toEqual(['2026-10-20T22:00:00.000Z', '2026-10-21T22:00:00.000Z']);
  });

  it('declines a persistence it cannot apply instead of answering the first crossing', () => {
    const r = plan('When did the T1 level fall below 3.1 m and stay there on 3 October?', '2026-10-04T06:00:00Z');
    expect(r.kind).toBe('decline');
    expect(r.kind === 'decline' ? r.reason : '').toMatch(/"stay"/);
    expect(planned('how long did T1 lvl stay above 5 m yesterday').operation.kind).toBe('threshold');
  });
});
