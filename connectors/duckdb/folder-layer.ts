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

/** Creates one view per planned entry; a view over files reads no relation. Fails with the view and path named. */
export async function createFolderViews(
  setup: DuckDBConnection,
  sourceName: string,
  planned: readonly FolderView[],
): Promise<FolderViewReads> {
  const reads: FolderViewReads = new Map();
  for (const view of planned) {
    try {
      await setup.run(`CREATE VIEW ${sqlIdentifier(view.name)} AS SELECT * FROM ${viewReaderSql(view, sqlString)}`);
    } catch (error) {
      throw new ConfigError(`source "${sourceName}": view "${view.name}" over "${view.path}" fails: ${messageOf(error)}`, {
        cause: error,
      });
    }
    reads.set(view.name.toLowerCase(), []);
  }
  return reads;
}
