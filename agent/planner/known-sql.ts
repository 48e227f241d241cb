// SQL for how much of a window a state was known (a good piece in force), beside answers that count time in a state:
// time above a limit, pumps running together. The part not known is said in the answer (unknown-state.ts).
import { dataEndOf, holdAggs, scopeLiterals, type SignalScope } from './signal-sql.ts';
import { numberLiteral, secondsBetween } from './sql-dialect.ts';

/**
 * CTE `known` (one row: `coverage`, the good share of the window up to `data_end`, where the data ends) over `seg` of
 * one tag: the same measure as a statistic's coverage.
 */
export function knownCte(scope: SignalScope): string {
  const l = scopeLiterals(scope);
  const end = dataEndOf(scope, 'k');
  return (
    `known0 AS (SELECT sum(dur) FILTER (WHERE good) AS good_seconds, greatest(max(t), max(nt)) AS newest${holdAggs(scope)} FROM seg), ` +
    `known AS (SELECT coalesce(k.good_seconds, 0) / nullif(${secondsBetween(`coalesce(${end}, ${l.to})`, l.from)}, 0) AS coverage, ` +
    `${end} AS data_end FROM known0 AS k)`
  );
}

/**
 * CTE `known` for several tags at once: the share of the window up to where the data ends (the end of the newest
 * piece) in which every tag's state was known, by a sweep over the good pieces (+1 where one starts, -1 where it ends).
 */
export function allKnownCte(scope: SignalScope): string {
  const l = scopeLiterals(scope);
  const good = 'FROM seg WHERE good';
  return (
    `kev AS (SELECT t0 AS t, 1 AS d ${good} UNION ALL SELECT t1 AS t, -1 AS d ${good}), ` +
    `klvl AS (SELECT t, sum(d) AS d FROM kev GROUP BY t), ` +
    `krun AS (SELECT t, sum(d) OVER (ORDER BY t) AS n, lead(t) OVER (ORDER BY t) AS nt FROM klvl), ` +
    `kend AS (SELECT max(t1) AS e FROM seg), ` +
    `known AS (SELECT coalesce((SELECT sum(${secondsBetween('nt', 't')}) FROM krun WHERE nt IS NOT NULL AND n >= ${numberLiteral(scope.tags.length)}), 0) ` +
    `/ nullif(${secondsBetween('e', l.from)}, 0) AS coverage, e AS data_end FROM kend)`
  );
}
