// SQL of alarms counted per plant-local calendar bucket ("daily alarm count", "alms per hr 25/8"): every bucket of the
// window with its count, 0 where none came; or, with a limit, the tags that alarmed that often within one bucket
// ("which alarms came in more than once on the same day").
import { bucketEdgesCte } from './bucket-edges.ts';
import type { Bucket } from './plan.ts';
import { localTime, stringLiteral, type TimeStorage } from './sql-dialect.ts';

/** The buckets: their size, the window's ends (SQL literals) and the plant's time zone. */
export interface AlarmBuckets {
  bucket: Bucket;
  from: string;
  to: string;
  timezone: string;
  storage: TimeStorage;
}

/** The activations counted: the alarm table (aliased `a`), its time column and the filter of the activations kept. */
export interface AlarmActivations {
  table: string;
  time: string;
  where: string;
}

/** CTE `edges` (`bucket`, `bucket_end`) of the plant-local buckets meeting the window. */
function edgesOf(b: AlarmBuckets): string {
  const zone = stringLiteral(b.timezone);
  const instant = (wall: string): string =>
    b.storage === 'tz' ? `((${wall}) AT TIME ZONE ${zone})` : `(((${wall}) AT TIME ZONE ${zone}) AT TIME ZONE 'UTC')`;
  return bucketEdgesCte(b.bucket, localTime(b.from, b.storage, b.timezone), localTime(b.to, b.storage, b.timezone), b.to, instant);
}

/** Each bucket of the window (its start, named after its size: `day`, `hour`...) with the activations in it. */
export function bucketCountsSql(b: AlarmBuckets, a: AlarmActivations): string {
  return (
    `WITH ${edgesOf(b)} SELECT e.bucket AS ${b.bucket}, count(${a.time}) AS alarms FROM edges AS e ` +
    `LEFT JOIN ${a.table} AS a ON ${a.time} >= e.bucket AND ${a.time} < e.bucket_end AND ${a.where} ` +
    `WHERE e.bucket_end > ${b.from} AND e.bucket < ${b.to} GROUP BY e.bucket ORDER BY e.bucket`
  );
}

/** The (tag, bucket) pairs whose activations keep `having` ("HAVING count(*) > 1"), in time order. */
export function bucketRepeatsSql(
  b: AlarmBuckets,
  a: AlarmActivations,
  tags: { joinTags: string; name: string; having: string; limit: number },
): string {
  return (
    `WITH ${edgesOf(b)} SELECT ${tags.name} AS tag, e.bucket AS ${b.bucket}, count(*) AS alarms FROM edges AS e ` +
    `JOIN ${a.table} AS a ON ${a.time} >= e.bucket AND ${a.time} < e.bucket_end ${tags.joinTags} WHERE ${a.where} ` +
    `GROUP BY ${tags.name}, e.bucket${tags.having} ORDER BY e.bucket, tag LIMIT ${tags.limit}`
  );
}
