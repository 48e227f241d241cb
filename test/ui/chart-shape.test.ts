// Charts by the data's shape: time series as lines, one row per category as bars (web page and HTML reports alike).
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../agent/answer.ts';
import { buildCategoryChart } from '../../ui/chart-data.ts';
import { chartSvg } from '../../ui/reports/render-report.ts';

function answerOf(columns: Answer['columns'], rows: Answer['rows']): Answer {
  return {
    answer: '',
    sql: null,
    source: null,
    columns,
    rows,
    truncated: false,
    decision: null,
    auditSeq: [],
    notes: [],
    answeredBy: 'quick-planner',
  };
}

const ranking = answerOf(
  [
    { name: 'tag', type: 'VARCHAR' },
    { name: 'run_hours', type: 'DOUBLE' },
    { name: 'starts', type: 'BIGINT' },
  ],
  [
    ['BPS03/P02/Running', 161.67, 1],
    ['BPS03/P01/Running', 40.5, 6],
    ['BPS03/P03/Running', 0, 0],
  ],
);

describe('category charts', () => {
  it('draws one bar per tag with the first value column, not a helper column such as starts', () => {
    expect(buildCategoryChart(ranking.columns, ranking.rows)).toEqual({
      labels: ['BPS03/P02/Running', 'BPS03/P01/Running', 'BPS03/P03/Running'],
      series: [{ label: 'run hours', values: [161.67, 40.5, 0] }],
    });
  });

  it('reads PostgreSQL type names too', () => {
    const chart = buildCategoryChart(
      [
        { name: 'station', type: 'text' },
        { name: 'kwh', type: 'float8' },
      ],
      [
        ['BPS01', 12],
        ['BPS02', 7],
      ],
    );
    expect(chart?.series[0]?.values).toEqual([12, 7]);
  });

  it('draws no bars for one row, repeated labels, or a time column in front', () => {
    expect(buildCategoryChart(ranking.columns, ranking.rows.slice(0, 1))).toBeNull();
    expect(buildCategoryChart(ranking.columns, [ranking.rows[0]!, ranking.rows[0]!])).toBeNull();
    const series = answerOf(
      [
        { name: 'bucket', type: 'TIMESTAMP WITH TIME ZONE' },
        { name: 'avg_value', type: 'DOUBLE' },
      ],
      [
        ['2026-11-01T00:00:00Z', 1],
        ['2026-11-01T01:00:00Z', 2],
      ],
    );
    expect(buildCategoryChart(series.columns, series.rows)).toBeNull();
  });
});

describe('report charts', () => {
  it('draws a ranking as labelled bars, not a line across tag names', () => {
    const svg = chartSvg(ranking);
    expect(svg).toContain('<rect');
    expect(svg).not.toContain('<path');
    expect(svg).toContain('BPS03/P01/Running');
    expect(svg).toContain('>161.7<');
  });

  it('takes the time axis from a time-typed column, not from a name that contains "ts" (starts)', () => {
    const answer = answerOf(
      [
        { name: 'starts', type: 'BIGINT' },
        { name: 'at', type: 'TIMESTAMP WITH TIME ZONE' },
        { name: 'value', type: 'DOUBLE' },
      ],
      [
        [1, '2026-11-01T00:00:00Z', 3],
        [2, '2026-11-01T01:00:00Z', 4],
        [3, '2026-11-01T02:00:00Z', 5],
      ],
    );
    const svg = chartSvg(answer);
    expect(svg).toContain('<path');
    // x runs over time: the first point sits at the left pad, the last at the right edge minus the pad.
    expect(svg).toMatch(/d="M30\.0,[\d.]+ L360\.0,[\d.]+ L690\.0,/);
  });
});
