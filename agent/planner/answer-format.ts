// The wording shared by the answer's sentence and notes: numbers, units, times, function names and tag labels.
import type { Cell, QueryResult } from '../../connectors/connector.ts';
import type { AggFn, Bucket, Plan, PlanTag } from './plan.ts';
import { formatShort } from './zoned-time.ts';
import { rateUnit } from './signal-units.ts';

/** What each aggregate function is called in a sentence. */
export const FN_LABEL: Record<AggFn, string> = {
  avg: 'average',
  mean: 'mean of the readings',
  min: 'minimum',
  max: 'maximum',
  sum: 'sum',
  count: 'sample count',
  first: 'first value',
  last: 'last value',
  delta: 'change',
  integral: 'total',
};

/** "24 buckets", "1 bucket". */
export const buckets = (count: number): string => `${count} bucket${count === 1 ? '' : 's'}`;
/** The text with its first letter in upper case. */
export const sentenceCase = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
/** "hourly", "daily"...: the adjective of a series' bucket. */
export const BUCKET_ADJECTIVE: Record<Bucket, string> = { hour: 'hourly', day: 'daily', week: 'weekly', month: 'monthly' };
const numberFormat = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 3,
  maximumSignificantDigits: 3,
  roundingPriority: 'morePrecision',
});

/**
 * A number for a sentence: 3 decimals or 3 significant digits, whichever shows more (1,234.568; 0.0167, not 0.017),
 * rounded once (0.27747 is 0.277; rounding to 4 digits first gave 0.278). `otq eval` holds a sentence to this.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return numberFormat.format(value);
}

/** A cell as a finite number; null for an empty, missing or non-numeric cell. */
export const num = (cell: Cell | undefined): number | null =>
  cell === null || cell === undefined || cell === '' ? null : Number.isFinite(Number(cell)) ? Number(cell) : null;
/** "12.5 m3/h", or "no data" for a null value. */
export const withUnit = (value: number | null, unit: string | undefined): string =>
  value === null ? 'no data' : `${formatNumber(value)}${unit ? ` ${unit}` : ''}`;

/** A timestamp cell in plant time ("2026-11-04 06:15"); a time without an offset is shown as written. */
export function when(cell: Cell | undefined, timezone: string): string {
  if (typeof cell !== 'string') return String(cell);
  const hasZone = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/.test(cell);
  const date = new Date(hasZone ? cell : `${cell.replace(' ', 'T')}Z`);
  if (Number.isNaN(date.getTime())) return cell;
  return hasZone ? formatShort(date, timezone) : cell.replace('T', ' ').slice(0, 16);
}

/** The index of the result's column `name`, or -1. */
export function column(result: QueryResult, name: string): number {
  return result.columns.findIndex((c) => c.name === name);
}

/** The sum of a column over all rows (empty cells count 0); null when the result has no such column. */
export function sumColumn(result: QueryResult, name: string): number | null {
  const index = column(result, name);
  if (index < 0) return null;
  return result.rows.reduce((sum, row) => sum + (num(row[index]) ?? 0), 0);
}

/** The unit of `fn` of a tag: the amount unit of a rate's integral (m3/h -> m3), else the tag's own unit. */
export const unitOf = (fn: AggFn, tag: PlanTag | undefined): string | undefined =>
  fn === 'integral' ? (rateUnit(tag?.unit)?.amount ?? tag?.unit) : tag?.unit;

/** What `fn` of a tag is called: a rate's integral by what it measures ("volume", "energy"), else the function's label. */
export const fnLabelOf = (fn: AggFn, tag: PlanTag | undefined): string =>
  fn === 'integral' ? (rateUnit(tag?.unit)?.quantity ?? FN_LABEL.integral) : FN_LABEL[fn];

/** A status tag's value in words, with the number ("running (1)", "stopped (0)"); null for other tags. */
export function statusWord(value: number | null, tag: PlanTag | undefined): string | null {
  if (value === null || tag?.dataType?.toLowerCase() !== 'status') return null;
  return value >= 0.5 ? `running (${formatNumber(value)})` : `stopped (${formatNumber(value)})`;
}

/** The tag a result row is about: its first column when the plan has several tags, else the plan's one tag. */
export const rowTag = (plan: Plan, row: Cell[]): string => (plan.tags.length > 1 ? String(row[0]) : (plan.tags[0]?.name ?? ''));

/** "BPS01/P01/Running (Pump 1 running)": a tag's name with its description, or "the tag". */
export const label = (tag: PlanTag | undefined): string =>
  tag ? `${tag.name}${tag.description ? ` (${tag.description})` : ''}` : 'the tag';
