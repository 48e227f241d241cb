// The three typical historian questions as SQL that runs unchanged on DuckDB and PostgreSQL (used by the parity test and the bench).

/** SQL for one tag: latest value, hourly averages over one UTC day, daily maxima over the window. */
export interface TypicalQuery {
  name: 'latest value' | 'hourly averages (1 day)' | 'daily maxima (window)';
  sql: string;
}

/** `tagId` is an integer tag id; `day` an ISO date (YYYY-MM-DD) inside the window. */
export function typicalQueries(tagId: number, day: string): TypicalQuery[] {
  if (!Number.isInteger(tagId) || !/^\d{4}-\d\d-\d\d$/.test(day))
    throw new RangeError('typicalQueries: integer tag id and YYYY-MM-DD day expected');
  return [
    { name: 'latest value', sql: `SELECT ts, value, quality FROM samples WHERE tag_id = ${tagId} ORDER BY ts DESC LIMIT 1` },
    {
      name: 'hourly averages (1 day)',
      sql: `SELECT date_trunc('hour', ts) AS hour, avg(value) AS avg_value, count(*) AS n FROM samples
             WHERE tag_id = ${tagId} AND quality = 192 AND ts >= TIMESTAMPTZ '${day} 00:00:00+00' AND ts < TIMESTAMPTZ '${day} 00:00:00+00' + INTERVAL '1 day'
             GROUP BY 1 ORDER BY 1`,
    },
    {
      name: 'daily maxima (window)',
      sql: `SELECT CAST(date_trunc('day', ts) AS DATE) AS day, max(value) AS max_value FROM samples
             WHERE tag_id = ${tagId} AND quality = 192 GROUP BY 1 ORDER BY 1`,
    },
  ];
}
