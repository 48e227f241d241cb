// SQL for statistics of the signal over several sub-windows at once (buckets, two periods, nights): the pieces of the
// signal (signal-sql.ts) cut at each sub-window's edges, so every sub-window is time-weighted with its carried-in value.
import type { Dialect } from '../../connectors/connector.ts';
import type { AggFn } from './plan.ts';
import type { Span } from './period-spans.ts';
import { integralAgg, jumpsCte, scopeLiterals, segmentCtes, type ScopeLiterals, type SignalScope } from './signal-sql.ts';
import { firstLast, numberLiteral, secondsBetween, timeLiteral } from './sql-dialect.ts';

/** The aggregate of one function over the cut pieces `cutv` (columns a0/a1 = values at the cut's ends, c0/c1, dur, good). */
function spanAgg(dialect: Dialect, fn: AggFn, l: ScopeLiterals): string {
  switch (fn) {
    case 'avg':
    case 'mean':
      return `sum((a0 + a1) / 2 * dur) FILTER (WHERE good) / nullif(sum(dur) FILTER (WHERE good), 0)`;
    case 'min':
      return `min(least(a0, a1)) FILTER (WHERE good)`;
    case 'max':
      return `max(greatest(a0, a1)) FILTER (WHERE good)`;
    case 'first':
      return firstLast(dialect, 'first', 'a0', 'c0', 'good');
    case 'last':
      return firstLast(dialect, 'last', 'a1', 'c1', 'good');
    case 'delta':
    case 'sum':
      // The change inside the span's good pieces plus the jumps in it (rows of their own, see spanCtes).
      return `sum(CASE WHEN good THEN a1 - a0 ELSE jump END)`;
    case 'count':
      return `count(*) FILTER (WHERE good AND t >= c0)`;
    case 'integral':
      return integralAgg(l, { v0: 'a0', v1: 'a1' });
  }
}

/**
 * CTEs ending in `per (b, f, tag, v, coverage)`: for each span (numbered `b` from 0, starting at `f`) and tag, `fn` of
 * the signal over that span and the share of the span with good data. The scope's window must cover every span.
 */
export function spanCtes(dialect: Dialect, scope: SignalScope, spans: readonly Span[], fn: AggFn): string {
  const rows = spans.map(
    (s, i) =>
      `(${i}, ${timeLiteral(s.from.toISOString(), scope.storage)}, ${timeLiteral(s.to.toISOString(), scope.storage)}, ${numberLiteral((s.to.getTime() - s.from.getTime()) / 1000)})`,
  );
  // The value of a piece at an instant inside it: the line between its ends (equal ends for a step signal).
  const at = (edge: string): string => `v0 + (v1 - v0) * ${secondsBetween(edge, 't0')} / nullif(${secondsBetween('t1', 't0')}, 0)`;
  // A change is the value in force at the span's end minus at its start: the jumps between good pieces at f < t <= e
  // are rows of their own (not good, no duration), so adjacent spans add up.
  const changes = fn === 'delta' || fn === 'sum';
  const none = 'CAST(NULL AS DOUBLE PRECISION)';
  return (
    `${segmentCtes(scope)}, ${changes ? `${jumpsCte(scope)}, ` : ''}w (b, f, e, secs) AS (VALUES ${rows.join(', ')}), ` +
    `cut AS (SELECT w.b, w.f, w.secs, s.tag, s.t, s.good, s.t0, s.t1, s.v0, s.v1, greatest(s.t0, w.f) AS c0, least(s.t1, w.e) AS c1 ` +
    `FROM seg AS s JOIN w ON s.t0 < w.e AND s.t1 > w.f), ` +
    `cutv AS (SELECT b, f, secs, tag, t, good, c0, c1, ${at('c0')} AS a0, ${at('c1')} AS a1, ${secondsBetween('c1', 'c0')} AS dur${changes ? `, ${none} AS jump` : ''} FROM cut` +
    (changes
      ? ` UNION ALL SELECT w.b, w.f, w.secs, j.tag, CASE WHEN FALSE THEN j.t END, FALSE, j.t, j.t, ${none}, ${none}, 0, j.jump FROM jumps AS j JOIN w ON j.t > w.f AND j.t <= w.e`
      : '') +
    `), ` +
    `per AS (SELECT b, f, tag, ${spanAgg(dialect, fn, scopeLiterals(scope))} AS v, coalesce(sum(dur) FILTER (WHERE good), 0) / max(secs) AS coverage ` +
    `FROM cutv GROUP BY b, f, tag)`
  );
}

/** The scope's window for a list of spans: from the first span's start to the last one's end. */
export function spanWindow(spans: readonly Span[]): { from: string; to: string } {
  const from = Math.min(...spans.map((s) => s.from.getTime()));
  const to = Math.max(...spans.map((s) => s.to.getTime()));
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
