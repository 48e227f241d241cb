// Structured tag tools shared with the model agent (tag_history, tag_stats): tag + window + bucket/aggregation -> SQL.
import type { SourceDescription, TagInfo } from '../../connectors/connector.ts';
import { OtqError } from '../../core/errors.ts';
import { compileOptionsFor, compilePlan, sampleColumns } from './compile-plan.ts';
import type { AggFn, Bucket, Plan, PlanTag } from './plan.ts';
import { idLiteral, timeLiteral } from './sql-dialect.ts';
import { buildTagIndex, linkTags, splitTerms, tokenize } from './tag-catalog.ts';
import { makeWindow } from './time-window.ts';
import { rateUnit } from './signal-units.ts';

export interface TagWindowArgs {
  /** Exact tag name (path) or id, as listed by the catalog. */
  tag: string;
  /** ISO-8601 instants, half-open [from, to). */
  from: string;
  to: string;
  /** Plant time zone (IANA) for bucket boundaries. */
  timezone: string;
}

export interface TagHistoryArgs extends TagWindowArgs {
  /** `raw` = stored samples; otherwise bucketed aggregates. */
  bucket?: Bucket | 'raw';
  fns?: AggFn[];
  /** Row cap for raw history (default 1000). */
  limit?: number;
}

export interface TagStatsArgs extends TagWindowArgs {
  fns?: AggFn[];
}

export interface CompiledTagQuery {
  sql: string;
  tag: TagInfo;
  window: Plan['window'];
}

/** Finds a tag by exact name or id; otherwise a NOT_FOUND error naming the closest tags, so the caller can retry. */
export function findTag(source: SourceDescription, nameOrId: string): TagInfo {
  const tags = source.tags ?? [];
  const exact =
    tags.find((t) => t.name === nameOrId || String(t.id) === nameOrId) ?? tags.find((t) => t.name.toLowerCase() === nameOrId.toLowerCase());
  if (exact) return exact;
  const near = linkTags(buildTagIndex(tags), tokenize(splitTerms(nameOrId)), { specific: false })
    .best.slice(0, 5)
    .map((t) => t.info.name);
  throw new OtqError(
    'NOT_FOUND',
    `no tag "${nameOrId}" in source "${source.name}"${near.length > 0 ? `; closest: ${near.join(', ')}` : ''}`,
  );
}

function prepare(source: SourceDescription, args: TagWindowArgs): { tag: TagInfo; planTag: PlanTag; window: Plan['window'] } {
  if (!source.historian) throw new OtqError('USAGE', `source "${source.name}" has no historian mapping; use run_sql instead`);
  const from = new Date(args.from);
  const to = new Date(args.to);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to)
    throw new OtqError('USAGE', `invalid window ${args.from} .. ${args.to}: give ISO-8601 instants with from < to`);
  const tag = findTag(source, args.tag);
  const planTag: PlanTag = {
    id: tag.id,
    name: tag.name,
    ...(tag.unit ? { unit: tag.unit } : {}),
    ...(tag.dataType ? { dataType: tag.dataType } : {}),
    ...(tag.measurement ? { measurement: tag.measurement } : {}),
  };
  return { tag, planTag, window: makeWindow(from, to, args.timezone, 'requested window') };
}

/** SQL for a tag's history: raw samples (time, value, quality) or bucketed aggregates in the plant's zone. */
export function compileTagHistory(source: SourceDescription, args: TagHistoryArgs): CompiledTagQuery {
  const { tag, planTag, window } = prepare(source, args);
  const mapping = source.historian!;
  const options = compileOptionsFor(source);
  if (!args.bucket || args.bucket === 'raw') {
    const c = sampleColumns(mapping);
    const storage = options.samplesTime ?? 'tz';
    const limit = Math.max(1, Math.min(args.limit ?? 1000, 100_000));
    const sql =
      `SELECT ${c.time} AS time, ${c.value} AS value${c.quality ? `, ${c.quality} AS quality` : ''} FROM ${c.from} ` +
      `WHERE ${c.tag} = ${idLiteral(tag.id)} AND ${c.time} >= ${timeLiteral(window.from, storage)} AND ${c.time} < ${timeLiteral(window.to, storage)} ORDER BY ${c.time} LIMIT ${limit}`;
    return { sql, tag, window };
  }
  const plan: Plan = {
    kind: 'plan',
    source: source.name,
    tags: [planTag],
    window,
    operation: { kind: 'series', bucket: args.bucket, fns: args.fns ?? ['avg', 'min', 'max'] },
    understood: '',
  };
  return { sql: compilePlan(plan, mapping, source.dialect, options), tag, window };
}

/** SQL for aggregates of a tag over a window (good-quality samples only, with sample counts). */
export function compileTagStats(source: SourceDescription, args: TagStatsArgs): CompiledTagQuery {
  const { tag, planTag, window } = prepare(source, args);
  const fns = args.fns ?? ['avg', 'min', 'max', 'first', 'last', ...(rateUnit(tag.unit) ? (['integral'] as const) : [])];
  if (fns.includes('integral') && !rateUnit(tag.unit))
    throw new OtqError(
      'USAGE',
      `${tag.name} (${tag.unit ? `in ${tag.unit}` : 'no unit'}) is not a rate over time such as m3/h, L/s or kW, so it has no integral; ask for avg, min or max`,
    );
  const plan: Plan = { kind: 'plan', source: source.name, tags: [planTag], window, operation: { kind: 'aggregate', fns }, understood: '' };
  return { sql: compilePlan(plan, source.historian!, source.dialect, compileOptionsFor(source)), tag, window };
}
