// Which answers the page shows as one big number (with its tag's sparkline): one row, exactly one value column.
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../agent/answer.ts';
import type { SourceDescription } from '../../connectors/connector.ts';
import { singleValueOf } from '../../ui/single-value.ts';

const catalog: SourceDescription[] = [
  {
    name: 'historian',
    dialect: 'duckdb',
    tables: [],
    tags: [
      { id: 1, name: 'BPS03/Header/DischargePressure', unit: 'bar', description: 'BPS03 discharge header pressure' },
      { id: 2, name: 'BPS03/Header/Flow', unit: 'm3/h' },
    ],
  },
];

function answer(text: string, columns: string[], rows: (number | string | null)[][], extra: Partial<Answer> = {}): Answer {
  return {
    answer: text,
    sql: 'SELECT 1',
    source: 'historian',
    columns: columns.map((name) => ({ name, type: name.endsWith('time') ? 'TIMESTAMP WITH TIME ZONE' : 'DOUBLE' })),
    rows,
    truncated: false,
    decision: { kind: 'allow' },
    auditSeq: [1],
    notes: [],
    answeredBy: 'quick-planner',
    ...extra,
  };
}

describe('singleValueOf', () => {
  it('takes the one value of a one-row aggregate, written as the sentence writes it, with the tag it names and its unit', () => {
    const a = answer(
      'BPS03/Header/DischargePressure, yesterday: maximum 5.043 bar.',
      ['max_value', 'good_samples', 'coverage'],
      [[5.04312345, 362, 0.999]],
    );
    expect(singleValueOf(a, catalog)).toEqual({
      value: 5.04312345,
      text: '5.043',
      column: 'max_value',
      unit: 'bar',
      tag: 'BPS03/Header/DischargePressure',
    });
  });

  it('takes a latest value (time, value, quality) too', () => {
    const a = answer(
      'BPS03/Header/Flow is 103.9 m3/h (2026-10-30 09:00 +01:00).',
      ['time', 'value', 'quality'],
      [['2026-10-30T08:00:00Z', 103.87, 192]],
    );
    expect(singleValueOf(a, catalog)).toMatchObject({ text: '103.87', unit: 'm3/h', tag: 'BPS03/Header/Flow' });
  });

  it('is null for several rows, several value columns, a denial, or a value that is not a number', () => {
    const text = 'BPS03/Header/Flow';
    expect(
      singleValueOf(
        answer(
          text,
          ['bucket', 'avg_value'],
          [
            [null, 1],
            [null, 2],
          ],
        ),
        catalog,
      ),
    ).toBeNull();
    expect(singleValueOf(answer(text, ['min_value', 'max_value'], [[1, 2]]), catalog)).toBeNull();
    expect(singleValueOf(answer(text, ['max_value'], [[2]], { decision: { kind: 'deny', rule: 'r', reason: 'no' } }), catalog)).toBeNull();
    expect(singleValueOf(answer(text, ['max_value'], [[null]]), catalog)).toBeNull();
    expect(singleValueOf(answer(text, ['tag', 'run_hours'], [['BPS03/P01/Running', 3]]), catalog)).toBeNull();
  });

  it('names no tag when the text names two, or one the asker cannot see; a count has no unit', () => {
    const two = answer('BPS03/Header/Flow and BPS03/Header/DischargePressure: total 4', ['total_value'], [[4.5]]);
    expect(singleValueOf(two, catalog)).toEqual({ value: 4.5, text: '4.5', column: 'total_value' });
    const hidden = answer('T1/Tank/Level is 3.2 m', ['value'], [[3.2]]);
    expect(singleValueOf(hidden, catalog)?.tag).toBeUndefined();
    const count = answer('BPS03/Header/Flow: 12 samples', ['count_value'], [[12]]);
    expect(singleValueOf(count, catalog)).toEqual({ value: 12, text: '12', column: 'count_value', tag: 'BPS03/Header/Flow' });
  });
});
