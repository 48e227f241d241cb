// Bare-hour clock ranges are read where a clock range fits (beside a day, with a clock word), never where the numbers
// are a band of values, a count, priorities, days of a month or numbered things; German dotted dates and time words.
import { describe, expect, it } from 'vitest';
import { writeClockHourRanges } from '../../../agent/planner/clock-hour-ranges.ts';
import { slashDottedDays } from '../../../agent/planner/dotted-day-month.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan } = useReferencePlanner();

const windowOf = (question: string, now: string): { from: string; to: string } | string => {
  const result = plan(question, now);
  return result.kind === 'plan' && result.window ? { from: result.window.from, to: result.window.to } : result.kind;
};

describe('a bare-hour range', () => {
  it.each([
    ['t1 level avg 8-12 today', 't1 level avg from 08:00 to 12:00 today'],
    ['avg flow 6-10 yesterday', 'avg flow from 06:00 to 10:00 yesterday'],
    ['avg kw 17-20h yesterday', 'avg kw from 17:00 to 20:00 yesterday'],
    ['avg kw 17-20h', 'avg kw from 17:00 to 20:00'],
    ['inflow from 6 till 10 yesterday', 'inflow from 06:00 to 10:00 yesterday'],
    ["turb from 22 until 2 o'clock last night", 'turb from 22:00 to 02:00 last night'],
    ['t3 level today from 6 until 9', 't3 level today from 06:00 to 09:00'],
    ['dma02 max 4-8 on 3/10', 'dma02 max from 04:00 to 08:00 on 3/10'],
    ['cl2 min 9-11h am 8.10.', 'cl2 min from 09:00 to 11:00 on 8.10.'],
    ['t1 max 22-6 last night', 't1 max from 22:00 to 06:00 last night'],
    ["flow between 14 and 18 o'clock yesterday", 'flow from 14:00 to 18:00 yesterday'],
  ])('"%s" is a clock range', (text, written) => {
    expect(writeClockHourRanges(text)).toBe(written);
  });

  it.each([
    'p1-p3 running yesterday',
    't1-t3 level yesterday',
    'dma1-3 inflow yesterday',
    'avg t1 last 7-10 days',
    'how long was t1 3-5 m yesterday',
    '2-3 pumps running yesterday',
    'alarms priority 1-2 yesterday',
    'avg flow 5-11 oct',
    'how long was t1 between 2 and 4 yesterday',
    'pumps ran for 3-5h yesterday',
    'avg flow 6-10',
    'yesterday 2-3 pumps running',
    'yesterday 3-5 m',
    'did the setpoint change from 6 to 10 yesterday',
  ])('"%s" is not', (text) => {
    expect(writeClockHourRanges(text)).toBe(text);
  });
});

describe('German dates and time words', () => {
  it('a short dotted date is a date where a decimal cannot stand: closed by a dot, or after a word of a day', () => {
    expect(slashDottedDays('alarms 8.10. wtp')).toBe('alarms 8/10  wtp');
    expect(slashDottedDays('alarms on 8.10')).toBe('alarms on 8/10');
    expect(slashDottedDays('ph 8.10 yday')).toBe('ph 8.10 yday');
    expect(slashDottedDays('t1 above 1.9. yday')).toBe('t1 above 1.9. yday');
    expect(slashDottedDays('since 1.10.2026')).toBe('since 1.10.2026');
  });

  it('"heute", "gestern", "von ... bis ... uhr", "am 26.8.", "seit 1.9." are read as time words', () => {
    expect(windowOf('T1 lvl avg heute von 6 bis 9', '2026-09-18T08:00:00Z')).toEqual({
      from: '2026-09-18T04:00:00.000Z',
      to: '2026-09-18T07:00:00.000Z',
    });
    expect(windowOf('raw turb max gestern 14-18 uhr', '2026-08-13T06:00:00Z')).toEqual({
      from: '2026-08-12T12:00:00.000Z',
      to: '2026-08-12T16:00:00.000Z',
    });
    expect(windowOf('T1 lvl max 1600-1615 am 26.8.', '2026-08-28T07:00:00Z')).toEqual({
      from: '2026-08-26T14:00:00.000Z',
      to: '2026-08-26T14:15:00.000Z',
    });
    expect(windowOf('alms seit 1.9.', '2026-10-20T06:00:00Z')).toMatchObject({ from: '2026-08-31T22:00:00.000Z' });
  });
});

describe('periods joined into one', () => {
  it('"in September and October" is one span; compared, they stay two', () => {
    expect(windowOf('how much water went into dma02 in September and October', '2026-11-01T07:00:00Z')).toEqual({
      from: '2026-08-31T22:00:00.000Z',
      to: '2026-10-31T23:00:00.000Z',
    });
    expect(windowOf('compare dma02 inflow in september and october', '2026-11-01T07:00:00Z')).toEqual({
      from: '2026-09-30T22:00:00.000Z',
      to: '2026-10-31T23:00:00.000Z',
    });
  });

  it('a night shift named by the two dates it lies across is the shift of the first', () => {
    expect(windowOf('alarms during night shift 21st->22nd sep', '2026-09-22T06:00:00Z')).toEqual({
      from: '2026-09-21T20:00:00.000Z',
      to: '2026-09-22T04:00:00.000Z',
    });
  });

  it('"over the whole period" is all the data up to now', () => {
    expect(windowOf('max raw turbidity over the whole period', '2026-11-01T07:00:00Z')).toMatchObject({ to: '2026-11-01T07:00:00.000Z' });
  });
});
