// Display of result cells: plant time with its offset (across DST), numbers rounded by unit or by the data, CSV at full precision.
import { describe, expect, it } from 'vitest';
import { columnDisplays, displayCell, plantIso, plantTime } from '../../ui/display-format.ts';
import { toCsv } from '../../ui/csv.ts';
import { renderAnswerMarkdown } from '../../ui/bots/render-markdown.ts';
import { answerWithoutData } from '../../agent/answer.ts';

const columns = [
  { name: 'bucket', type: 'TIMESTAMP WITH TIME ZONE' },
  { name: 'avg_value', type: 'DOUBLE' },
  { name: 'good_samples', type: 'BIGINT' },
  { name: 'ratio', type: 'DOUBLE' },
];
const rows = [
  ['2026-10-24T22:00:00.000Z', 5.043445279471051, 362, 0.005494505494505495],
  ['2026-10-25T23:00:00.000Z', 4.98, 360, 0.0123],
];

describe('plant time', () => {
  it('shows an instant in the plant zone with the offset in force then (summer and winter time)', () => {
    expect(plantTime(Date.parse('2026-10-24T22:00:00Z'), 'Europe/Berlin')).toBe('2026-10-25 00:00 +02:00');
    expect(plantTime(Date.parse('2026-10-25T23:00:00Z'), 'Europe/Berlin')).toBe('2026-10-26 00:00 +01:00');
    expect(plantTime(Date.parse('2026-10-25T23:00:30Z'), 'UTC', true)).toBe('2026-10-25 23:00:30 +00:00');
    expect(plantIso(Date.parse('2026-10-25T23:00:00.250Z'), 'America/New_York')).toBe('2026-10-25T19:00:00.250-04:00');
  });
});

describe('columnDisplays', () => {
  it('rounds by the unit when it is known, by four significant digits of the data otherwise; integers stay whole', () => {
    const display = columnDisplays(columns, rows, { avg_value: 'bar' });
    expect(display).toEqual([
      { kind: 'instant', seconds: false },
      { kind: 'number', decimals: 2, unit: 'bar' },
      { kind: 'number', decimals: 0 },
      { kind: 'number', decimals: 3 },
    ]);
    expect(columnDisplays(columns, rows)[1]).toEqual({ kind: 'number', decimals: 3 });
    expect(columnDisplays([{ name: 'flow', type: 'DOUBLE' }], [[224.19612], [1021.5]])[0]).toEqual({ kind: 'number', decimals: 0 });
    expect(displayCell(5.043445279471051, { kind: 'number', decimals: 2 }, 'UTC')).toBe('5.04');
    expect(displayCell(-0.0004, { kind: 'number', decimals: 2 }, 'UTC')).toBe('0.00');
  });

  it('keeps a plain TIMESTAMP as the wall-clock time it is, without inventing an offset', () => {
    const [display] = columnDisplays([{ name: 'ts', type: 'TIMESTAMP' }], [['2026-10-25T06:00:00.000Z']]);
    expect(displayCell('2026-10-25T06:00:00.000Z', display!, 'Europe/Berlin')).toBe('2026-10-25 06:00');
  });
});

describe('CSV and bot tables', () => {
  it('CSV keeps full precision and writes instants in plant time with the offset', () => {
    const csv = toCsv(columns, rows, 'Europe/Berlin').split('\r\n');
    expect(csv[1]).toBe('2026-10-25T00:00:00+02:00,5.043445279471051,362,0.005494505494505495');
    expect(csv[2]).toBe('2026-10-26T00:00:00+01:00,4.98,360,0.0123');
  });

  it('a bot table shows rounded numbers and plant time', () => {
    const answer = answerWithoutData('Average discharge pressure per day.', {
      columns,
      rows,
      chart: { kind: 'line', x: 'bucket', series: [{ column: 'avg_value', label: 'average', unit: 'bar' }] },
    });
    const text = renderAnswerMarkdown(answer, { maxRows: 5, showSql: false, timezone: 'Europe/Berlin' });
    expect(text).toContain('| 2026-10-25 00:00 +02:00 | 5.04 | 362 | 0.005 |');
    expect(text).not.toContain('5.043445279471051');
  });
});
