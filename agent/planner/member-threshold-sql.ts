// SQL for a limit asked of a group of tags ("which critical points went below 2 bar", "which pumps ran more than 10 h"):
// one row per member with its figure, so the answer names the members beyond the limit and those that were not.
import type { Operation, Plan, PlanTag } from './plan.ts';
import { durationColumn } from './duration-unit.ts';
import { dataEndOf, holdAggs, scopeLiterals, type SignalScope } from './signal-sql.ts';
import { extremeOf, stretchCtes, thresholdCondition } from './threshold-sql.ts';
import { secondsBetween, stringLiteral } from './sql-dialect.ts';

type Threshold = Extract<Operation, { kind: 'threshold' }>;
type RunHours = Extract<Operation, { kind: 'run-hours' }>;

/** The limit of a run-hours question ("ran more than 10 h"), in hours. */
export type HoursLimit = NonNullable<RunHours['hoursLimit']>;

/** CTE `members`: every tag of the plan by name, so a member without any data still gets its row. */
export function membersCte(tags: readonly PlanTag[]): string {
  return `members (tag) AS (VALUES ${tags.map((t) => `(${stringLiteral(t.name)})`).join(', ')})`;
}

/** Each member's good share of the window up to where its data ends, from a per-tag `known` (alias k). */
function coverageOf(scope: SignalScope): string {
  const l = scopeLiterals(scope);
  return `coalesce(coalesce(k.good_seconds, 0) / nullif(${secondsBetween(`coalesce(${dataEndOf(scope, 'k')}, ${l.to})`, l.from)}, 0), 0)`;
}

/**
 * Per member (scope by name): the time in the state asked (`hours`; null when no state of it was known in the window), the
 * number of stretches, the first one's start, the furthest value, its good coverage and where its data ends. The
 * stretches are the single-tag threshold's (stretchCtes), kept apart per tag; members with time beyond the limit first.
 */
export function compileMemberThreshold(op: Threshold, scope: SignalScope, plan: Plan): string {
  // The furthest value of one side's stretches: the lowest below a limit, the highest above it (a band has two sides).
  const furthest = op.comparator === 'below' ? 'min' : op.comparator === 'above' ? 'max' : null;
  const extreme = furthest && extremeOf(op) ? ', s.extreme_value' : '';
  const known =
    `known AS (SELECT tag, sum(dur) FILTER (WHERE good) AS good_seconds, greatest(max(t), max(nt)) AS newest${holdAggs(scope)} ` +
    `FROM seg GROUP BY tag)`;
  const perMember =
    `per_member AS (SELECT tag, sum(hours) AS hours, count(*) AS stretches, min(start_time) AS first_start` +
    `${extreme ? `, ${furthest}(extreme_value) AS extreme_value` : ''} FROM stretch GROUP BY tag)`;
  const hours = `CASE WHEN k.good_seconds > 0 THEN coalesce(s.hours, 0) END`;
  return (
    `${stretchCtes(op, scope, true)}, ${known}, ${perMember}, ${membersCte(plan.tags)} ` +
    `SELECT m.tag, ${hours} AS hours${durationColumn(op.unit, hours)}, coalesce(s.stretches, 0) AS stretches, s.first_start` +
    `${extreme}, ${coverageOf(scope)} AS coverage, ${dataEndOf(scope, 'k')} AS data_end ` +
    `FROM members AS m LEFT JOIN known AS k ON k.tag = m.tag LEFT JOIN per_member AS s ON s.tag = m.tag ` +
    `ORDER BY coalesce(s.stretches, 0) = 0, m.tag`
  );
}

/** The column that says whether a member's run-hours (the SQL `runHours`) keep the limit asked: the answer lists those. */
export function meetsLimitColumn(limit: HoursLimit, runHours: string): string {
  return `coalesce(${thresholdCondition(limit, `(${runHours})`)}, FALSE) AS meets_limit`;
}
