// Compiles a plan to one SQL statement for the source's dialect, from the historian mapping alone.
import type { Dialect, SourceDescription } from '../../connectors/connector.ts';
import type { HistorianMapping } from '../../connectors/historian-mapping.ts';
import type { AggFn, Bucket, Plan, PlanTag } from './plan.ts';
import { STATE_MEASURE, type StateReport } from './state-time.ts';
import {
  ident,
  idLiteral,
  numberLiteral,
  secondsBetween,
  storageOfType,
  stringLiteral,
  timeLiteral,
  type TimeStorage,
} from './sql-dialect.ts';
import { planSignal } from './signal-model.ts';
import { compileShape } from './compile-shapes.ts';
import { aliasOf, keepTies } from './rank-ties.ts';
import { compileStateEvents } from './state-events.ts';
import { compileLastRun } from './last-run.ts';
import { compileThreshold } from './threshold-sql.ts';
import { compileMemberThreshold, meetsLimitColumn } from './member-threshold-sql.ts';
import { compileCatalog } from './catalog-sql.ts';
import { compileAlarms } from './alarm-sql.ts';
import { compileCoverage } from './coverage-sql.ts';
import { scaledValue } from './asked-unit.ts';
import { bucketAggs, bucketCtes } from './bucket-sql.ts';
import { dataEndOf, extremeTime, holdAggs, segmentCtes, STATS_HELPERS, statsCtes, type SignalScope } from './signal-sql.ts';
import { summedRunHoursSql } from './summed-run-hours.ts';

/** How the samples' and alarms' time columns store instants; read from the source description. */
export interface CompileOptions {
  samplesTime?: TimeStorage;
  alarmsTime?: TimeStorage;
  /** Look-back bound for latest / value-at queries, ms (default 7 days): keeps the scan small. */
  lookbackMs?: number;
}

const DEFAULT_LOOKBACK_MS = 7 * 86_400_000;

/** Reads the time storage of the mapped tables from a source description (TIMESTAMPTZ vs TIMESTAMP). */
export function compileOptionsFor(source: SourceDescription): CompileOptions {
  const mapping = source.historian;
  const typeOf = (table: string | undefined, column: string | undefined): string | undefined =>
    source.tables.find((t) => t.name === table)?.columns.find((c) => c.name === column)?.type;
  return {
    samplesTime: storageOfType(typeOf(mapping?.samples.table, mapping?.samples.time)),
    alarmsTime: storageOfType(typeOf(mapping?.alarms?.table, mapping?.alarms?.time)),
  };
}

/** Column references of the samples and tags tables under the aliases `s` and `t`. */
export interface SampleColumns {
  from: string;
  time: string;
  tag: string;
  value: string;
  quality: string | undefined;
  good: string | undefined;
  tagJoin: string;
  tagName: string;
}

/** Column references of the mapping, aliased. */
export function sampleColumns(mapping: HistorianMapping): SampleColumns {
  const s = mapping.samples;
  const t = mapping.tags;
  const quality = s.quality ? `s.${ident(s.quality)}` : undefined;
  return {
    from: `${ident(s.table)} AS s`,
    time: `s.${ident(s.time)}`,
    tag: `s.${ident(s.tag)}`,
    value: `s.${ident(s.value)}`,
    quality,
    good: quality ? `${quality} IN (${s.goodQuality.map((q) => numberLiteral(q)).join(', ')})` : undefined,
    tagJoin: `JOIN ${ident(t.table)} AS t ON t.${ident(t.id)} = s.${ident(s.tag)}`,
    tagName: `t.${ident(t.name)}`,
  };
}

function tagFilter(column: string, tags: readonly PlanTag[]): string {
  if (tags.length === 0) throw new Error('plan without tags');
  if (tags.length === 1) return `${column} = ${idLiteral(tags[0]!.id)}`;
  return `${column} IN (${tags.map((t) => idLiteral(t.id)).join(', ')})`;
}

/** The signal scope of a plan: its tags' signal model from the mapping, its window. */
function signalScope(plan: Plan, mapping: HistorianMapping, c: SampleColumns, storage: TimeStorage, byName: boolean): SignalScope {
  return { c, tags: plan.tags, signal: planSignal(mapping, plan.tags), from: plan.window.from, to: plan.window.to, storage, byName };
}

/**
 * The newest sample of each tag before `upTo` (a time literal), with `bound` (" AND time >= ...", or nothing) limiting
 * how far back: the value in force then, one row per tag.
 */
function inForceSql(plan: Plan, c: SampleColumns, upTo: string, bound: string): string {
  const cols = [`${c.time} AS time`, `${c.value} AS value`, ...(c.quality ? [`${c.quality} AS quality`] : [])];
  return (
    `SELECT tag, time, value${c.quality ? ', quality' : ''} FROM (SELECT ${c.tagName} AS tag, ${cols.join(', ')}, ` +
    `row_number() OVER (PARTITION BY ${c.tag} ORDER BY ${c.time} DESC) AS rn FROM ${c.from} ${c.tagJoin} ` +
    `WHERE ${tagFilter(c.tag, plan.tags)} AND ${c.time} < ${upTo}${bound}) AS in_force WHERE rn = 1`
  );
}

/**
 * "T1 level now vs this time yesterday": the value in force at `at` and at the earlier moment `against`, side by side
 * per tag (the last sample at or before each), and their change when both samples are good.
 */
function compileAgainst(
  plan: Plan,
  at: string,
  against: string,
  c: SampleColumns,
  storage: TimeStorage,
  bounded: boolean,
  options: CompileOptions,
): string {
  const lookback = options.lookbackMs ?? DEFAULT_LOOKBACK_MS;
  const inForce = (moment: string): string => {
    const ms = Date.parse(moment);
    const since = bounded ? ` AND ${c.time} >= ${timeLiteral(new Date(ms - lookback).toISOString(), storage)}` : '';
    return inForceSql(plan, c, timeLiteral(new Date(ms + 1000).toISOString(), storage), since);
  };
  const good = (alias: string): string => (c.good && c.quality ? c.good.split(c.quality).join(`${alias}.quality`) : 'TRUE');
  const change = c.quality ? `CASE WHEN ${good('n')} AND ${good('p')} THEN n.value - p.value END` : 'n.value - p.value';
  const columns = [
    'n.tag AS tag',
    'n.time AS time',
    'n.value AS value',
    ...(c.quality ? ['n.quality AS quality'] : []),
    'p.time AS earlier_time',
    'p.value AS earlier_value',
    ...(c.quality ? ['p.quality AS earlier_quality'] : []),
    `${change} AS change`,
  ];
  return `SELECT ${columns.join(', ')} FROM (${inForce(at)}) AS n LEFT JOIN (${inForce(against)}) AS p ON p.tag = n.tag ORDER BY n.tag`;
}

/** Compiles a plan. Throws only on programming errors (a plan the mapping cannot serve is declined before this). */
export function compilePlan(plan: Plan, mapping: HistorianMapping, dialect: Dialect, options: CompileOptions = {}): string {
  const read = sampleColumns(mapping);
  // A result asked in another unit reads every value converted (asked-unit.ts).
  const c = { ...read, value: scaledValue(read.value, plan.scale) };
  const storage = options.samplesTime ?? 'tz';
  const tz = plan.window.timezone;
  const multi = plan.tags.length > 1;
  const op = plan.operation;
  switch (op.kind) {
    case 'latest':
    case 'at': {
      const at = timeLiteral(new Date(new Date(op.kind === 'at' ? op.at : plan.window.to).getTime() + 1000).toISOString(), storage);
      const since = timeLiteral(
        new Date(new Date(op.kind === 'at' ? op.at : plan.window.to).getTime() - (options.lookbackMs ?? DEFAULT_LOOKBACK_MS)).toISOString(),
        storage,
      );
      // "Latest" finds the newest sample at any age (the answer states its age); "at" looks back a bounded time, except
      // over tags stored on change (held until their next sample): their state at a moment may have been set long before.
      const signal = planSignal(mapping, plan.tags);
      const held = plan.tags.every((t) => signal.tags.get(t.name)?.maxAgeMs === null);
      const bound = op.kind === 'latest' || held ? '' : ` AND ${c.time} >= ${since}`;
      const cols = [`${c.time} AS time`, `${c.value} AS value`, ...(c.quality ? [`${c.quality} AS quality`] : [])];
      if (op.kind === 'at' && op.against) return compileAgainst(plan, op.at, op.against, c, storage, bound !== '', options);
      if (!multi) {
        return `SELECT ${cols.join(', ')} FROM ${c.from} WHERE ${tagFilter(c.tag, plan.tags)} AND ${c.time} < ${at}${bound} ORDER BY ${c.time} DESC LIMIT 1`;
      }
      const latestColumns = ['tag', 'time', 'value', ...(c.quality ? ['quality'] : [])];
      const latest = inForceSql(plan, c, at, bound);
      // "which tank is lowest now": every tag tied at the cut is kept (rank-ties.ts).
      if (op.kind === 'latest' && op.rank)
        return keepTies({ columns: latestColumns, from: latest, key: 'value', order: op.rank.order, limit: op.rank.limit, then: 'tag' });
      return `${latest} ORDER BY tag`;
    }
    case 'aggregate':
    case 'rank':
    case 'compare': {
      const fns = op.kind === 'aggregate' ? op.fns : [op.fn];
      if (op.kind === 'compare' && op.bucket)
        return compileWideSeries(plan, signalScope(plan, mapping, c, storage, false), dialect, op.fn, op.bucket);
      const scope = signalScope(plan, mapping, c, storage, multi);
      const values = fns.map((fn) => `${fn}_value`);
      const when = op.kind === 'aggregate' && op.when && !multi ? [`${extremeTime(op.when)} AS time`] : [];
      const columns = [...values, ...when, ...STATS_HELPERS, ...(fns.includes('delta') ? ['resets'] : [])].join(', ');
      if (!multi) return `WITH ${statsCtes(dialect, scope, fns)} SELECT ${columns} FROM stats`;
      if (op.kind === 'rank')
        return keepTies({
          ctes: statsCtes(dialect, scope, fns),
          columns: ['tag', ...columns.split(', ')],
          from: `SELECT tag, ${columns} FROM stats`,
          key: `${op.fn}_value`,
          order: op.order,
          limit: op.limit,
          then: 'tag',
        });
      return `WITH ${statsCtes(dialect, scope, fns)} SELECT tag, ${columns} FROM stats ORDER BY tag`;
    }
    case 'total': {
      const scope = signalScope(plan, mapping, c, storage, true);
      return (
        `WITH ${statsCtes(dialect, scope, [op.fn])} SELECT sum(${op.fn}_value) AS total_value, count(${op.fn}_value) AS tags_with_data, ` +
        `sum(good_samples) AS good_samples, sum(all_samples) AS all_samples, min(coverage) AS coverage, sum(gaps) AS gaps, ` +
        `max(longest_gap_minutes) AS longest_gap_minutes, min(data_end) AS data_end, max(last_time) AS last_time` +
        `${op.fn === 'delta' ? ', sum(resets) AS resets' : ''} FROM stats`
      );
    }
    case 'series': {
      // Buckets of the signal: time-weighted, the value in force carried across each bucket edge.
      const scope = signalScope(plan, mapping, c, storage, false);
      if (multi) return compileWideSeries(plan, scope, dialect, op.fns[0] ?? 'avg', op.bucket);
      const windowSeconds = (Date.parse(plan.window.to) - Date.parse(plan.window.from)) / 1000;
      return (
        `WITH ${segmentCtes(scope)}, ${bucketCtes(scope, op.bucket, tz, op.fns)}, agg AS (SELECT bucket, ${bucketAggs(dialect, scope, op.fns)} FROM bseg GROUP BY bucket) ` +
        `SELECT bucket, ${op.fns.map((fn) => `${fn}_value`).join(', ')}, good_samples, all_samples, ` +
        `sum(good_seconds) OVER () / ${numberLiteral(windowSeconds)} AS coverage FROM agg ORDER BY bucket`
      );
    }
    case 'threshold':
      // Stretches of the step signal beyond the limit or in / out of the band, the state carried in at the window start
      // included; over a group, those of each member apart.
      if (multi) return compileMemberThreshold(op, signalScope(plan, mapping, c, storage, true), plan);
      return compileThreshold(op, signalScope(plan, mapping, c, storage, false), tz);
    case 'run-hours': {
      // Time in the running state of the step signal (carried-in state included, clipped to the window and the data);
      // a start is a good piece beginning inside the window in the running state after a good piece that was not.
      // Every tag of the plan gets a row, with its good coverage and where its data ends: a tag without any state known
      // in the window has no run-hours (null), and the part of the window whose state is unknown is said.
      const scope = signalScope(plan, mapping, c, storage, multi);
      const from = timeLiteral(plan.window.from, storage);
      const to = timeLiteral(plan.window.to, storage);
      const key = (t: PlanTag): string => (multi ? stringLiteral(t.name) : idLiteral(t.id));
      const members = `members (tag) AS (VALUES ${plan.tags.map((t) => `(${key(t)})`).join(', ')})`;
      const coverage = `coalesce(k.good_seconds, 0) / nullif(${secondsBetween(`coalesce(${dataEndOf(scope, 'k')}, ${to})`, from)}, 0)`;
      const ctes =
        `${segmentCtes(scope)}, runs AS (SELECT tag, t, v, dur, lag(v) OVER (PARTITION BY tag ORDER BY t0) AS pv FROM seg WHERE good), ` +
        `ran AS (SELECT tag, sum(dur) FILTER (WHERE v >= 0.5) / 3600.0 AS run_hours, sum(dur) FILTER (WHERE v < 0.5) / 3600.0 AS stopped_hours, ` +
        `count(*) FILTER (WHERE v >= 0.5 AND pv < 0.5 AND t >= ${from}) AS starts FROM runs GROUP BY tag), ` +
        `known AS (SELECT tag, sum(dur) FILTER (WHERE good) AS good_seconds, greatest(max(t), max(nt)) AS newest${holdAggs(scope)} FROM seg GROUP BY tag), ` +
        `${members}`;
      const selected = [
        ...(multi ? ['m.tag'] : []),
        ...(op.report ? stateColumns(op.report, plan) : RUN_COLUMNS),
        `coalesce(${coverage}, 0) AS coverage`,
        `${dataEndOf(scope, 'k')} AS data_end`,
        ...(op.unit === 'minutes' && !op.report ? [RUN_MINUTES] : []),
        ...(op.hoursLimit ? [meetsLimitColumn(op.hoursLimit, RUN_HOURS)] : []),
      ];
      const query = `SELECT ${selected.join(', ')} FROM members AS m LEFT JOIN known AS k ON k.tag = m.tag LEFT JOIN ran AS r ON r.tag = m.tag`;
      // "bps01 total pump run hrs": the rows of every tag added up into one (summed-run-hours.ts).
      if (op.summed) return summedRunHoursSql(`WITH ${ctes} ${query}${multi ? ' ORDER BY m.tag' : ''}`, op.unit === 'minutes');
      if (!multi) return `WITH ${ctes} ${query}`;
      const measure = op.rankBy ? (op.report ? STATE_MEASURE[op.report] : op.rankBy) : undefined;
      // "which pump ran the most": every pump tied at the cut is kept (rank-ties.ts); without a limit, all in order.
      if (measure && op.limit)
        return keepTies({
          ctes,
          columns: selected.map(aliasOf),
          from: query,
          key: measure,
          order: op.order ?? 'desc',
          limit: op.limit,
          then: 'tag',
        });
      return `WITH ${ctes} ${query} ORDER BY ${measure ? `${measure} ${op.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, ` : ''}m.tag`;
    }
    case 'alarm-count':
    case 'alarm-top':
    case 'alarm-clear-time':
    case 'alarm-ack-time':
    case 'alarm-list':
      return compileAlarms(plan, mapping, options.alarmsTime ?? 'tz');
    case 'state-events':
      return compileStateEvents(plan, op, signalScope(plan, mapping, c, storage, true));
    case 'last-run':
      return compileLastRun(signalScope(plan, mapping, c, storage, false));
    case 'crossing':
    case 'together':
    case 'correlation':
    case 'change':
    case 'bucket-rank':
    case 'night-flow':
    case 'shift-log':
      return compileShape({ plan, mapping, dialect, c, storage });
    case 'catalog':
      return compileCatalog(plan, op, mapping);
    case 'coverage':
      return compileCoverage(plan, signalScope(plan, mapping, c, storage, multi), dialect);
  }
}

/** The run-hours of a tag of `ran` (alias r); a tag with no state known in the window has none (null). */
const RUN_HOURS = 'CASE WHEN r.tag IS NULL THEN NULL ELSE coalesce(r.run_hours, 0) END';

/** Run-hours and starts of each tag of `ran` (alias r). */
const RUN_COLUMNS = [`${RUN_HOURS} AS run_hours`, 'CASE WHEN r.tag IS NULL THEN NULL ELSE r.starts END AS starts'];

/** The run time in minutes, asked in that unit: last, so that the columns before it keep their places. */
const RUN_MINUTES = 'CASE WHEN r.tag IS NULL THEN NULL ELSE coalesce(r.run_hours, 0) * 60 END AS run_minutes';

/**
 * Availability (share of the whole window running) or downtime (hours stopped) of each tag of `ran` (alias r), with the
 * other state and the unknown time (no good state in force) beside it: running + stopped + unknown = the window.
 */
function stateColumns(report: StateReport, plan: Plan): string[] {
  // Whole seconds as the literal: a window's hours may have more digits than the guard lets a literal carry.
  const seconds = numberLiteral(Math.round((Date.parse(plan.window.to) - Date.parse(plan.window.from)) / 1000));
  const hours = `(${seconds} / 3600.0)`;
  const run = 'coalesce(r.run_hours, 0)';
  const stopped = 'coalesce(r.stopped_hours, 0)';
  const none = (value: string): string => `CASE WHEN r.tag IS NULL THEN NULL ELSE ${value} END`;
  const pct = (value: string): string => `100.0 * ${value} * 3600 / ${seconds}`;
  const unknown = `(${hours} - ${run} - ${stopped})`;
  if (report === 'availability')
    return [
      `${none(pct(run))} AS available_pct`,
      `${none(pct(stopped))} AS stopped_pct`,
      `${pct(unknown)} AS unknown_pct`,
      `${none(run)} AS run_hours`,
      `${none(stopped)} AS stopped_hours`,
    ];
  return [`${none(stopped)} AS down_hours`, `${unknown} AS unknown_hours`, `${none(run)} AS run_hours`];
}

/** The newest sample of a plan's tags at any age: said when a window had no data ("data ends ..."). */
export function compileNewest(plan: Plan, mapping: HistorianMapping): string {
  // The shift log's newest entry: a night asked after the log's last entry is "no entries" only up to it.
  const log = plan.operation.kind === 'shift-log' ? mapping.shiftLog : undefined;
  if (log) return `SELECT max(${ident(log.time)}) AS newest FROM ${ident(log.table)}`;
  const c = sampleColumns(mapping);
  return `SELECT max(${c.time}) AS newest FROM ${c.from} WHERE ${tagFilter(c.tag, plan.tags)}`;
}

/** One column per tag (named after it), one row per bucket: each tag's time-weighted bucket values side by side. */
function compileWideSeries(plan: Plan, scope: SignalScope, dialect: Dialect, fn: AggFn, bucket: Bucket): string {
  const columns = plan.tags.map((tag) => `max(CASE WHEN tag = ${idLiteral(tag.id)} THEN ${fn}_value END) AS ${ident(tag.name)}`);
  return (
    `WITH ${segmentCtes(scope)}, ${bucketCtes(scope, bucket, plan.window.timezone, [fn])}, ` +
    `agg AS (SELECT bucket, tag, ${bucketAggs(dialect, scope, [fn])} FROM bseg GROUP BY bucket, tag) ` +
    `SELECT bucket, ${columns.join(', ')} FROM agg GROUP BY bucket ORDER BY bucket`
  );
}
