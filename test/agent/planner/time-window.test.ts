// Time expressions resolve to the right half-open window in the plant's zone, across DST, shifts and follow-ups.
import { describe, expect, it } from 'vitest';
import { duringWindow, resolveTime, type TimeContext } from '../../../agent/planner/time-window.ts';

const shifts = [
  { name: 'early', start: '06:00', end: '14:00' },
  { name: 'late', start: '14:00', end: '22:00' },
  { name: 'night', start: '22:00', end: '06:00' },
];
// Thursday 2026-10-15, 10:30 in Berlin (CEST, UTC+2).
const ctx: TimeContext = { now: new Date('2026-10-15T08:30:00Z'), timezone: 'Europe/Berlin', shifts };
const span = (text: string, context = ctx): [string, string] | null => {
  const parsed = resolveTime(text, context);
  return parsed ? [parsed.window.from, parsed.window.to] : null;
};

describe('resolveTime', () => {
  it.each([
    ['avg flow yesterday', '2026-10-13T22:00:00.000Z', '2026-10-14T22:00:00.000Z'],
    ['level last week', '2026-10-04T22:00:00.000Z', '2026-10-11T22:00:00.000Z'],
    ['this week', '2026-10-11T22:00:00.000Z', '2026-10-15T08:30:00.000Z'],
    ['over the last 24 h', '2026-10-14T08:30:00.000Z', '2026-10-15T08:30:00.000Z'],
    ['in july', '2026-06-30T22:00:00.000Z', '2026-07-31T22:00:00.000Z'],
    ['since monday 6am', '2026-10-12T04:00:00.000Z', '2026-10-15T08:30:00.000Z'],
    ['on 3 march', '2026-03-02T23:00:00.000Z', '2026-03-03T23:00:00.000Z'],
    ['in q1 2014', '2013-12-31T23:00:00.000Z', '2014-03-31T22:00:00.000Z'],
    ['last shift', '2026-10-14T20:00:00.000Z', '2026-10-15T04:00:00.000Z'],
    ['during the late shift yesterday', '2026-10-14T12:00:00.000Z', '2026-10-14T20:00:00.000Z'],
    ['between 1 oct and 5 oct', '2026-09-30T22:00:00.000Z', '2026-10-05T22:00:00.000Z'],
    ['daily maximum from 1 to 7 february 2024', '2024-01-31T23:00:00.000Z', '2024-02-07T23:00:00.000Z'],
    ['between 2nd and 4 october', '2026-10-01T22:00:00.000Z', '2026-10-04T22:00:00.000Z'],
  ])('%s', (text, from, to) => {
    expect(span(text)).toEqual([from, to]);
  });

  it('starts and ends calendar days on the second, whatever the seconds of now', () => {
    const late = { ...ctx, now: new Date('2026-10-15T08:30:17.250Z') };
    expect(span('avg flow yesterday', late)).toEqual(['2026-10-13T22:00:00.000Z', '2026-10-14T22:00:00.000Z']);
    expect(span('last week', late)).toEqual(['2026-10-04T22:00:00.000Z', '2026-10-11T22:00:00.000Z']);
    expect(span('on 3 march', late)).toEqual(['2026-03-02T23:00:00.000Z', '2026-03-03T23:00:00.000Z']);
  });

  it.each([
    ['flow this shift', '2026-10-15T04:00:00.000Z', '2026-10-15T08:30:00.000Z'],
    ["yesterday's late shift", '2026-10-14T12:00:00.000Z', '2026-10-14T20:00:00.000Z'],
    ['since yesterday', '2026-10-13T22:00:00.000Z', '2026-10-15T08:30:00.000Z'],
    ['avg t1 level after 6am yesterday', '2026-10-14T04:00:00.000Z', '2026-10-15T08:30:00.000Z'],
    ['avg t1 level after at 00:00 yesterday', '2026-10-13T22:00:00.000Z', '2026-10-15T08:30:00.000Z'],
    ['from 6am to 8am yesterday', '2026-10-14T04:00:00.000Z', '2026-10-14T06:00:00.000Z'],
  ])('%s: the whole expression, not a word inside it', (text, from, to) => {
    expect(span(text)).toEqual([from, to]);
  });

  it.each([
    ['t1 level over the whole week', '2026-10-11T22:00:00.000Z', '2026-10-15T08:30:00.000Z'],
    ['t1 lvl over the wk', '2026-10-11T22:00:00.000Z', '2026-10-15T08:30:00.000Z'],
    ['avg t1 level for the month', '2026-09-30T22:00:00.000Z', '2026-10-15T08:30:00.000Z'],
    ['t1 level the whole day', '2026-10-14T22:00:00.000Z', '2026-10-15T08:30:00.000Z'],
  ])('%s: a period named with no "this" or "last" is the one under way', (text, from, to) => {
    expect(span(text)).toEqual([from, to]);
  });

  it('leaves "all day" after a limit to say the limit held, and beside another period names none', () => {
    expect(span('was t1 above 4 m all day')).toBeNull();
    expect(span('was t1 above 4 m all day yesterday')).toEqual(['2026-10-13T22:00:00.000Z', '2026-10-14T22:00:00.000Z']);
    expect(span('t1 level during the day')).toBeNull();
  });

  it.each([
    ['on 1.10.2026', '2026-09-30T22:00:00.000Z', '2026-10-01T22:00:00.000Z'],
    ['on 13/10/2026', '2026-10-12T22:00:00.000Z', '2026-10-13T22:00:00.000Z'],
    ['last quarter', '2026-06-30T22:00:00.000Z', '2026-09-30T22:00:00.000Z'],
    ['this quarter', '2026-09-30T22:00:00.000Z', '2026-10-15T08:30:00.000Z'],
    ['yesterday at 6.30', '2026-10-14T04:30:00.000Z', '2026-10-14T04:31:00.000Z'],
  ])('reads %s the way a European plant writes it', (text, from, to) => {
    expect(span(text)).toEqual([from, to]);
  });

  it("reads a slashed date in the site's order (planner.dateOrder): 1/10/2026 is 1 October day first, 10 January month first", () => {
    expect(span('on 1/10/2026')).toEqual(['2026-09-30T22:00:00.000Z', '2026-10-01T22:00:00.000Z']);
    expect(span('on 1/10/2026', { ...ctx, dateOrder: 'mdy' })).toEqual(['2026-01-09T23:00:00.000Z', '2026-01-10T23:00:00.000Z']);
    expect(span('on 10/13/2026', { ...ctx, dateOrder: 'mdy' })).toEqual(['2026-10-12T22:00:00.000Z', '2026-10-13T22:00:00.000Z']);
  });

  it('never reads 10/13/2026 the other way round on a day-first site (the planner declines it)', () => {
    expect(span('on 10/13/2026')).toBeNull();
  });

  it('reads "above 6.30" as a value, not a clock time', () => {
    expect(resolveTime('level above 6.30 yesterday', ctx)).toMatchObject({ kind: 'range', rest: expect.stringContaining('6.30') });
  });

  it('prefers the past for dates without a year ("in December" asked in October means last December)', () => {
    expect(span('in december')).toEqual(['2025-11-30T23:00:00.000Z', '2025-12-31T23:00:00.000Z']);
  });

  it('gives the 25-hour day when DST ends, and labels it in plant time', () => {
    const parsed = resolveTime('yesterday', { ...ctx, now: new Date('2026-10-26T09:00:00Z') });
    expect(parsed?.window).toMatchObject({ from: '2026-10-24T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z', timezone: 'Europe/Berlin' });
    expect(parsed?.window.label).toBe('yesterday (2026-10-25 00:00 – 2026-10-26 00:00 Europe/Berlin)');
  });

  it('labels a day and a month as people write them, whatever the question’s spelling', () => {
    expect(resolveTime('max level on 3 march 2025', ctx)?.window.label).toBe(
      'on 3 March 2025 (2025-03-03 00:00 – 2025-03-04 00:00 Europe/Berlin)',
    );
    expect(resolveTime('max level on 13/10/2026', ctx)?.window.label).toMatch(/^on 13 October 2026 \(/);
    expect(resolveTime('avg flow in july', ctx)?.window.label).toMatch(/^in July 2026 \(/);
  });

  it('puts "during" before a window label only where the label has no preposition of its own', () => {
    expect(duringWindow('on 3 March 2025 (…)')).toBe('on 3 March 2025 (…)');
    expect(duringWindow('yesterday (…)')).toBe('yesterday (…)');
    expect(duringWindow('last week (…)')).toBe('last week (…)');
    expect(duringWindow('Q3 2026 (…)')).toBe('during Q3 2026 (…)');
    expect(duringWindow('late shift (…)')).toBe('during late shift (…)');
  });

  it('turns a clock time on a day into an instant', () => {
    expect(resolveTime('level of tank 2 yesterday at 6pm', ctx)).toMatchObject({ kind: 'instant', at: new Date('2026-10-14T16:00:00Z') });
    expect(resolveTime('pressure at 06:00 today', ctx)).toMatchObject({ kind: 'instant', at: new Date('2026-10-15T04:00:00Z') });
  });

  it('ends a period in progress at now (no data from the future)', () => {
    expect(span('in october')).toEqual(['2026-09-30T22:00:00.000Z', '2026-10-15T08:30:00.000Z']);
  });

  it('shifts the previous window for "and the day before?"', () => {
    const previous = resolveTime('yesterday', ctx)!.window;
    expect(span('and the day before?', { ...ctx, previousWindow: previous })).toEqual([
      '2026-10-12T22:00:00.000Z',
      '2026-10-13T22:00:00.000Z',
    ]);
  });

  it('returns null when the question names no time', () => {
    expect(resolveTime('level of tank 1', ctx)).toBeNull();
  });
});
