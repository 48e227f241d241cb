// The sentence of a threshold answer: the stretches beyond a limit or inside / outside a band, or what a report asked of
// them (how many, their share, the longest, the days with any, how many days), with the comparison in words.
import type { Cell, QueryResult } from '../../connectors/connector.ts';
import type { Operation, Plan } from './plan.ts';
import { comparisonWords } from './comparator-words.ts';
import { column, formatNumber, label, num, when, withUnit } from './answer-format.ts';
import { duringWindow } from './time-window.ts';
import { stretchSpan } from './duration-unit.ts';
import { thresholdReportSentence } from './threshold-report.ts';

type Threshold = Extract<Operation, { kind: 'threshold' }>;

/** "above 5 m", "between 2 and 4 m", "outside 3 – 5 bar": the comparison with its numbers in the tag's unit. */
export function comparisonOf(op: Threshold, unit: string | undefined): string {
  if (op.upper === undefined) return `${op.inclusive ? `at or ${op.comparator}` : op.comparator} ${withUnit(op.value, unit)}`;
  return comparisonWords(op.comparator, formatNumber(op.value), withUnit(op.upper, unit));
}

/** The sentence of a threshold plan's rows (one tag). */
export function thresholdSentence(plan: Plan, op: Threshold, result: QueryResult): string {
  const tz = plan.window.timezone;
  const tag = plan.tags[0];
  const rows = result.rows;
  const first = rows[0];
  const during = duringWindow(plan.window.label);
  const what = comparisonOf(op, tag?.unit);
  const read = (row: Cell[] | undefined, name: string): number | null => num(row?.[column(result, name)]);
  const span = (h: number): string => stretchSpan(h, op.unit, formatNumber);
  switch (op.report) {
    case 'count':
    case 'share': {
      const [side, ...limit] = what.split(' ');
      const row = {
        times: read(first, 'times') ?? read(first, 'stretches') ?? 0,
        carriedIn: read(first, 'carried_in') ?? 0,
        totalHours: read(first, 'total_hours') ?? 0,
        sharePct: read(first, 'share_pct'),
        coverage: read(first, 'coverage'),
      };
      return thresholdReportSentence(op.report, { tag: label(tag), side: side ?? '', limit: limit.join(' '), during }, row, formatNumber);
    }
    case 'day-count': {
      const days = read(first, 'day_count') ?? 0;
      const seen = read(first, 'days_with_data') ?? 0;
      const coverage = read(first, 'coverage');
      const covered =
        coverage !== null && coverage < 0.9995 ? `; good-quality data covered ${formatNumber(100 * coverage)} % of the window` : '';
      if (days === 0)
        return `${label(tag)} was ${what} on no day ${during} (of ${formatNumber(seen)} plant-local days with data${covered}).`;
      return `${label(tag)} was ${what} on ${formatNumber(days)} day${days === 1 ? '' : 's'} ${during} (plant-local calendar days with any time ${what}, of ${formatNumber(seen)} days with data${covered}).`;
    }
    case 'days':
    case 'per-day': {
      const day = (row: Cell[]): string => when(row[column(result, 'day')], tz).slice(0, 10);
      const hoursOf = (row: Cell[]): string => {
        const h = read(row, 'hours');
        return h === null ? 'no good data' : span(h);
      };
      const list = rows.map((row) => `${day(row)} ${hoursOf(row)}`);
      if (op.report === 'per-day')
        return rows.length === 0
          ? `No data for ${label(tag)} ${duringWindow(plan.window.label, 'in')}.`
          : `Time ${label(tag)} was ${what} per plant-local day, ${plan.window.label}: ${list.join('; ')}.`;
      if (rows.length === 0) return `${label(tag)} was never ${what} on any day ${during} (good-quality samples).`;
      return `${label(tag)} was ${what} on ${rows.length} day${rows.length === 1 ? '' : 's'} ${during} (time ${what} per plant-local day): ${list.join('; ')}.`;
    }
    case undefined: {
      const total = read(first, 'hours');
      if (total === null) return `${label(tag)} was never ${what} ${during} (good-quality samples).`;
      const times = read(first, 'stretches') ?? 0;
      const at = (name: string): Cell | undefined => first?.[column(result, name)];
      const stretch = `${span(read(first, 'longest_hours') ?? 0)}, from ${when(at('longest_start'), tz)} to ${when(at('longest_end'), tz)}`;
      return `${label(tag)} was ${what} ${times} time${times === 1 ? '' : 's'} for ${span(total)} in total ${during}; the longest stretch was ${stretch}.`;
    }
    case 'longest':
    case 'stretches': {
      const hours = rows.map((r) => num(r[2]) ?? 0);
      if (rows.length === 0) return `${label(tag)} was never ${what} ${during} (good-quality samples).`;
      const longest = hours.indexOf(Math.max(...hours));
      const row = rows[longest] ?? [];
      const stretch = `${span(hours[longest] ?? 0)}, from ${when(row[0], tz)} to ${when(row[1], tz)}`;
      if (op.report === 'longest') return `The longest stretch ${label(tag)} was ${what} ${during} was ${stretch}.`;
      const total = hours.reduce((a, b) => a + b, 0);
      return `${label(tag)} was ${what} ${rows.length} time${rows.length === 1 ? '' : 's'} for ${span(total)} in total ${during}; the longest stretch was ${stretch}.`;
    }
  }
}

const REPORT_METHOD: Record<NonNullable<Threshold['report']>, string> = {
  count: 'the number of stretches that began inside the window (one already in force at its start is in the time, not the count)',
  share: 'their total time as a share of the whole window',
  longest: 'the longest stretch (its start, end and hours)',
  stretches: 'every stretch (its start, end and hours)',
  days: 'per plant-local calendar day (pieces cut at local midnight), the hours in that state; days with none are left out',
  'per-day': 'per plant-local calendar day (pieces cut at local midnight), the hours in that state',
  'day-count': 'the number of plant-local calendar days with any time in that state (pieces cut at local midnight)',
};

/**
 * The method line of a threshold answer: the state compared (in the tag's `unit`), how the time is counted, what is
 * reported of it.
 */
export function thresholdMethod(op: Threshold, unit: string | undefined): string {
  const state = comparisonOf(op, unit);
  const band = op.upper === undefined ? '' : ' (both ends inside the band)';
  return (
    `time ${state}${band} of the step signal: each good sample holds until the next sample or the max age, so a crossing ` +
    `between samples counts from the first sample beyond it; the state carried in at the window start included, a stretch ends at a not-good piece` +
    `; reported: ${op.report ? REPORT_METHOD[op.report] : 'their total time, how many there were and the longest one'}`
  );
}
