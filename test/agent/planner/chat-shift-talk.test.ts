// Shift staff in chat: the weekend asked on Monday, "end of last shift", "first thing today", the day the clocks went
// back (25 hours, 25 hourly buckets), corrections typed inside the message ("t2 sorry t3"), and a bare "the pump" asked
// back with its candidates instead of answered with a tag that merely mentions pumping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { applyCorrections } from '../../../agent/planner/chat-corrections.ts';
import { resolveTime } from '../../../agent/planner/time-window.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

const shifts = [
  { name: 'early', start: '06:00', end: '14:00' },
  { name: 'late', start: '14:00', end: '22:00' },
  { name: 'night', start: '22:00', end: '06:00' },
];
const window = (text: string, now: string): [string, string] | string | null => {
  const parsed = resolveTime(text, { now: new Date(now), timezone: 'Europe/Berlin', shifts });
  if (!parsed) return null;
  return parsed.kind === 'instant' ? (parsed.at?.toISOString() ?? null) : [parsed.window.from, parsed.window.to];
};

describe('chat time words', () => {
  it.each([
    // Monday 07:30: the weekend just ended, Saturday 00:00 to Monday 00:00 plant time.
    ['flow over the weekend', '2026-10-12T05:30:00Z', ['2026-10-09T22:00:00.000Z', '2026-10-11T22:00:00.000Z']],
    // Sunday: the weekend under way, up to now; "last weekend" is the one before.
    ['flow over the weekend', '2026-10-18T10:00:00Z', ['2026-10-16T22:00:00.000Z', '2026-10-18T10:00:00.000Z']],
    ['flow last weekend', '2026-10-18T10:00:00Z', ['2026-10-09T22:00:00.000Z', '2026-10-11T22:00:00.000Z']],
    // Across the change back to CET on 25 October: Saturday 00:00 CEST to Monday 00:00 CET.
    ['flow over the weekend', '2026-10-26T06:00:00Z', ['2026-10-23T22:00:00.000Z', '2026-10-25T23:00:00.000Z']],
    // The end of the shift just finished (17:20: the late shift is on, the early one ended at 14:00).
    ['t2 level end of last shift', '2026-10-09T15:20:00Z', '2026-10-09T12:00:00.000Z'],
    ['level at the start of the night shift', '2026-10-09T05:00:00Z', '2026-10-08T20:00:00.000Z'],
    // First thing: the start of the morning (06:00 plant time) of the day named, today when none is.
    ['t3 level first thing today', '2026-10-16T12:00:00Z', '2026-10-16T04:00:00.000Z'],
    ['t3 level 1st thing', '2026-10-27T12:00:00Z', '2026-10-27T05:00:00.000Z'],
    // "since start of this shift": from the start of the shift under way up to now.
    ['t3 lvl since start of this shift', '2026-10-20T09:30:00Z', ['2026-10-20T04:00:00.000Z', '2026-10-20T09:30:00.000Z']],
    // The night the clocks went back: 22:00 CEST to 06:00 CET, nine hours.
    ['turbidity during the night shift', '2026-10-25T05:30:00Z', ['2026-10-24T20:00:00.000Z', '2026-10-25T05:00:00.000Z']],
  ])('%s (asked %s)', (text, now, expected) => {
    expect(window(text, now)).toEqual(expected);
  });

  it('leaves "end of" that names no period alone', () => {
    expect(window('pressure at the end of the main yesterday', '2026-10-15T08:30:00Z')).toEqual([
      '2026-10-13T22:00:00.000Z',
      '2026-10-14T22:00:00.000Z',
    ]);
  });
});

describe('corrections typed inside a message', () => {
  const markers = ['i mean', 'sorry', 'sry'];
  it.each([
    ['t2 sorry t3 lvl', 't3 lvl'],
    ['bps1 p2 sorry p1 power avg yday', 'bps1 p1 power avg yday'],
    ['t2 lvl sry t3', 't3 lvl'],
    ['bps2 p1 amps sry p2 amps', 'bps2 p2 amps'],
    ['t1 lvl yday, sorry, today', 't1 lvl today'],
    ['sorry to bother, t1 lvl', 't1 lvl'],
  ])('%s -> %s', (text, read) => {
    expect(applyCorrections(text, markers).replace(/^[\s,]+/, '')).toBe(read);
  });
});

describe('planning chat questions', () => {
  const { plan, planned } = useReferencePlanner();

  it('reads the tag after a correction word', () => {
    expect(planned('t2 sorry t3 lvl', '2026-09-30T09:12:00Z').tags.map((t) => t.name)).toEqual(['T3/Tank/Level']);
  });

  it('asks back which pump when "the pump" names none, offering the pumps', () => {
    const result = plan('is the pump running rn', '2026-10-10T10:00:00Z');
    expect(result.kind).toBe('ambiguous');
    expect(result.kind === 'ambiguous' ? result.candidates : []).toEqual(
      expect.arrayContaining(['BPS02/P01/Running', 'WTP01/P03/Running']),
    );
  });

  it('asks back which tank for a bare "tank level", not the hypochlorite day tank\'s TankLevel', () => {
    const result = plan('tank lvl rn', '2026-10-20T05:30:00Z');
    expect(result.kind === 'ambiguous' ? result.candidates : result.kind).toEqual(['T1/Tank/Level', 'T2/Tank/Level', 'T3/Tank/Level']);
    expect(planned('hypo tank lvl now', '2026-10-19T06:05:00Z').tags.map((t) => t.name)).toEqual(['WTP01/CL01/TankLevel']);
  });

  it.each([
    // The thesaurus' chat forms: a shift named without which one, "overnite".
    ['t3 lvl since start of shift', '2026-10-20T09:30:00Z', '2026-10-20T04:00:00.000Z', '2026-10-20T09:30:00.000Z'],
    ['dma1 inflow min overnite', '2026-10-20T05:30:00Z', '2026-10-19T20:00:00.000Z', '2026-10-20T04:00:00.000Z'],
  ])('reads the window of "%s" (asked %s)', (question, now, from, to) => {
    const { window: read } = planned(question, now);
    expect([read.from, read.to]).toEqual([from, to]);
  });

  it('asks when for "earlier" with no time, instead of answering with the value now', () => {
    const result = plan('t1 lvl earlier', '2026-10-20T09:30:00Z');
    expect(result.kind).toBe('decline');
    expect(result.kind === 'decline' ? result.reason : '').toMatch(/"earlier"/);
  });

  it('finds the high-lift pumps\' status for "hl pumps run hrs"', () => {
    expect(planned('hl pumps run hrs over the wknd', '2026-10-12T05:30:00Z').tags.map((t) => t.name)).toEqual([
      'WTP01/P01/Running',
      'WTP01/P02/Running',
      'WTP01/P03/Running',
    ]);
  });
});

describe('hourly series on the day the clocks went back', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await createTestRuntime();
  });
  afterAll(async () => {
    await rt.runtime.close();
  });

  it('has 25 hourly buckets, the repeated 02:00 hour included', async () => {
    const principal = rt.runtime.principalFor('engineer')!;
    const answer: Answer = await rt.runtime.ask({
      principal,
      question: 'hrly bps03 flow yday',
      channel: 'mattermost',
      requestId: 'chat-dst-hourly',
      now: new Date('2026-10-26T07:30:00Z'),
    });
    expect(answer.answer).toMatch(/\b25 buckets\b/);
  });
});
