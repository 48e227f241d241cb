// The calendar bucket edges of a series as SQL: whole plant-local days, weeks, months by the wall clock; hours as instants.

/**
 * CTE `edges` (`bucket`, `bucket_end`: instants) of the buckets from the one holding `localFrom` up to `to`.
 * Days, weeks and months step on the wall clock (a day is 23 or 25 hours on the days the clocks change) and become
 * instants through `instant`. Hours step on the instant from the first wall hour: the night the clocks go back has 25
 * hours, two of them 02:00 on the wall, and a series of wall hours would give one of them and lose the other.
 */
export function bucketEdgesCte(
  bucket: 'hour' | 'day' | 'week' | 'month',
  localFrom: string,
  localTo: string,
  to: string,
  instant: (wall: string) => string,
): string {
  const unit = `'${bucket}'`;
  const step = `INTERVAL '1 ${bucket}'`;
  if (bucket === 'hour')
    return `edges AS (SELECT g.t AS bucket, g.t + ${step} AS bucket_end FROM generate_series(${instant(`date_trunc(${unit}, ${localFrom})`)}, ${to}, ${step}) AS g(t))`;
  return (
    `walls AS (SELECT w FROM generate_series(date_trunc(${unit}, ${localFrom}), ${localTo}, ${step}) AS g(w)), ` +
    `edges AS (SELECT ${instant('w')} AS bucket, ${instant(`w + ${step}`)} AS bucket_end FROM walls)`
  );
}
