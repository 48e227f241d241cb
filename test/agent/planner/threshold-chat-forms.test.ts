// Threshold questions as engineers type them in chat (u13t): the limit included ("at or above", "at/below", "5.3 m
// exceeded"), a statistic word where the limit stands ("above its max": declined, never the maximum), both alarm limits
// ("lo/hi lims", "beyond its limits"), what is asked of the stretches ("# of times", "max duration", "how much of the
// time", "from when to when"), a yes or no held over the window without an auxiliary ("kept above", "all day"), and the
// conditions no plan applies (a length the stretches must have, a time in alarm).
import { describe, expect, it } from 'vitest';
import { readThreshold, vagueComparison } from '../../../agent/planner/threshold-expression.ts';
import { readLimitWords } from '../../../agent/planner/limit-words.ts';
import { readThresholdReport } from '../../../agent/planner/threshold-report.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan, planned } = useReferencePlanner();
const cue = (text: string) => readThreshold(text)?.cue;

describe('the limit included, in chat words', () => {
  it('reads "at or above", "on or over", "at/above" as at or above; "at or below", "at/under" as at or below', () => {
    for (const text of ['t1 level at or above 5.3 m', 't1 level on or over 5.3 m', 't1 level at/above 5.3 m'])
      expect(cue(text)).toEqual({ comparator: 'above', value: 5.3, unit: 'm', inclusive: true });
    for (const text of ['t2 level at or below 3.8 m', 'cp press at/under 2 bar'])
      expect(cue(text)).toMatchObject({ comparator: 'below', inclusive: true });
  });

  it('reads a limit said before its verb: "5.3 m exceeded"', () => {
    expect(cue('5.3 m exceeded on t1 how many days')).toEqual({ comparator: 'above', value: 5.3, unit: 'm' });
  });
});

describe('a statistic word where the limit stands', () => {
  it('names "above its max", "over max level", "under minimum": no number, and not the maximum of the window', () => {
    expect(vagueComparison('t1 above its max yesterday')).toBe('above its max');
    expect(vagueComparison('t1 over max level hours')).toBe('over max level');
    expect(vagueComparison('final cl2 under minimum on 8 oct')).toBe('under minimum');
  });

  it('leaves the limit words to the catalog limits ("above max alarm") and a number said after it', () => {
    expect(vagueComparison('t1 level above max alarm yesterday')).toBeNull();
    expect(readLimitWords('t1 level above max alarm yesterday')?.cue).toMatchObject({ side: 'high', comparator: 'above' });
    expect(vagueComparison('t1 level above the max of 5.3 m')).toBeNull();
  });

  it.each([
    ['T1 above max level yday', 'above max level'],
    ['ps3 p2 vib above its max this wk, hrs', 'above its max'],
    ['fw cl2 under minimum on 8 oct hrs', 'under minimum'],
  ])('declines "%s", naming %s', (question, words) => {
    const result = plan(question, '2026-10-30T07:00:00Z');
    expect(result.kind === 'decline' && result.reason).toContain(words);
  });
});

describe('both alarm limits named', () => {
  it('reads "lo/hi lims", "min/max limits", "alarm band" and "beyond its limits" as outside the band', () => {
    for (const text of [
      'cw level outside min and max lims oct',
      'cw level outside lo/hi lims oct',
      'cp press out of alarm band oct',
      'cw level beyond limits oct',
      'cw level exceeded its alarm limits',
    ])
      expect(readLimitWords(text)?.cue).toMatchObject({ comparator: 'outside' });
    expect(readLimitWords('cw level beyond hi limit oct')?.cue).toMatchObject({ side: 'high', comparator: 'above' });
  });

  it('plans them on the catalog limits', () => {
    expect(planned('cw lvl outside lo/hi lims oct hrs', '2026-11-01T08:00:00Z').operation).toMatchObject({
      comparator: 'outside',
      value: 1.2,
      upper: 4.2,
    });
  });
});

describe('what is asked of the stretches', () => {
  it('reads "max duration" as the longest, "how much of the time" as a share, "occurrences" as a count', () => {
    expect(readThresholdReport('max duration t1 below 3.5 m')?.report).toBe('longest');
    expect(readThresholdReport('how much of the time was t1 level above 5 m')?.report).toBe('share');
    expect(readThresholdReport('how many occurrences cw level above 4.2 m')?.report).toBe('count');
  });

  it('reads "from when to when", "when and how long" as the stretches themselves, their words blanked', () => {
    const read = readThresholdReport('t1 level above 5.2 m from when to when');
    expect(read?.report).toBe('stretches');
    expect(read?.text).not.toContain('when');
  });

  it.each([
    ['# of times cw lvl > 4.2 m in oct', '2026-11-01T08:00:00Z', { report: 'count' }],
    ['max duration T1 < 3.5 m l/wk', '2026-10-12T07:00:00Z', { report: 'longest' }],
    ['t1 lvl > 5.2 m 21 oct, from when to when', '2026-10-23T07:00:00Z', { kind: 'threshold', comparator: 'above' }],
    ['when did t1 go above 5.2 m and how long 21 oct', '2026-10-23T07:00:00Z', { kind: 'threshold' }],
    ['cl2 wtp under 0.3 when yday', '2026-10-09T08:00:00Z', { kind: 'crossing' }],
    ['T1 lvl gt 5.2m 21 oct hrs', '2026-10-23T07:00:00Z', { comparator: 'above', value: 5.2 }],
    ['fw cl2 < .3 mg/l 8 oct hrs', '2026-10-09T07:00:00Z', { comparator: 'below', value: 0.3 }],
    ['T1 lvl over 5.3 m how many hours a day oct', '2026-11-01T08:00:00Z', { report: 'per-day' }],
  ])('plans "%s"', (question, now, operation) => {
    expect(planned(question, now).operation).toMatchObject(operation);
  });
});

describe('a yes or no held over the window', () => {
  it('answers "kept above" and "above ... all day" by the stretches that say no', () => {
    for (const question of ['T1 lvl kept above 3.5 m l/wk?', 'was T1 above 3.5 m all day yday', 'T1 lvl above 3.5m throughout l/wk'])
      expect(planned(question, '2026-10-12T07:00:00Z').operation).toMatchObject({ comparator: 'below', value: 3.5, inclusive: true });
  });

  it('keeps the side when an amount of the stretches is asked ("hrs T1 stayed above 4 m")', () => {
    expect(planned('hrs T1 stayed above 4 m yday', '2026-10-22T07:00:00Z').operation).toMatchObject({ comparator: 'above' });
  });
});

describe('what no plan applies', () => {
  it.each([
    ['T1 lvl hi yday hrs', 'hrs'],
    ['times T1 > 5.3 m longer than 1h in oct', 'longer than 1'],
    ['When did T1 first exceed 5.2 m on 21 October, and for how long?', 'how long'],
    ['worst excursion cw lvl above 4.2 m oct', 'worst'],
  ])('declines "%s", naming %s', (question, words) => {
    const result = plan(question, '2026-11-01T08:00:00Z');
    expect(result.kind === 'decline' && result.reason).toContain(words);
  });

  it('still answers a statistic over a bare span of hours ("T1 lvl max last 24 hrs")', () => {
    expect(planned('T1 lvl max last 24 hrs', '2026-10-22T07:00:00Z').operation).toEqual({ kind: 'aggregate', fns: ['max'] });
  });
});
