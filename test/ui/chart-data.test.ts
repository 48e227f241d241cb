// Chart data and CSV: what the page plots and what the user downloads.
import { describe, expect, it } from 'vitest';
import { buildChartData } from '../../ui/chart-data.ts';
import { toCsv } from '../../ui/csv.ts';

const columns = [
  { name: 'ts', type: 'TIMESTAMP' },
  { name: 'v', type: 'DOUBLE' },
];
const spec = { kind: 'line' as const, x: 'ts', series: [{ column: 'v', label: 'Level', unit: 'm' }] };

describe('buildChartData', () => {
  it('converts times to epoch seconds, sorts them and keeps nulls as gaps', () => {
    const data = buildChartData(
      spec,
      columns,
      [
        ['2026-01-01T00:02:00Z', '3.5'],
        ['2026-01-01T00:00:00Z', 1],
        ['2026-01-01T00:01:00Z', null],
      ],
      'Europe/Berlin',
    );
    expect(data).toMatchObject({
      timezone: 'Europe/Berlin',
      wallClock: true,
      x: [1767225600, 1767225660, 1767225720],
      series: [{ label: 'Level', unit: 'm', values: [1, null, 3.5] }],
      downsampled: false,
    });
  });

  it('returns null when the spec names a column the result does not have', () => {
    expect(buildChartData({ ...spec, x: 'time' }, columns, [], 'UTC')).toBeNull();
  });

  it('keeps a single spike when downsampling a long flat series', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => [
      new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      i === 54_321 ? 99 : 1,
    ]);
    const data = buildChartData(spec, [{ name: 'ts', type: 'TIMESTAMP WITH TIME ZONE' }, columns[1]!], rows, 'Europe/Berlin')!;
    expect(data).toMatchObject({ timezone: 'Europe/Berlin', wallClock: false });
    expect(data.x.length).toBeLessThanOrEqual(2000);
    expect(data.series[0]!.values.filter((v) => v === 99)).toHaveLength(1);
    expect([...data.x].sort((a, b) => a - b)).toEqual(data.x);
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting and neutralises formula-like text, not negative numbers', () => {
    const csv = toCsv(
      [
        { name: 'name', type: 'VARCHAR' },
        { name: 'n', type: 'DOUBLE' },
      ],
      [
        ['a,"b"', -1.5],
        ['=HYPERLINK("x")', null],
        ['-3 bar', true],
      ],
    );
    expect(csv).toBe('name,n\r\n"a,""b""",-1.5\r\n"\'=HYPERLINK(""x"")",\r\n-3 bar,true\r\n');
  });
});
