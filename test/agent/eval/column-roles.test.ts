// Column roles read from names as a person reads a header: helpers are helpers, aggregates by their word, tag columns by name.
import { describe, expect, it } from 'vitest';
import { readRole } from '../../../agent/eval/column-roles.ts';
import { resolveValueColumns } from '../../../agent/eval/value-columns.ts';

const cols = (...names: string[]) => names.map((name) => ({ name, type: '' }));

describe('readRole', () => {
  it.each([
    ['avg_value', 'avg'],
    ['avg("value")', 'avg'],
    ['mean_minutes_to_clear', 'avg'],
    ['min(s."value")', 'min'],
    ['max_value', 'max'],
    ['total_value', 'amount'],
    ['delta_value', 'amount'],
    ['sum(d)', 'amount'],
    ['first_value', 'first'],
    ['count_star()', 'count'],
    ['alarms', 'count'],
    ['n', 'count'],
    ['good_samples', 'samples'],
    ['all_samples', 'samples'],
    ['quality', 'quality'],
    ['last_time', 'newest'],
    ['run_hours', 'hours'],
    ['hours', 'hours'],
    ['starts', 'starts'],
    ['start_time', 'start'],
    ['end_ts', 'end'],
    ['bucket', 'time'],
    ['ts', 'time'],
    ['wk', 'time'],
    ['tag_path', 'label'],
    ['tag', 'label'],
    ['value', 'value'],
    ['BPS01/Header/Flow', 'bps01/header/flow'],
  ])('%s reads as %s', (name, role) => {
    expect(readRole(name)).toEqual({ kind: 'role', role });
  });

  it('leaves a name with two roles of the same weight unclear, and a name without a role word without role', () => {
    expect(readRole('(arg_max("value", ts) - arg_min("value", ts))')).toEqual({ kind: 'unclear', roles: ['min', 'max'] });
    expect(readRole('kwh_per_m3')).toEqual({ kind: 'none' });
  });
});

describe('resolveValueColumns', () => {
  it('takes names, 1-based positions and explicit roles', () => {
    const gold = cols('ts', 'value', 'quality', '(arg_max("value", ts) - arg_min("value", ts))');
    expect(resolveValueColumns(['ts', 2, { column: 4, role: 'amount' }], gold)).toEqual({
      ok: true,
      columns: [
        { index: 0, name: 'ts', role: 'time' },
        { index: 1, name: 'value', role: 'value' },
        { index: 3, name: '(arg_max("value", ts) - arg_min("value", ts))', role: 'amount' },
      ],
    });
  });

  it('without a list takes every non-helper column, and refuses a column whose role is unclear', () => {
    expect(resolveValueColumns(undefined, cols('ts', 'value', 'quality'))).toEqual({
      ok: true,
      columns: [
        { index: 0, name: 'ts', role: 'time' },
        { index: 1, name: 'value', role: 'value' },
      ],
    });
    expect(resolveValueColumns(undefined, cols('(arg_max(v) - arg_min(v))'))).toEqual({
      ok: false,
      reason:
        'gold column "(arg_max(v) - arg_min(v))" reads as min or max; give it as {"column": ..., "role": ...} (or list value_columns)',
    });
  });

  it('says which columns the gold has when a named one is missing, and refuses a helper as a value', () => {
    expect(resolveValueColumns(['avg'], cols('ts', 'value'))).toEqual({
      ok: false,
      reason: 'value column "avg" is not in the gold result (its columns: "ts", "value")',
    });
    expect(resolveValueColumns(['quality'], cols('quality'))).toEqual({
      ok: false,
      reason: 'gold column "quality" reads as a helper (quality); give its role explicitly',
    });
  });
});
