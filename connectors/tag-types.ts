// Tag types (status, counter, analog) inferred from a bounded sample of each tag's values when the mapping has no type column.
import type { Dialect, TagInfo } from './connector.ts';

export type TagType = 'analog' | 'status' | 'counter';

/** What one tag's recent values look like (one row of the statistics query). */
export interface TagValueStats {
  /** Samples read (non-null values). */
  samples: number;
  distinct: number;
  /** Every value is a whole number. */
  integral: boolean;
  min: number | null;
  max: number | null;
  /** Consecutive pairs (samples - 1). */
  steps: number;
  increases: number;
  decreases: number;
  /** Decreases to at most a quarter of the value before (a counter's reset or roll-over). */
  resets: number;
  /** Consecutive pairs with the same value (a heartbeat storing an unchanged value repeats it). */
  repeats: number;
}

export interface InferredType {
  type: TagType;
  /** Why, in a few words, for `otq catalog` and `otq connect --check`. */
  reason: string;
}

/** Most values a status tag takes (stopped/running/tripped/...); more makes it a quantity. */
const MAX_STATES = 4;
/** Largest state code a status tag uses. */
const MAX_STATE_CODE = 7;
/** Steps a counter needs before its shape says anything. */
const MIN_COUNTER_STEPS = 10;

/** Words of a name or description that say the tag holds a state or a running total (not fitted to any question). */
const STATUS_WORD = /(^|[^a-z])(status|state|running|on\/off|open\/closed?|run)([^a-z]|$)/i;
const COUNTER_WORD = /(^|[^a-z])(total|totali[sz]er|totali[sz]ed|counter|cumulative|accumulated|meter reading)([^a-z]|$)/i;
/** Units of a running total (volume, energy, hours) rather than of a rate. */
const TOTAL_UNIT = /^(m3|m³|l|kl|ml|kwh|mwh|wh|gal|h|hours?)$/i;

/**
 * A tag's type from its recent values, with the name, description and unit as cues:
 * - status: whole numbers in a handful of small codes (0/1, 0/1/2), and no physical unit; a constant 0 or 1 counts only
 *   when the name or description says status;
 * - counter: rises step by step and never falls except by resets to near zero (rare), or says total with a volume or
 *   energy unit and never falls;
 * - analog otherwise.
 */
export function inferTagType(stats: TagValueStats | undefined, tag: Pick<TagInfo, 'name' | 'description' | 'unit'>): InferredType {
  const words = `${tag.name.replace(/[_.]/g, ' ')} ${tag.description ?? ''}`;
  const saysStatus = STATUS_WORD.test(words);
  const saysCounter = COUNTER_WORD.test(words) || (tag.unit !== undefined && TOTAL_UNIT.test(tag.unit.trim()));
  const physicalUnit =
    tag.unit !== undefined && tag.unit.trim() !== '' && !/^(-|state|status|bool|boolean|on\/off)$/i.test(tag.unit.trim());
  if (!stats || stats.samples === 0) {
    if (saysStatus && !physicalUnit) return { type: 'status', reason: 'no recent samples; name or description says status' };
    return { type: 'analog', reason: 'no recent samples' };
  }
  const { min, max } = stats;
  const smallCodes = stats.integral && min !== null && max !== null && min >= 0 && max <= MAX_STATE_CODE && stats.distinct <= MAX_STATES;
  if (smallCodes && !physicalUnit && (stats.distinct >= 2 || saysStatus)) {
    return {
      type: 'status',
      reason: `${stats.distinct} value${stats.distinct === 1 ? '' : 's'} (${range(min, max)}) in ${stats.samples} samples`,
    };
  }
  const falls = stats.decreases - stats.resets;
  const rareResets = stats.resets <= Math.max(1, Math.floor(stats.steps / 100));
  if (stats.steps >= MIN_COUNTER_STEPS && falls === 0 && rareResets && stats.increases > 0) {
    const risesMostly = stats.increases >= stats.steps / 5;
    if (risesMostly || saysCounter) {
      const resets = stats.resets > 0 ? `, ${stats.resets} reset${stats.resets === 1 ? '' : 's'}` : '';
      return { type: 'counter', reason: `rose in ${stats.increases} of ${stats.steps} steps, never fell${resets}` };
    }
  }
  return { type: 'analog', reason: `${stats.distinct} distinct values in ${stats.samples} samples` };
}

function range(min: number, max: number): string {
  return min === max ? String(min) : `${min}..${max}`;
}

/** Share of consecutive samples repeating the value up to which a tag counts as stored on change. */
export const ON_CHANGE_MAX_REPEAT_SHARE = 0.1;

/**
 * Whether a tag's recent samples look stored on change (exception storage without a heartbeat): its consecutive
 * samples (almost) never repeat a value. A heartbeat stores an unchanged value again and again, so a status tag stored
 * with one repeats its value in most pairs (a pump's state changes a few times a day, the heartbeat stores it hourly).
 * Undefined without samples in the window read (nothing to tell from).
 */
export function looksStoredOnChange(stats: TagValueStats | undefined): boolean | undefined {
  if (!stats || stats.samples === 0) return undefined;
  return stats.repeats <= stats.steps * ON_CHANGE_MAX_REPEAT_SHARE;
}

/** Rows a statistics query aims to read; the window shrinks to fit (never under a day). */
export const TAG_SAMPLE_BUDGET_ROWS = 1_000_000;
/** Longest window read, in hours before the newest sample. */
export const TAG_SAMPLE_MAX_HOURS = 14 * 24;

/** How a dialect quotes and casts, for the two statistics queries. */
function dialectOf(dialect: Dialect): { quote: (name: string) => string; double: string; text: string } {
  return {
    quote: (name) => `"${name.replaceAll('"', '""')}"`,
    double: dialect === 'duckdb' ? 'DOUBLE' : 'double precision',
    text: dialect === 'duckdb' ? 'VARCHAR' : 'text',
  };
}

export interface SamplesColumns {
  /** The samples relation, already qualified and quoted. */
  relation: string;
  time: string;
  tag: string;
  value: string;
}

/** Rows in the day before the newest sample: sizes the statistics window. One row, one column. */
export function lastDayCountSql(dialect: Dialect, samples: SamplesColumns): string {
  const { quote } = dialectOf(dialect);
  const time = quote(samples.time);
  return `SELECT count(*) FROM ${samples.relation} WHERE ${time} > (SELECT max(${time}) FROM ${samples.relation}) - INTERVAL '24 hours'`;
}

/** Hours of history that fit the row budget, given the rows of the last day. */
export function windowHoursFor(lastDayRows: number): number {
  if (lastDayRows <= 0) return TAG_SAMPLE_MAX_HOURS;
  return Math.max(24, Math.min(TAG_SAMPLE_MAX_HOURS, Math.floor((24 * TAG_SAMPLE_BUDGET_ROWS) / lastDayRows)));
}

/**
 * Per tag over the window before the newest sample: samples, distinct values, whole numbers, min, max, steps,
 * increases, decreases and resets (in time order). Columns in the order of `TagValueStats`, after the tag id as text.
 */
export function tagStatsSql(dialect: Dialect, samples: SamplesColumns, windowHours: number): string {
  const { quote, double, text } = dialectOf(dialect);
  const time = quote(samples.time);
  const value = `CAST(${quote(samples.value)} AS ${double})`;
  return `WITH recent AS (
  SELECT CAST(${quote(samples.tag)} AS ${text}) AS tag, ${time} AS t, ${value} AS v FROM ${samples.relation}
   WHERE ${time} > (SELECT max(${time}) FROM ${samples.relation}) - INTERVAL '${Math.round(windowHours)} hours' AND ${quote(samples.value)} IS NOT NULL
), ordered AS (
  SELECT tag, v, lag(v) OVER (PARTITION BY tag ORDER BY t) AS prev FROM recent
)
SELECT tag, count(*), count(DISTINCT v), bool_and(v = round(v)), min(v), max(v), count(prev),
  sum(CASE WHEN v > prev THEN 1 ELSE 0 END), sum(CASE WHEN v < prev THEN 1 ELSE 0 END),
  sum(CASE WHEN v < prev AND v <= prev * 0.25 THEN 1 ELSE 0 END), sum(CASE WHEN v = prev THEN 1 ELSE 0 END)
FROM ordered GROUP BY tag`;
}

/** One result row of `tagStatsSql` as tag id text and statistics. */
export function statsFromRow(row: readonly unknown[]): [string, TagValueStats] {
  const num = (cell: unknown): number => (cell === null || cell === undefined ? 0 : Number(cell));
  const orNull = (cell: unknown): number | null => (cell === null || cell === undefined ? null : Number(cell));
  return [
    String(row[0]),
    {
      samples: num(row[1]),
      distinct: num(row[2]),
      integral: row[3] === true || row[3] === 't' || row[3] === 'true',
      min: orNull(row[4]),
      max: orNull(row[5]),
      steps: num(row[6]),
      increases: num(row[7]),
      decreases: num(row[8]),
      resets: num(row[9]),
      repeats: num(row[10]),
    },
  ];
}

/** True when `name` matches a pattern of the `types:` override (`*` any characters, case-insensitive). */
export function matchesTagPattern(pattern: string, name: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`, 'i');
  return regex.test(name);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
