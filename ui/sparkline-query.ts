// Sparklines: time-weighted bucket averages of many tags over one window, compiled by the planner into one SQL statement.
import type { Cell, QueryResult, SourceDescription, TagInfo } from '../connectors/connector.ts';
import { compileOptionsFor, compilePlan } from '../agent/planner/compile-plan.ts';
import type { Bucket, Plan } from '../agent/planner/plan.ts';
import { makeWindow } from '../agent/planner/time-window.ts';

/** Most tags one sparkline query covers (one column each); the catalog page asks for the first ones of a larger source. */
export const MAX_SPARKLINE_TAGS = 200;
/** Longest window a sparkline request may ask for. */
export const MAX_SPARKLINE_DAYS = 400;

const HOUR_MS = 3_600_000;

export interface SparklineQuery {
  sql: string;
  /** The tags asked about, in the order of the result's value columns. */
  tags: TagInfo[];
  bucket: Bucket;
}

/** One tag's line: bucket start instants (ISO) and the time-weighted average of each (null where no good data). */
export interface Sparkline {
  tag: string;
  unit?: string;
  buckets: string[];
  values: (number | null)[];
}

/** Hourly buckets up to 8 days (at most ~200 points), daily up to ~200 days, weekly beyond. */
export function sparklineBucket(fromMs: number, toMs: number): Bucket {
  const hours = (toMs - fromMs) / HOUR_MS;
  if (hours <= 8 * 24) return 'hour';
  if (hours <= 200 * 24) return 'day';
  return 'week';
}

/**
 * The SQL for time-weighted bucket averages of `tags` over [from, to): the planner's series compile (the value in force
 * carried across bucket edges, the good-quality filter, step or linear per tag), one column per tag for several tags,
 * so a whole catalog costs one guarded query. Null when the source has no historian mapping or no tag is given.
 */
export function compileSparklines(
  source: SourceDescription,
  tags: TagInfo[],
  from: Date,
  to: Date,
  timezone: string,
): SparklineQuery | null {
  const asked = tags.slice(0, MAX_SPARKLINE_TAGS);
  if (!source.historian || asked.length === 0) return null;
  const bucket = sparklineBucket(from.getTime(), to.getTime());
  const plan: Plan = {
    kind: 'plan',
    source: source.name,
    tags: asked.map((t) => ({
      id: t.id,
      name: t.name,
      ...(t.unit ? { unit: t.unit } : {}),
      ...(t.dataType ? { dataType: t.dataType } : {}),
      ...(t.measurement ? { measurement: t.measurement } : {}),
    })),
    window: makeWindow(from, to, timezone, 'sparkline'),
    operation: { kind: 'series', bucket, fns: ['avg'] },
    understood: '',
  };
  return { sql: compilePlan(plan, source.historian, source.dialect, compileOptionsFor(source)), tags: asked, bucket };
}

/**
 * Reads the result of a sparkline query: column 0 is the bucket; with one tag column 1 is its average, with several
 * the value columns follow the tags' order. Every tag gets a line (all nulls when it had no data in the window).
 */
export function readSparklines(query: SparklineQuery, result: QueryResult): Sparkline[] {
  const buckets = result.rows.map((row) => instantText(row[0] ?? null));
  return query.tags.map((tag, i) => ({
    tag: tag.name,
    ...(tag.unit ? { unit: tag.unit } : {}),
    buckets,
    values: result.rows.map((row) => numberOf(row[i + 1] ?? null)),
  }));
}

function numberOf(cell: Cell): number | null {
  if (cell === null) return null;
  const n = typeof cell === 'number' ? cell : Number(cell);
  return Number.isFinite(n) ? n : null;
}

/** A bucket start as an ISO instant (a TIMESTAMP without zone holds UTC). */
function instantText(cell: Cell): string {
  const text = String(cell);
  const ms = Date.parse(/(?:Z|[+-]\d{2}(?::?\d{2})?)$/.test(text) ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : text;
}
