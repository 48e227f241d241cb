// Time inside / outside a band, outside a tag's alarm limits, the plant-local days beyond a limit and the longest
// stretch: one typed comparator read from the question, and the plan each question gets (or the decline naming why not).
import { describe, expect, it } from 'vitest';
import { comparatorOf } from '../../../agent/planner/comparator-words.ts';
import { readThreshold } from '../../../agent/planner/threshold-expression.ts';
import { readThresholdReport } from '../../../agent/planner/threshold-report.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan, planned } = useReferencePlanner();
const cue = (text: string) => readThreshold(text)?.cue;

describe('one typed comparator', () => {
  it.each([
    ['above', 'above'],
    ['over', 'above'],
    ['>', 'above'],
    ['exceeds', 'above'],
    ['went over', 'above'],
    ['below', 'below'],
    ['under', 'below'],
    ['<', 'below'],
    ['dropped below', 'below'],
    ['between', 'between'],
    ['within', 'between'],
    ['outside', 'outside'],
    ['out of', 'outside'],
    ['out of band', 'outside'],
  ])('"%s" is %s', (words, comparator) => {
    expect(comparatorOf(words)).toBe(comparator);
  });

  it('reads a band of two numbers, lower end first whichever is written first, the unit after either number', () => {
    expect(cue('t1 level between 2 and 4 m yday')).toEqual({ comparator: 'between', value: 2, upper: 4, unit: 'm' });
    expect(cue('outside 5-3 bar at bps03')).toEqual({ comparator: 'outside', value: 3, upper: 5, unit: 'bar' });
    expect(cue('hrs out of band 0.4 - 0.5 mg/l')).toEqual({ comparator: 'outside', value: 0.4, upper: 0.5, unit: 'mg/l' });
    expect(cue('within 0,35 to 0,5')).toEqual({ comparator: 'between', value: 0.35, upper: 0.5 });
    expect(cue('btwn 4 bar and 4.4 bar')).toEqual({ comparator: 'between', value: 4, upper: 4.4, unit: 'bar' });
  });

  it('reads "did it stay within" as the stretches outside (none: it stayed)', () => {
    expect(cue('did t1 lvl stay within 3.5-5.5 m last wk')?.comparator).toBe('outside');
    expect(cue('how long did t1 stay within 3.5-5.5 m')?.comparator).toBe('between');
  });

  it('still reads one side of a limit as before', () => {
    expect(cue('t1 lvl over 5.3 m')).toEqual({ comparator: 'above', value: 5.3, unit: 'm' });
    expect(cue('cp press < 2.5 bar')).toEqual({ comparator: 'below', value: 2.5, unit: 'bar' });
  });

  it('does not read two bare hours as a band ("between 6 and 8")', () => {
    expect(cue('t2 level between 6 and 8 yesterday')).toBeUndefined();
  });
});

describe('what a threshold question asks of the stretches', () => {
  it.each([
    ['on how many days       did it exceed', 'day-count'],
    ['no of days raw turb', 'day-count'],
    ['which days was t1', 'days'],
    ['days t2 lvl blw', 'days'],
    ['longest stretch t2', 'longest'],
    ['longest continuous period that the level', 'longest'],
    ['how many times', 'count'],
    ['% of the time', 'share'],
  ])('"%s" asks for %s', (text, report) => {
    expect(readThresholdReport(text)?.report).toBe(report);
  });

  it('"how long ..., and the longest stretch" asks for every stretch', () => {
    expect(readThresholdReport('how long was t1 under 3 m, and the longest stretch')).toBeNull();
  });
});

describe('plans', () => {
  const now = '2026-11-01T08:00:00Z';

  it('time inside a band', () => {
    expect(planned('How long was the T1 level between 4 and 5 m yesterday?', '2026-10-22T07:00:00Z').operation).toEqual({
      kind: 'threshold',
      comparator: 'between',
      value: 4,
      upper: 5,
    });
  });

  it("outside a tag's alarm limits is outside the band between them; of a tag with one limit, beyond it", () => {
    const cw = planned('How long was the clearwell level outside its alarm limits in October?', now);
    expect(cw.tags.map((t) => t.name)).toEqual(['WTP01/CW01/Level']);
    expect(cw.operation).toMatchObject({ comparator: 'outside', value: 1.2, upper: 4.2 });
    const vib = planned('How long was the vibration of BPS03 pump P02 outside its alarm limits this week?', '2026-10-30T07:00:00Z');
    expect(vib.operation).toMatchObject({ comparator: 'above', value: 7.1 });
    expect(planned('% time dma2 cp press within alarm limits oct', now).operation).toMatchObject({
      comparator: 'between',
      report: 'share',
    });
  });

  it('the plant-local days beyond a limit, or how many', () => {
    expect(planned('which days was t1 above 5.3m last month', now).operation).toMatchObject({ report: 'days' });
    expect(planned('On how many days last month did the T1 level exceed 5.3 m?', now).operation).toMatchObject({ report: 'day-count' });
    expect(planned('hours per day T1 above 5.3 m last month', now).operation).toMatchObject({ report: 'per-day' });
  });

  it('the longest stretch', () => {
    expect(planned('longest time t2 lvl under 3m last wk', '2026-10-26T07:00:00Z').operation).toMatchObject({
      comparator: 'below',
      value: 3,
      report: 'longest',
    });
  });

  it.each([
    ['On how many days last month was the daily average T1 level above 4.5 m?', 'average'],
    ['how many days t1 lvl avg over 4.5m last mth', 'avg'],
    ['hrs t1 lvl outside 4-5 m on a rolling 1h avg yday', 'rolling'],
    ['how many times per day was T1 above 5 m last week', 'per day'],
    ['when did T1 first go outside 4-5 m yesterday', 'band'],
  ])('declines "%s", naming %s', (question, word) => {
    const result = plan(question, now);
    expect(result.kind).toBe('decline');
    expect(result.kind === 'decline' && result.reason).toContain(word);
  });
});
