// The occurrences of a configured shift in a window, across midnight and the end of summer time.
import { describe, expect, it } from 'vitest';
import { shiftSpansIn } from '../../../agent/planner/shift-spans.ts';

const night = { name: 'Night', start: '22:00', end: '06:00' };
const early = { name: 'Early', start: '06:00', end: '14:00' };
const tz = 'Europe/Berlin';
const iso = (spans: { from: Date; to: Date }[]): string[] => spans.map((s) => `${s.from.toISOString()}/${s.to.toISOString()}`);

describe('shiftSpansIn', () => {
  it('gives each night shift that starts in the week, the one over the end of summer time 9 hours long', () => {
    const spans = shiftSpansIn(
      night,
      new Date('2026-10-18T22:00:00Z'),
      new Date('2026-10-25T23:00:00Z'),
      new Date('2026-10-30T07:00:00Z'),
      tz,
    );
    expect(spans).toHaveLength(7);
    expect(iso(spans)[0]).toBe('2026-10-19T20:00:00.000Z/2026-10-20T04:00:00.000Z');
    expect(iso(spans)[5]).toBe('2026-10-24T20:00:00.000Z/2026-10-25T05:00:00.000Z');
    expect(iso(spans)[6]).toBe('2026-10-25T21:00:00.000Z/2026-10-26T05:00:00.000Z');
  });

  it('ends the shift still running at now and leaves out the ones not begun', () => {
    const spans = shiftSpansIn(
      early,
      new Date('2026-10-25T23:00:00Z'),
      new Date('2026-10-30T07:00:00Z'),
      new Date('2026-10-30T07:00:00Z'),
      tz,
    );
    expect(spans).toHaveLength(5);
    expect(iso(spans)[4]).toBe('2026-10-30T05:00:00.000Z/2026-10-30T07:00:00.000Z');
  });
});
