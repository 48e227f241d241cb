// Counts the rows of a folder source whose naive wall-clock times fall in an hour their zone repeats or skips.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LocalTimeReport } from '../connector.ts';
import { wallGaps, type WallGap } from '../zone-transitions.ts';
import type { LocalTimeColumn } from './folder-layer.ts';

/** A wall time (ms, written as UTC) as a naive TIMESTAMP literal. */
function wallLiteral(ms: number): string {
  return `TIMESTAMP '${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}'`;
}

/** `2024-11-03 01:00–02:00 repeated`. */
function spanText(gap: WallGap): string {
  const from = new Date(gap.from).toISOString();
  return `${from.slice(0, 10)} ${from.slice(11, 16)}–${new Date(gap.to).toISOString().slice(11, 16)} ${gap.kind}`;
}

function epochMs(cell: unknown): number | undefined {
  if (cell === null || cell === undefined) return undefined;
  // DuckDB's epoch_ms of a TIMESTAMP is its wall time written as UTC.
  const value = Number(cell);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Per column: the span of its wall times (one pass), then the rows inside the zone's repeated and skipped spans of
 * that span (a second pass filtered on them). The spans come from Intl, so they hold for any IANA zone.
 */
export async function countLocalTimes(
  connection: DuckDBConnection,
  zone: string,
  columns: readonly LocalTimeColumn[],
): Promise<LocalTimeReport['columns']> {
  const out: LocalTimeReport['columns'] = [];
  for (const column of columns) {
    const range = await connection.runAndReadAll(`SELECT epoch_ms(min(${column.wall})), epoch_ms(max(${column.wall})) FROM ${column.from}`);
    const [first, last] = (range.getRows()[0] ?? []).map(epochMs);
    if (first === undefined || last === undefined) {
      out.push({ name: column.name, repeated: 0, skipped: 0, spans: [] });
      continue;
    }
    const gaps = wallGaps(zone, first, last);
    const inGaps = (kind: WallGap['kind']): string => {
      const within = gaps
        .filter((g) => g.kind === kind)
        .map((g) => `(${column.wall} >= ${wallLiteral(g.from)} AND ${column.wall} < ${wallLiteral(g.to)})`);
      return within.length === 0 ? 'false' : within.join(' OR ');
    };
    let repeated = 0;
    let skipped = 0;
    if (gaps.length > 0) {
      const counted = await connection.runAndReadAll(
        `SELECT count(*) FILTER (WHERE ${inGaps('repeated')}), count(*) FILTER (WHERE ${inGaps('skipped')}) FROM ${column.from}`,
      );
      const row = counted.getRows()[0] ?? [];
      repeated = Number(row[0] ?? 0);
      skipped = Number(row[1] ?? 0);
    }
    out.push({ name: column.name, repeated, skipped, spans: gaps.map(spanText) });
  }
  return out;
}
