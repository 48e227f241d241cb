// Creates the views of a folder source in its in-memory database and records what each one reads, by construction.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ConfigError } from '../../core/errors.ts';
import type { RelationName } from '../connector.ts';
import { viewReaderSql, type FolderView } from './folder-views.ts';
import { messageOf, sqlIdentifier, sqlString } from './duckdb-quote.ts';

/**
 * What each view of a folder source reads (view name -> relations), known because otq itself wrote every view of the
 * in-memory database from the configuration and callers can only run SELECT. DuckDB cannot tell on its own for CSV
 * and JSON views: its plan serialiser has no form for their readers ("CSVReaderSerialize not implemented"), so the
 * guard, which grants a view only when everything it reads is readable in full, would refuse them all.
 */
export type FolderViewReads = Map<string, RelationName[]>;

/**
 * A column whose naive wall-clock times a view reads as instants in the source's `timestampZone`: where the wall
 * times are (`wall`, a naive TIMESTAMP expression over `from`, NULL for rows that carry an offset), for the count of
 * rows in repeated or skipped hours.
 */
export interface LocalTimeColumn {
  /** `view.column` as the user sees it. */
  name: string;
  /** SQL relation holding the unconverted rows (a file reader, or a folder view for a wide export's text time). */
  from: string;
  wall: string;
}

/** Naive timestamp types of DuckDB; TIMESTAMP WITH TIME ZONE (an instant) is not one of them. */
const NAIVE_TIMESTAMP = /^timestamp(_s|_ms|_ns)?$/i;

/** DuckDB's rule for a wall time in `zone`, as a TIMESTAMPTZ: `timezone(zone, ts)` (ICU; see LocalTimeReport). */
export function instantOfWall(wall: string, zone: string): string {
  return `timezone(${sqlString(zone)}, ${wall})`;
}

/**
 * Creates one view per planned entry; a view over files reads no relation. With `timestampZone`, the naive
 * TIMESTAMP columns of the files become TIMESTAMPTZ instants read in that zone (`SELECT * REPLACE (...)`), so the
 * planner, the agent's SQL and the guard all see true instants; columns with an offset are left alone. Fails with
 * the view and path named.
 */
export async function createFolderViews(
  setup: DuckDBConnection,
  sourceName: string,
  planned: readonly FolderView[],
  timestampZone?: string,
  localTimes: LocalTimeColumn[] = [],
): Promise<FolderViewReads> {
  const reads: FolderViewReads = new Map();
  for (const view of planned) {
    const reader = viewReaderSql(view, sqlString);
    try {
      let select = `SELECT * FROM ${reader}`;
      if (timestampZone) {
        const described = await setup.runAndReadAll(`DESCRIBE ${select}`);
        const naive = described
          .getRows()
          .map((row) => ({ name: String(row[0]), type: String(row[1]) }))
          .filter((column) => NAIVE_TIMESTAMP.test(column.type));
        if (naive.length > 0) {
          const walls = naive.map((c) => ({
            name: c.name,
            wall: /^timestamp$/i.test(c.type) ? sqlIdentifier(c.name) : `CAST(${sqlIdentifier(c.name)} AS TIMESTAMP)`,
          }));
          const replaced = walls.map((c) => `${instantOfWall(c.wall, timestampZone)} AS ${sqlIdentifier(c.name)}`);
          select = `SELECT * REPLACE (${replaced.join(', ')}) FROM ${reader}`;
          for (const c of walls) localTimes.push({ name: `${view.name}.${c.name}`, from: reader, wall: c.wall });
        }
      }
      await setup.run(`CREATE VIEW ${sqlIdentifier(view.name)} AS ${select}`);
    } catch (error) {
      throw new ConfigError(`source "${sourceName}": view "${view.name}" over "${view.path}" fails: ${messageOf(error)}`, {
        cause: error,
      });
    }
    reads.set(view.name.toLowerCase(), []);
  }
  return reads;
}
