// Bulk appends through DuckDB data chunks (2,048 rows each), the fastest path @duckdb/node-api offers from JavaScript.
import { DuckDBDataChunk, type DuckDBAppender, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

const CHUNK_ROWS = 2048;

/** A column to append: anything indexable (typed arrays included) with at least `rows` items. */
export type ColumnSource = ArrayLike<DuckDBValue>;

/** Appends `rows` rows given column-wise, in chunks; value arrays are reused to spare the garbage collector. */
export function appendColumns(
  appender: DuckDBAppender,
  types: readonly DuckDBType[],
  columns: readonly ColumnSource[],
  rows: number,
): void {
  const full = columns.map(() => new Array<DuckDBValue>(CHUNK_ROWS));
  for (let offset = 0; offset < rows; offset += CHUNK_ROWS) {
    const n = Math.min(CHUNK_ROWS, rows - offset);
    const chunk = DuckDBDataChunk.create(types, n);
    columns.forEach((column, c) => {
      const values = n === CHUNK_ROWS ? full[c]! : new Array<DuckDBValue>(n);
      for (let i = 0; i < n; i += 1) values[i] = column[offset + i] ?? null;
      chunk.setColumnValues(c, values);
    });
    appender.appendDataChunk(chunk);
  }
}
