// The checked, prepared statements of one DuckDB connection, kept for the next call with the same SQL text.
import type { DuckDBPreparedStatement } from '@duckdb/node-api';

/** Longest SQL text (characters) whose prepared statement is kept: longer texts are prepared every time and cost no memory. */
export const maxKeptSqlLength = 16_384;

/**
 * A least-recently-used set of prepared statements of one connection, keyed by the exact SQL text. Only statements
 * that passed the runner's checks (exactly one statement, a SELECT) are kept, and those checks depend on nothing but
 * the text, so a kept statement skips them together with DuckDB's parse, bind and optimise (40-50 % of the engine
 * CPU of a typical historian query). Each call still executes the statement on the engine; nothing of a result is kept.
 *
 * Only for a source whose catalog cannot change while it is open (a DuckDB file opened READ_ONLY): a folder source's
 * files can change under it, and a re-executed statement keeps what was read when it was bound (a CSV's sniffed
 * columns), so a folder source prepares every call.
 */
export class PreparedStatements {
  readonly #capacity: number;
  readonly #entries = new Map<string, DuckDBPreparedStatement>();

  constructor(capacity: number) {
    this.#capacity = Math.max(0, Math.floor(capacity));
  }

  /** The statement kept for `sql`, marked as most recently used; it stays kept while the caller runs it. */
  get(sql: string): DuckDBPreparedStatement | undefined {
    const hit = this.#entries.get(sql);
    if (hit !== undefined) {
      this.#entries.delete(sql);
      this.#entries.set(sql, hit);
    }
    return hit;
  }

  /** Keeps a checked statement; the least recently used one is destroyed when full. Returns whether it was kept. */
  keep(sql: string, prepared: DuckDBPreparedStatement): boolean {
    if (this.#capacity === 0 || sql.length > maxKeptSqlLength || this.#entries.has(sql)) return false;
    if (this.#entries.size >= this.#capacity) {
      const [oldest, statement] = this.#entries.entries().next().value as [string, DuckDBPreparedStatement];
      this.#entries.delete(oldest);
      statement.destroySync();
    }
    this.#entries.set(sql, prepared);
    return true;
  }

  /** Forgets and destroys the statement of `sql` (its execution failed: the next call prepares it afresh). */
  drop(sql: string): void {
    const statement = this.#entries.get(sql);
    if (statement === undefined) return;
    this.#entries.delete(sql);
    statement.destroySync();
  }

  get size(): number {
    return this.#entries.size;
  }
}
