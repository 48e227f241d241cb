// Runs one untrusted statement on one connection: exactly one statement, prepared, SELECT only, streamed under row and byte caps.
import { StatementType, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { ConnectorError } from '../../core/errors.ts';
import type { Cell, QueryResult, ResultColumn } from '../connector.ts';
import { messageOf } from './duckdb-quote.ts';
import { toCell } from './duckdb-values.ts';
import type { PreparedStatements } from './prepared-statements.ts';

/** Caps of one call, already resolved against the source's configuration. */
export interface StatementLimits {
  maxRows: number;
  /** Cap on the JSON size of the returned rows, in bytes. */
  maxBytes: number;
}

type Rows = Omit<QueryResult, 'durationMs'>;

/**
 * Checks and runs `sql`. The checks are the connector's own, independent of the guard: DuckDB's parser must find
 * exactly one statement (`extractStatements`; `run()` would execute all of them) and the prepared statement must
 * be a SELECT (READ_ONLY still allows CREATE TEMP TABLE; a folder source allows COPY TO inside its folder).
 * Counting and preparing are issued together to save an engine round trip: `prepare()` only binds, and DuckDB
 * itself refuses to prepare more than one statement ("Cannot prepare multiple statements at once"), so nothing
 * runs before both checks pass.
 * With `kept` (the connection's prepared statements, for a source whose catalog cannot change), a text that passed
 * both checks before runs its kept statement: the checks depend on the text alone. Each call still executes on the
 * engine; a kept statement whose execution fails is dropped, so the next call prepares and checks it afresh.
 * Engine errors propagate raw; the caller classifies them. `stop` is checked between engine calls (the caller
 * interrupts the engine call in flight).
 */
export async function runSelect(
  connection: DuckDBConnection,
  sql: string,
  limits: StatementLimits,
  stop?: AbortSignal,
  kept?: PreparedStatements,
): Promise<Rows> {
  if (sql.trim() === '') throw new ConnectorError('QUERY_REJECTED', 'the SQL is empty: send exactly one SELECT statement');
  // DuckDB's C API reads a text only up to a NUL: the rest would run unchecked or be cut off silently.
  if (sql.includes('\u0000')) throw new ConnectorError('QUERY_REJECTED', 'the SQL contains a NUL character; remove it');
  const known = kept?.get(sql);
  if (known) return streamKept(known, sql, limits, stop, kept!);
  const [extracted, preparing] = await Promise.allSettled([connection.extractStatements(sql), connection.prepare(sql)]);
  const prepared = preparing.status === 'fulfilled' ? preparing.value : undefined;
  try {
    if (extracted.status === 'rejected') throw extracted.reason;
    if (extracted.value.count !== 1) {
      throw new ConnectorError(
        'QUERY_REJECTED',
        `expected exactly one SQL statement, found ${extracted.value.count}: send a single SELECT without further statements after ";"`,
      );
    }
    if (preparing.status === 'rejected') throw preparing.reason;
    stop?.throwIfAborted();
  } catch (error) {
    prepared?.destroySync();
    throw error;
  }
  if (!prepared) throw new ConnectorError('INTERNAL', 'DuckDB returned no prepared statement');
  if (prepared.statementType !== StatementType.SELECT) {
    const kind = StatementType[prepared.statementType] ?? String(prepared.statementType);
    prepared.destroySync();
    throw new ConnectorError('QUERY_REJECTED', `only read-only SELECT queries may run on this source; this is a ${kind} statement`, {
      details: { statementType: kind },
    });
  }
  if (kept?.keep(sql, prepared)) return streamKept(prepared, sql, limits, stop, kept);
  return streamRows(prepared, limits, stop);
}

/** Streams a kept statement; on any failure (interrupts included) it is dropped from `kept` and destroyed. */
async function streamKept(
  prepared: DuckDBPreparedStatement,
  sql: string,
  limits: StatementLimits,
  stop: AbortSignal | undefined,
  kept: PreparedStatements,
): Promise<Rows> {
  try {
    stop?.throwIfAborted();
    return await streamRows(prepared, limits, stop);
  } catch (error) {
    kept.drop(sql);
    throw error;
  }
}

async function streamRows(prepared: DuckDBPreparedStatement, limits: StatementLimits, stop?: AbortSignal): Promise<Rows> {
  const result = await prepared.stream();
  const columns: ResultColumn[] = [];
  for (let index = 0; index < result.columnCount; index += 1) {
    columns.push({ name: result.columnName(index), type: result.columnType(index).toString() });
  }
  const rows: Cell[][] = [];
  let bytes = 2;
  let truncatedBy: 'rows' | 'bytes' | undefined;
  fetching: for (;;) {
    stop?.throwIfAborted();
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    if (rows.length >= limits.maxRows) {
      truncatedBy = 'rows';
      break;
    }
    for (const raw of chunk.getRows()) {
      if (rows.length >= limits.maxRows) {
        truncatedBy = 'rows';
        break fetching;
      }
      const row = raw.map(toCell);
      const rowBytes = Buffer.byteLength(JSON.stringify(row)) + (rows.length > 0 ? 1 : 0);
      if (bytes + rowBytes > limits.maxBytes) {
        truncatedBy = 'bytes';
        break fetching;
      }
      bytes += rowBytes;
      rows.push(row);
    }
  }
  return truncatedBy ? { columns, rows, truncated: true, truncatedBy, bytes } : { columns, rows, truncated: false, bytes };
}

/** Classifies an engine error: sandbox refusals are QUERY_REJECTED, everything else QUERY_FAILED with DuckDB's text. */
export function classifyEngineError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const message = messageOf(error);
  if (/^Permission Error|Permission Error:/.test(message)) {
    return new ConnectorError('QUERY_REJECTED', `refused by the DuckDB sandbox of this source: ${message}`, { cause: error });
  }
  return new ConnectorError('QUERY_FAILED', message, { cause: error });
}
