// The value columns of a wide export: numbers and booleans by pattern, units from brackets, clear problems for typos.
import { describe, expect, it } from 'vitest';
import { unitOfColumn, wideColumns } from '../../connectors/wide-columns.ts';

const columns = [
  { name: 'Timestamp', type: 'TIMESTAMP' },
  { name: 'T1 level [m]', type: 'DOUBLE' },
  { name: 'P1_RUN', type: 'BOOLEAN' },
  { name: 'P1 flow (l/s)', type: 'DECIMAL(9,2)' },
  { name: 'Comment', type: 'VARCHAR' },
];

describe('wideColumns', () => {
  it('takes every numeric column but the time by default', () => {
    expect(wideColumns(columns, { time: 'timestamp', include: ['*'], exclude: [] })).toEqual({
      columns: [{ column: 'T1 level [m]', unit: 'm' }, { column: 'P1_RUN' }, { column: 'P1 flow (l/s)', unit: 'l/s' }],
      problems: [],
    });
  });

  it('filters by include and exclude patterns', () => {
    expect(wideColumns(columns, { time: 'Timestamp', include: ['P1*'], exclude: ['*RUN'] }).columns).toEqual([
      { column: 'P1 flow (l/s)', unit: 'l/s' },
    ]);
  });

  it('names a text column asked for by name, a missing column and a missing time column', () => {
    expect(wideColumns(columns, { time: 'Timestamp', include: ['Comment', 'T2 level'], exclude: [] }).problems).toEqual([
      'column "Comment" is VARCHAR, not a number',
      'no column "T2 level"',
      'no numeric column matches columns:',
    ]);
    expect(wideColumns(columns, { time: 'Zeit', include: ['*'], exclude: [] }).problems).toEqual(['no time column "Zeit"']);
  });

  it('reads units only from a bracket at the end', () => {
    expect(unitOfColumn('Level [m]')).toBe('m');
    expect(unitOfColumn('Flow (m³/h)')).toBe('m³/h');
    expect(unitOfColumn('Pump (2) running')).toBeUndefined();
  });
});
