// Control-room time jargon: report-day offsets ("D-1"), four-digit clock spans ("0600-1400"), and shift spans
// ("06-14 shift", "22-06"), read as the windows an operator means; and a day-month date with a clock span over midnight.
import { describe, expect, it } from 'vitest';
import { rewriteOperatorTime } from '../../../agent/planner/operator-time.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const shifts = [
  { name: 'early', start: '06:00', end: '14:00' },
  { name: 'late', start: '14:00', end: '22:00' },
  { name: 'night', start: '22:00', end: '06:00' },
];

describe('rewriteOperatorTime', () => {
  it.each([
    ['t2 lt @ 0600 d-1', 't2 lt @ 0600 yesterday'],
    ['vib peak d-2', 'vib peak day before yesterday'],
    ['flow d-5', 'flow 5 days ago'],
    ['raw fit avg 0600-1400 today', 'raw fit avg from 06:00 to 14:00 today'],
    ['amps max 2200-0600 shift', 'amps max night shift'],
    ['t3 lt avg 06-14 shift d-1', 't3 lt avg early shift yesterday'],
    ['amps max 22-06 shift 28/10', 'amps max night shift 28/10'],
    ['vib hourly max 29/10 00-06', 'vib hourly max 29/10 from 00:00 to 06:00'],
    ['flow 07-09 shift', 'flow from 07:00 to 09:00'],
  ])('"%s" reads "%s"', (text, expected) => expect(rewriteOperatorTime(text, shifts)).toBe(expected));

  it.each([
    'raw flow aug 10-16 versus aug 17-23',
    'kwh 01-07 oct',
    'on 2026-10-12 at 06:00',
    'compare 2025-2026',
    'dma-1 flow',
    'bps03-p02 vib',
    'level 10-16 yday',
    'dma01-05 inflow yday',
    'bps03 p01-03 run hrs 0600-1400x',
  ])('leaves "%s" alone (days of a month, dates, years, names)', (text) => expect(rewriteOperatorTime(text, shifts)).toBe(text));
});

describe('operator time in questions', () => {
  const { planned } = useReferencePlanner();
  const window = (question: string, now: string): [string, string] => {
    const plan = planned(question, now);
    return [plan.window.from, plan.window.to];
  };

  it('"D-1" is yesterday and "D-2" the day before, in plant time', () => {
    expect(window('T1 LT avg D-1', '2026-10-04T06:00:00Z')).toEqual(['2026-10-02T22:00:00.000Z', '2026-10-03T22:00:00.000Z']);
    expect(window('BPS03-P02 vib peak mm/s D-2', '2026-10-31T08:00:00Z')).toEqual(['2026-10-28T23:00:00.000Z', '2026-10-29T23:00:00.000Z']);
  });

  it('"06-14 shift D-1" is yesterday\'s early shift and "22-06 shift 28/10" the night shift starting that evening', () => {
    expect(window('T3 LT avg 06-14 shift D-1', '2026-09-30T08:00:00Z')).toEqual(['2026-09-29T04:00:00.000Z', '2026-09-29T12:00:00.000Z']);
    expect(window('BPS03 P02 amps max 22-06 shift 28/10', '2026-10-30T07:00:00Z')).toEqual([
      '2026-10-28T21:00:00.000Z',
      '2026-10-29T05:00:00.000Z',
    ]);
  });

  it('a clock span after a date ends on that date, or the next morning when it runs over midnight', () => {
    expect(window('BPS03-P02 vib max 29/10 00-06', '2026-10-30T07:00:00Z')).toEqual([
      '2026-10-28T23:00:00.000Z',
      '2026-10-29T05:00:00.000Z',
    ]);
    expect(window('BPS03 P02 amps max 28/10 from 22:00 to 06:00', '2026-10-30T07:00:00Z')).toEqual([
      '2026-10-28T21:00:00.000Z',
      '2026-10-29T05:00:00.000Z',
    ]);
  });
});
