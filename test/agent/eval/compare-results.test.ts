// Result-set comparison as a person checks it: each loose comparison the old eval allowed now fails, and fair differences pass.
import { describe, expect, it } from 'vitest';
import { compareResults, type CompareOptions, type ValueColumn } from '../../../agent/eval/compare-results.ts';
import type { Cell } from '../../../connectors/connector.ts';

const options: CompareOptions = { ordered: false, tolerance: 0.001, timeResolution: 'exact', timezone: 'Europe/Berlin' };
const table = (names: string[], rows: Cell[][]) => ({ columns: names.map((name) => ({ name, type: '' })), rows });
const col = (index: number, name: string, role: string): ValueColumn => ({ index, name, role });

describe('compareResults: the loose comparisons of the old eval now fail', () => {
  it('a time off by 20 hours or by two days does not match (it was ±49.7 h as a relative tolerance on epoch ms)', () => {
    const gold = table(['start_ts', 'hours'], [['2026-10-08 09:29:00+00', 1.3333]]);
    const cols = [col(0, 'start_ts', 'start'), col(1, 'hours', 'hours')];
    const shifted20h = table(['start_time', 'hours'], [['2026-10-09 05:29:00+00', 1.3333]]);
    const shifted2d = table(['start_time', 'hours'], [['2026-10-10 09:29:00+00', 1.3333]]);
    const r20 = compareResults(gold, shifted20h, cols, options);
    expect(r20).toEqual({
      match: false,
      reason: 'start "start_time" is 2026-10-09T05:29:00.000Z, expected 2026-10-08T09:29:00.000Z (numbers to 0.1 %, times exactly)',
      kind: 'value',
    });
    expect(compareResults(gold, shifted2d, cols, options).match).toBe(false);
  });

  it('a time one minute off fails when times must be exact, and passes at the hour resolution the question may state', () => {
    const gold = table(['ts', 'value'], [['2026-10-15 08:28:00+00', 4.1]]);
    const answer = table(['time', 'value'], [['2026-10-15T08:29:00.000Z', 4.1]]);
    const cols = [col(0, 'ts', 'time'), col(1, 'value', 'value')];
    expect(compareResults(gold, answer, cols, options).match).toBe(false);
    expect(compareResults(gold, answer, cols, { ...options, timeResolution: 'hour' }).match).toBe(true);
    expect(
      compareResults(gold, table(['time', 'value'], [['2026-10-15T09:01:00Z', 4.1]]), cols, { ...options, timeResolution: 'hour' }).match,
    ).toBe(false);
  });

  it('a gold count never matches a helper column of the answer (gold [[1440]] against [[55.1, 1440, ...]])', () => {
    const gold = table(['count_star()'], [[1440]]);
    const answer = table(['avg_value', 'good_samples', 'all_samples'], [[55.1, 1440, 1442]]);
    const result = compareResults(gold, answer, [col(0, 'count_star()', 'count')], options);
    expect(result).toEqual({
      match: false,
      reason:
        'no answer column is the count (gold column "count_star()"); the answer has avg_value (avg), good_samples (samples), all_samples (samples)',
      kind: 'column',
    });
  });

  it('a gold average never matches the answer maximum, even when the numbers agree', () => {
    const gold = table(['avg("value")'], [[7.5]]);
    const answer = table(['max_value', 'good_samples'], [[7.5, 10]]);
    expect(compareResults(gold, answer, [col(0, 'avg("value")', 'avg')], options).match).toBe(false);
  });

  it('an empty gold is not a match for anything here: "nothing" is judged by the question\'s expect', () => {
    expect(compareResults(table(['avg'], []), table(['avg_value'], []), [col(0, 'avg', 'avg')], options)).toMatchObject({ match: true });
    expect(compareResults(table(['avg'], []), table(['avg_value'], [[1]]), [col(0, 'avg', 'avg')], options)).toEqual({
      match: false,
      reason: '1 row, expected 0',
      kind: 'rows',
    });
  });

  it('numbers differing by more than the stated tolerance fail; within it they pass', () => {
    const gold = table(['avg'], [[100]]);
    const cols = [col(0, 'avg', 'avg')];
    expect(compareResults(gold, table(['avg_value'], [[100.09]]), cols, options).match).toBe(true);
    expect(compareResults(gold, table(['avg_value'], [[100.2]]), cols, options).match).toBe(false);
    expect(compareResults(gold, table(['avg_value'], [[100.2]]), cols, { ...options, tolerance: 0.01 }).match).toBe(true);
  });

  it('a time never equals a number (an epoch in ms is not a value)', () => {
    const gold = table(['ts'], [['2026-10-15 08:28:00+00']]);
    expect(compareResults(gold, table(['time'], [[Date.parse('2026-10-15T08:28:00Z')]]), [col(0, 'ts', 'time')], options).match).toBe(
      false,
    );
  });
});

describe('compareResults: fair differences pass', () => {
  it('matches by role whatever the names, ignoring helper columns and float noise', () => {
    const gold = table(['avg("value")'], [[4.2]]);
    const answer = table(['avg_value', 'good_samples', 'all_samples', 'last_time'], [[4.2000000001, 1440, 1442, '2026-10-15 08:00:00+00']]);
    expect(compareResults(gold, answer, [col(0, 'avg("value")', 'avg')], options)).toEqual({
      match: true,
      columns: { 'avg("value")': 'avg_value' },
    });
  });

  it('compares instants, not their text form', () => {
    const gold = table(['bucket'], [['2026-10-14 22:00:00+00']]);
    expect(compareResults(gold, table(['bucket'], [['2026-10-15T00:00:00+02:00']]), [col(0, 'bucket', 'time')], options).match).toBe(true);
  });

  it('ignores row order unless ordered, then insists on it', () => {
    const gold = table(
      ['tag_path', 'n'],
      [
        ['T1', 1],
        ['T2', 2],
      ],
    );
    const swapped = table(
      ['tag', 'alarms'],
      [
        ['T2', 2],
        ['T1', 1],
      ],
    );
    const cols = [col(0, 'tag_path', 'label'), col(1, 'n', 'count')];
    expect(compareResults(gold, swapped, cols, options).match).toBe(true);
    expect(compareResults(gold, swapped, cols, { ...options, ordered: true })).toEqual({
      match: false,
      reason: 'label "tag" is "T2", expected "T1" (row 1) (numbers to 0.1 %, times exactly)',
      kind: 'value',
    });
  });

  it('pairs values row by row, not only column by column', () => {
    const gold = table(
      ['tag_path', 'n'],
      [
        ['T1', 1],
        ['T2', 2],
      ],
    );
    const crossed = table(
      ['tag', 'alarms'],
      [
        ['T1', 2],
        ['T2', 1],
      ],
    );
    expect(compareResults(gold, crossed, [col(0, 'tag_path', 'label'), col(1, 'n', 'count')], options)).toEqual({
      match: false,
      reason: 'each value column matches on its own but the rows pair them differently',
      kind: 'value',
    });
  });

  it('a wide series matches per tag by the column named after the tag', () => {
    const gold = table(['wk', 'avg(...) a', 'avg(...) b'], [['2026-08-30 22:00:00+00', 1, 2]]);
    const answer = table(['bucket', 'BPS02/Header/Flow', 'BPS01/Header/Flow'], [['2026-08-30T22:00:00Z', 2, 1]]);
    const cols = [col(0, 'wk', 'time'), col(1, 'a', 'bps01/header/flow'), col(2, 'b', 'bps02/header/flow')];
    expect(compareResults(gold, answer, cols, options).match).toBe(true);
    const swapped = table(['bucket', 'BPS02/Header/Flow', 'BPS01/Header/Flow'], [['2026-08-30T22:00:00Z', 1, 2]]);
    expect(compareResults(gold, swapped, cols, options).match).toBe(false);
  });
});
