// SQL for time beyond a limit or inside / outside a band: the stretches of the step signal in the state asked (the state
// carried in at the window start included; a stretch ends at a not-good piece), or what a report asks of them: how
// many began inside the window, their share of the window, the longest one, the plant-local days with any time in the state, how many days.
import type { Operation } from './plan.ts';
import { knownCte } from './known-sql.ts';
import { stretchMinutesColumn } from './duration-unit.ts';
import { scopeLiterals, segmentCtes, type SignalScope } from './signal-sql.ts';
import { bucketCtes } from './bucket-sql.ts';
import { numberLiteral, secondsBetween } from './sql-dialect.ts';

type Threshold = Extract<Operation, { kind: 'threshold' }>;

/** The condition a piece's value `v` meets in the state asked: beyond the limit, or inside / outside the band (ends inside). */
export function thresholdCondition(op: Pick<Threshold, 'comparator' | 'value' | 'upper' | 'inclusive'>, v = 'v'): string {
  const low = numberLiteral(op.value);
  const high = numberLiteral(op.upper ?? op.value);
  switch (op.comparator) {
    case 'above':
      return `${v} ${op.inclusive ? '>=' : '>'} ${low}`;
    case 'below':
      return `${v} ${op.inclusive ? '<=' : '<'} ${low}`;
    case 'between':
      return `${v} >= ${low} AND ${v} <= ${high}`;
    case 'outside':
      return `(${v} < ${low} OR ${v} > ${high})`;
  }
}

/** The value of a stretch furthest into the state: its maximum above a limit, minimum below; outside a band, the side it left by. */
export function extremeOf(op: Threshold): string | null {
  if (op.comparator === 'above') return 'max(v)';
  if (op.comparator === 'below') return 'min(v)';
  if (op.comparator === 'outside') return `CASE WHEN max(v) > ${numberLiteral(op.upper ?? op.value)} THEN max(v) ELSE min(v) END`;
  return null;
}

/**
 * The CTEs up to `stretch` (one row per stretch in the state asked: start_time, end_time, hours, extreme_value): the one
 * definition of time beyond a limit. `perTag`: the stretches of each tag of a group apart (a `tag` column), for the
 * per-member answer (member-threshold-sql.ts).
 */
export function stretchCtes(op: Threshold, scope: SignalScope, perTag = false): string {
  const hit = `CASE WHEN good AND ${thresholdCondition(op)} THEN 1 ELSE 0 END`;
  const extreme = extremeOf(op);
  const tag = perTag ? 'tag, ' : '';
  return (
    `WITH ${segmentCtes(scope)}, flagged AS (SELECT ${tag}t0, t1, v, dur, ${hit} AS hit FROM seg), ` +
    `grouped AS (SELECT ${tag}t0, t1, v, dur, hit, sum(1 - hit) OVER (${perTag ? 'PARTITION BY tag ' : ''}ORDER BY t0) AS grp FROM flagged), ` +
    `stretch AS (SELECT ${tag}min(t0) AS start_time, max(t1) AS end_time, sum(dur) / 3600.0 AS hours` +
    `${extreme ? `, ${extreme} AS extreme_value` : ''} FROM grouped WHERE hit = 1 GROUP BY ${tag}grp)`
  );
}

/** One statement for a threshold plan over one tag (scope without names). */
export function compileThreshold(op: Threshold, scope: SignalScope, timezone: string): string {
  const l = scopeLiterals(scope);
  if (op.report === 'days' || op.report === 'per-day' || op.report === 'day-count') return compileDays(op, scope, timezone);
  const extreme = extremeOf(op);
  const stretches = stretchCtes(op, scope);
  if (!op.report) {
    const furthest = op.comparator === 'above' ? 'max' : op.comparator === 'below' ? 'min' : null;
    return totalRow(`${stretches}, ${knownCte(scope)}`, op.unit, furthest);
  }
  if (op.report === 'stretches' || op.report === 'longest') {
    // Each stretch carries the window's good coverage and where the data ends; without any stretch one row of them
    // alone says how much of the window was known (see unknown-state.ts). The longest: the first of the longest.
    const columns = `s.start_time, s.end_time, s.hours${stretchMinutesColumn(op.unit, 's.hours')}${extreme ? ', s.extreme_value' : ''}`;
    const nulls = `NULL, NULL, NULL${op.unit === 'hours' ? '' : ', NULL'}${extreme ? ', NULL' : ''}`;
    const chosen = op.report === 'longest' ? `(SELECT * FROM stretch ORDER BY hours DESC, start_time LIMIT 1) AS s` : 'stretch AS s';
    return (
      `${stretches}, ${knownCte(scope)} ` +
      `SELECT ${columns}, k.coverage, k.data_end FROM ${chosen} CROSS JOIN known AS k ` +
      `UNION ALL SELECT ${nulls}, k.coverage, k.data_end FROM known AS k WHERE NOT EXISTS (SELECT 1 FROM stretch) ` +
      `ORDER BY 1`
    );
  }
  // One row: how many stretches, their hours, and that time as a share of the window; the good coverage beside it.
  const shareOf = `100.0 * coalesce((SELECT sum(hours) FROM stretch), 0) * 3600 / ${numberLiteral(l.windowSeconds)}`;
  const count = `(SELECT count(*) FROM stretch)`;
  // "How many times did it drop below": a stretch already in force at the window start began before it, so it is no
  // drop inside the window; its time counts, and the answer says it was carried in.
  const crossings =
    `(SELECT count(*) FROM stretch WHERE start_time > ${l.from}) AS times, ` +
    `(SELECT count(*) FROM stretch WHERE start_time <= ${l.from}) AS carried_in, `;
  return (
    `${stretches} SELECT ${op.report === 'count' ? crossings : `${shareOf} AS share_pct, `}` +
    `coalesce((SELECT sum(hours) FROM stretch), 0) AS total_hours, ` +
    `${op.report === 'count' ? '' : `${count} AS stretches, `}` +
    `coalesce((SELECT sum(dur) FROM seg WHERE good), 0) / ${numberLiteral(l.windowSeconds)} AS coverage`
  );
}

/**
 * The time in a state, one row: the total `hours` (and `minutes` when asked so), how many stretches (one carried in at
 * the window start included), the longest one (its start, end and hours) and, by `furthest`, the furthest value of all;
 * the good coverage and the data's end. Without any stretch the values are null: the row says only what was known.
 * `ctes` ends with `stretch` (start_time, end_time, hours, extreme_value when `furthest`) and `known` (coverage, data_end).
 */
export function totalRow(ctes: string, unit: Threshold['unit'], furthest: 'max' | 'min' | null): string {
  const total = '(SELECT sum(hours) FROM stretch)';
  return (
    `${ctes}, longest AS (SELECT * FROM stretch ORDER BY hours DESC, start_time LIMIT 1) ` +
    `SELECT ${total} AS hours${stretchMinutesColumn(unit, total)}, nullif((SELECT count(*) FROM stretch), 0) AS stretches, ` +
    `l.start_time AS longest_start, l.end_time AS longest_end, l.hours AS longest_hours` +
    `${furthest ? `, (SELECT ${furthest}(extreme_value) FROM stretch) AS extreme_value` : ''}, k.coverage, k.data_end ` +
    `FROM known AS k LEFT JOIN longest AS l ON 1 = 1`
  );
}

/**
 * The plant-local calendar days of the window with any good time in the state: each day (`day`, its start as an instant)
 * with its hours in the state and its good coverage, oldest first; every day of the window so (`per-day`); or
 * (`day-count`) how many such days, of how many days had good data, with the window's good coverage. A day's time is the pieces cut at its edges, the value carried across them.
 */
function compileDays(op: Threshold, scope: SignalScope, timezone: string): string {
  const l = scopeLiterals(scope);
  const perDay =
    `WITH ${segmentCtes(scope)}, ${bucketCtes(scope, 'day', timezone)}, ` +
    `daily AS (SELECT bucket AS day, coalesce(sum(dur) FILTER (WHERE good AND ${thresholdCondition(op)}), 0) / 3600.0 AS hours, ` +
    `coalesce(sum(dur) FILTER (WHERE good), 0) / nullif(${secondsBetween('max(b1)', 'min(b0)')}, 0) AS coverage FROM bseg GROUP BY bucket)`;
  if (op.report === 'days') return `${perDay} SELECT day, hours, coverage FROM daily WHERE hours > 0 ORDER BY day`;
  // Every day of the window; a day without any good data has no hours (unknown, not 0).
  if (op.report === 'per-day')
    return (
      `${perDay} SELECT b.bucket AS day, CASE WHEN d.coverage > 0 THEN d.hours END AS hours, coalesce(d.coverage, 0) AS coverage ` +
      `FROM buckets AS b LEFT JOIN daily AS d ON d.day = b.bucket ORDER BY b.bucket`
    );
  return (
    `${perDay} SELECT count(*) FILTER (WHERE hours > 0) AS day_count, count(*) FILTER (WHERE coverage > 0) AS days_with_data, ` +
    `coalesce((SELECT sum(dur) FROM seg WHERE good), 0) / ${numberLiteral(l.windowSeconds)} AS coverage FROM daily`
  );
}
