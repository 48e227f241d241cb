// Hand-written gold SQL (DuckDB) for the historian definitions, independent of the planner's compiler: the samples table
// as pieces of the step signal inside a window, so gold queries read "avg" as time-weighted and min/max/first/last with edges.

/**
 * A subquery with the columns of `samples` (tag_id, ts, value, quality) plus `w`, the seconds a piece lasts: each stored
 * sample holds until the next one (at most 3 h), clipped to [from, to); `ts` is the piece's start, so the sample in force
 * at `from` appears at `from`. `from` and `to` are 'YYYY-MM-DD HH:MM:SS+00' texts.
 */
export function signalPieces(from: string, to: string, dialect: 'duckdb' | 'postgres' = 'duckdb'): string {
  const a = `TIMESTAMPTZ '${from}'`;
  const b = `TIMESTAMPTZ '${to}'`;
  const hold = dialect === 'duckdb' ? 'INTERVAL 3 HOUR' : `INTERVAL '3 hours'`;
  const end = `least(coalesce(nxt, ${b}), ts + ${hold}, ${b})`;
  const seconds = (x: string): string => (dialect === 'duckdb' ? `epoch(${x})` : `EXTRACT(EPOCH FROM ${x})`);
  return (
    `(SELECT tag_id, greatest(ts, ${a}) AS ts, value, quality, ${seconds(`${end} - greatest(ts, ${a})`)} AS w FROM ` +
    `(SELECT tag_id, ts, value, quality, lead(ts) OVER (PARTITION BY tag_id ORDER BY ts) AS nxt FROM samples ` +
    `WHERE ts >= ${a} - ${hold} AND ts < ${b} + ${hold}) AS raw WHERE ${end} > greatest(ts, ${a}))`
  );
}
