// The answer sentence is checked too: the numbers and times a person reads must be the gold ones, to the precision written.
import { describe, expect, it } from 'vitest';
import { checkSentence, readSentence } from '../../../agent/eval/check-sentence.ts';
import type { ValueColumn } from '../../../agent/eval/compare-results.ts';
import { formatNumber } from '../../../agent/planner/answer-format.ts';

const tz = 'Europe/Berlin';
const options = { tolerance: 0.001, timeResolution: 'exact' as const, timezone: tz };
const col = (index: number, role: string): ValueColumn => ({ index, name: role, role });

describe('readSentence', () => {
  it('reads numbers with their written precision, and plant-local date-times as instants; tag names and units are not numbers', () => {
    const r = readSentence('BPS03/P02/Vibration (pump) was 1,234.5 m3/h at 2026-10-15 10:28 Europe/Berlin, 3 starts, -0.25 bar.', tz);
    expect(r.numbers.map((n) => [n.value, n.decimals])).toEqual([
      [1234.5, 1],
      [3, 0],
      [-0.25, 2],
    ]);
    expect(r.times.map((t) => new Date(t.ms).toISOString())).toEqual(['2026-10-15T08:28:00.000Z']);
  });

  it('blanks the window label so its numbers and dates are not read as the answer', () => {
    const label = 'the past 3 days (2026-09-18 14:00 – 2026-09-21 14:00 Europe/Berlin)';
    const r = readSentence(`T3/Tank/Level, ${label}: maximum 4.008 m.`, tz, [label]);
    expect(r.numbers.map((n) => n.value)).toEqual([4.008]);
    expect(r.times).toEqual([]);
  });
});

describe('checkSentence', () => {
  const gold = { rows: [[0.2774752211536355, 1440]] };
  it('a one-row answer must state each asked value, to the precision written (double rounding to 0.278 is wrong)', () => {
    expect(checkSentence('F02, last 7 days: maximum 0.277 NTU.', gold, [col(0, 'max')], options)).toEqual({ ok: true });
    expect(checkSentence('F02, last 7 days: maximum 0.278 NTU.', gold, [col(0, 'max')], options)).toEqual({
      ok: false,
      reason: 'the sentence does not state the max 0.2774752211536355',
    });
  });

  it('a rounded number keeps three significant digits: a sentence rounding to integers or to 0.017 is wrong', () => {
    const one = (value: number) => ({ rows: [[value]] });
    const avg = [col(0, 'avg')];
    expect(checkSentence('DMA04 inflow: average 55.6 m3/h.', one(55.63), avg, options)).toEqual({ ok: true });
    expect(checkSentence('DMA04 inflow: average 56 m3/h.', one(55.63), avg, options)).toEqual({
      ok: false,
      reason: 'the sentence does not state the avg 55.63',
    });
    expect(checkSentence('P02 ran 0.017 h.', one(1 / 60), [col(0, 'hours')], options)).toMatchObject({ ok: false });
    expect(checkSentence('P02 ran 0.0167 h.', one(1 / 60), [col(0, 'hours')], options)).toEqual({ ok: true });
    // Fewer digits are fine when they are the value (trailing zeros dropped, whole counts).
    expect(checkSentence('Chlorine: average 0.12 mg/L.', one(0.12049), avg, options)).toEqual({ ok: true });
    expect(checkSentence('Chlorine: average 0.12 mg/L.', one(0.1249), avg, options)).toMatchObject({ ok: false });
    expect(checkSentence('3 starts.', one(3), [col(0, 'starts')], options)).toEqual({ ok: true });
    expect(checkSentence('3 starts.', one(3.2), [col(0, 'starts')], options)).toMatchObject({ ok: false });
  });

  it('the planner writes numbers the check accepts: 3 decimals or 3 significant digits, whichever shows more', () => {
    expect([0.016667, 1234.56789, 0.27747, 0.000012345, 3, -0.0049].map(formatNumber)).toEqual([
      '0.0167',
      '1,234.568',
      '0.277',
      '0.0000123',
      '3',
      '-0.0049',
    ]);
    for (const value of [0.016667, 55.63, 0.41187, 0.000012345, 1234.56789, 0.1204])
      expect(checkSentence(`average ${formatNumber(value)} m.`, { rows: [[value]] }, [col(0, 'avg')], options)).toEqual({ ok: true });
  });

  it('a sentence that shows a helper instead of the value fails even when the table is right', () => {
    expect(checkSentence('F02: maximum 1,440 NTU.', gold, [col(0, 'max')], options)).toMatchObject({ ok: false });
  });

  it('the time stated must be the gold instant in plant time (UTC shown as local is wrong)', () => {
    const latest = { rows: [['2026-10-15 08:28:00+00', 4.1078]] };
    const cols = [col(0, 'time'), col(1, 'value')];
    expect(checkSentence('T1/Tank/Level was 4.108 m at 2026-10-15 10:28 Europe/Berlin.', latest, cols, options)).toEqual({ ok: true });
    expect(checkSentence('T1/Tank/Level was 4.108 m at 2026-10-15 08:28 Europe/Berlin.', latest, cols, options)).toEqual({
      ok: false,
      reason: 'the sentence does not state the time 2026-10-15T08:28:00.000Z',
    });
  });

  it("in a list, the number after each label must be that row's", () => {
    const ranked = {
      rows: [
        ['BPS03/P01/Power', 9.1],
        ['BPS03/P02/Power', 4.8],
      ],
    };
    const cols = [col(0, 'label'), col(1, 'avg')];
    expect(checkSentence('Average: BPS03/P01/Power 9.1 kW; BPS03/P02/Power 4.8 kW.', ranked, cols, options)).toEqual({ ok: true });
    expect(checkSentence('Average: BPS03/P01/Power 4.8 kW; BPS03/P02/Power 9.1 kW.', ranked, cols, options)).toEqual({
      ok: false,
      reason: 'the sentence gives bps03/p01/power 4.8, expected 9.1',
    });
  });

  it('in a list, a label several rows share (one tag alarmed twice) may be followed by any of its rows, not only the first', () => {
    const alarms = {
      rows: [
        ['2026-10-08 09:29:00+00', 'WTP01/Outlet/ChlorineResidual'],
        ['2026-10-14 01:24:00+00', 'WTP01/CW01/Level'],
        ['2026-10-15 01:04:00+00', 'WTP01/CW01/Level'],
      ],
    };
    const cols = [col(0, 'start'), col(1, 'label')];
    const right =
      '3 alarms: WTP01/Outlet/ChlorineResidual at 2026-10-08 11:29; WTP01/CW01/Level at 2026-10-14 03:24; WTP01/CW01/Level at 2026-10-15 03:04.';
    expect(checkSentence(right, alarms, cols, options)).toEqual({ ok: true });
    expect(checkSentence(right.replace('2026-10-15 03:04', '2026-10-15 04:04'), alarms, cols, options)).toEqual({
      ok: false,
      reason: 'the sentence gives wtp01/cw01/level at 2026-10-15T02:04:00.000Z, expected 2026-10-14T01:24:00.000Z',
    });
  });

  it("in a list, the row's asked number may follow a number it did not ask for (run-hours before starts)", () => {
    const starts = {
      rows: [
        ['BPS01/P01/Running', 1],
        ['BPS01/P02/Running', 0],
      ],
    };
    const cols = [col(0, 'label'), col(1, 'starts')];
    const right = 'Run-hours and starts, yesterday: BPS01/P01/Running 21.683 h, 1 start; BPS01/P02/Running 0 h, 0 starts.';
    expect(checkSentence(right, starts, cols, options)).toEqual({ ok: true });
    expect(checkSentence(right.replace('1 start;', '2 starts;'), starts, cols, options)).toEqual({
      ok: false,
      reason: 'the sentence gives bps01/p01/running 21.683, 2, expected 1',
    });
  });

  it('a stretch "from A to B" must be one of the gold stretches (a window shifted by 20 h is caught in the sentence too)', () => {
    const stretches = {
      rows: [
        ['2026-10-08 09:29:00+00', '2026-10-08 10:49:00+00', 1.3333],
        ['2026-10-08 12:00:00+00', '2026-10-08 12:30:00+00', 0.5],
      ],
    };
    const cols = [col(0, 'start'), col(1, 'end'), col(2, 'hours')];
    const right =
      'below 0.3 mg/L 2 times for 1.833 h in total; the longest stretch was 1.333 h, from 2026-10-08 11:29 to 2026-10-08 12:49.';
    expect(checkSentence(right, stretches, cols, options)).toEqual({ ok: true });
    const shifted = right.replace('from 2026-10-08 11:29 to 2026-10-08 12:49', 'from 2026-10-09 07:29 to 2026-10-09 08:49');
    expect(checkSentence(shifted, stretches, cols, options)).toEqual({
      ok: false,
      reason: 'the sentence states a stretch from 2026-10-09T05:29:00.000Z to 2026-10-09T06:49:00.000Z that is not in the gold result',
    });
  });
});
