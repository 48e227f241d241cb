// SQL for statistics per plant-local calendar bucket (hour, day, week, month): the pieces of the signal cut at the
// buckets' edges, and the statistics of each bucket over them (signal-sql.ts has the pieces themselves).
import type { Dialect } from '../../connectors/connector.ts';
import type { AggFn, Bucket } from './plan.ts';
import { localTime, secondsBetween, stringLiteral } from './sql-dialect.ts';
import { bucketEdgesCte } from './bucket-edges.ts';
import { jumpsCte, scopeLiterals, signalAgg, type SignalScope } from './signal-sql.ts';

/**
 * CTEs `buckets` (the plant-local calendar buckets meeting the window: `bucket` its true start, `b0`..`b1` its part
 * inside the window) and `bseg` (the pieces of `seg` cut at bucket edges, values at the cuts interpolated, so a value
 * carries across an edge into the next bucket). Bucket starts are instants: local midnight on 5 Oct in Berlin is
 * 2026-10-04T22:00Z, so charts and CSVs carry true instants, not wall times labelled UTC. For a change (`delta` among
 * `fns`), `bseg` also holds the jumps between good pieces (`jumps`) at b0 < t <= b1 as rows of their own (not good, no
 * duration, column `jump`), so a bucket's change is its end value minus its start value and the buckets add up.
 */
export function bucketCtes(scope: SignalScope, bucket: Bucket, timezone: string, fns: readonly AggFn[] = []): string {
  const l = scopeLiterals(scope);
  const zone = stringLiteral(timezone);
  const instant = (wall: string): string =>
    scope.storage === 'tz' ? `((${wall}) AT TIME ZONE ${zone})` : `(((${wall}) AT TIME ZONE ${zone}) AT TIME ZONE 'UTC')`;
  const at = (edge: string): string =>
    `CASE WHEN s.dur > 0 THEN s.v0 + (s.v1 - s.v0) * ${secondsBetween(edge, 's.t0')} / s.dur ELSE s.v0 END`;
  const u0 = 'greatest(s.t0, b.b0)';
  const u1 = 'least(s.t1, b.b1)';
  const changes = fns.includes('delta');
  return (
    `${bucketEdgesCte(bucket, localTime(l.from, scope.storage, timezone), localTime(l.to, scope.storage, timezone), l.to, instant)}, ` +
    `buckets AS (SELECT bucket, greatest(bucket, ${l.from}) AS b0, least(bucket_end, ${l.to}) AS b1 FROM edges WHERE bucket_end > ${l.from} AND bucket < ${l.to}), ` +
    `${changes ? `${jumpsCte(scope)}, ` : ''}` +
    `bseg AS (SELECT b.bucket, b.b0, b.b1, s.tag, s.t, s.v, s.good, ${u0} AS t0, ${u1} AS t1, ${at(u0)} AS v0, ${at(u1)} AS v1, ` +
    `${secondsBetween(u1, u0)} AS dur${changes ? `, ${NO_NUMBER} AS jump` : ''} FROM seg AS s JOIN buckets AS b ON s.t0 < b.b1 AND s.t1 > b.b0` +
    (changes
      ? ` UNION ALL SELECT b.bucket, b.b0, b.b1, j.tag, CASE WHEN FALSE THEN j.t END, ${NO_NUMBER}, FALSE, j.t, j.t, ${NO_NUMBER}, ${NO_NUMBER}, 0, j.jump ` +
        `FROM jumps AS j JOIN buckets AS b ON j.t > b.b0 AND j.t <= b.b1`
      : '') +
    ')'
  );
}

/** A NULL number (typed, for the rows of a UNION). */
const NO_NUMBER = 'CAST(NULL AS DOUBLE PRECISION)';

/** A bucket's change over `bseg` made with changes: the change inside its good pieces plus the jumps in it. */
const BUCKET_CHANGE = 'sum(CASE WHEN good THEN v1 - v0 ELSE jump END)';

/** Per bucket (and tag), the functions of the signal over `bseg`, as `{fn}_value`, with good/all reading counts. */
export function bucketAggs(dialect: Dialect, scope: SignalScope, fns: readonly AggFn[]): string {
  const l = scopeLiterals(scope);
  const inBucket = 't >= b0 AND t < b1';
  return [
    ...fns.map((fn) => `${fn === 'delta' ? BUCKET_CHANGE : signalAgg(dialect, fn, l, inBucket)} AS ${fn}_value`),
    `count(*) FILTER (WHERE good AND ${inBucket}) AS good_samples`,
    `count(*) FILTER (WHERE ${inBucket}) AS all_samples`,
    `sum(dur) FILTER (WHERE good) AS good_seconds`,
  ].join(', ');
}
