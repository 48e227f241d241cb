// Result-set comparison for execution accuracy: names ignored, extra columns allowed, order only when asked, tolerance.
import { describe, expect, it } from 'vitest';
import { compareResults } from '../../../agent/eval/compare-results.ts';

describe('compareResults', () => {
  it('matches a gold column inside a wider answer, ignoring names and small float noise', () => {
    expect(compareResults({ rows: [[4.2]] }, { rows: [[4.2000000001, 1440, 1442]] }, { ordered: false }).match).toBe(true);
  });

  it('rejects a different number', () => {
    const result = compareResults({ rows: [[4.2]] }, { rows: [[4.3, 1440]] }, { ordered: false });
    expect(result).toMatchObject({ match: false });
  });

  it('ignores row order unless ordered, then insists on it', () => {
    const gold = {
      rows: [
        ['T1', 1],
        ['T2', 2],
      ],
    };
    const swapped = {
      rows: [
        ['T2', 2],
        ['T1', 1],
      ],
    };
    expect(compareResults(gold, swapped, { ordered: false }).match).toBe(true);
    expect(compareResults(gold, swapped, { ordered: true }).match).toBe(false);
  });

  it('pairs values row by row, not only column by column', () => {
    expect(
      compareResults(
        {
          rows: [
            ['T1', 1],
            ['T2', 2],
          ],
        },
        {
          rows: [
            ['T1', 2],
            ['T2', 1],
          ],
        },
        { ordered: false },
      ).match,
    ).toBe(false);
  });

  it('compares timestamps as instants whatever their textual form', () => {
    expect(compareResults({ rows: [['2026-10-15 08:30:00+00']] }, { rows: [['2026-10-15T08:30:00.000Z']] }, { ordered: true }).match).toBe(
      true,
    );
  });

  it('reports a row-count difference', () => {
    expect(compareResults({ rows: [[1], [2]] }, { rows: [[1]] }, { ordered: false })).toEqual({
      match: false,
      reason: 'row count 1, expected 2',
    });
  });
});
