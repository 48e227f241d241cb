// A small pool of connections to one DuckDB instance, so a slow query on a source does not block the others.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ConnectorError } from '../../core/errors.ts';

interface Waiter {
  resolve: (connection: DuckDBConnection) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** Hands out at most `size` connections of one instance; callers wait in FIFO order when all are busy. */
export class DuckDbConnectionPool {
  readonly #instance: DuckDBInstance;
  readonly #size: number;
  readonly #idle: DuckDBConnection[] = [];
  readonly #busy = new Set<DuckDBConnection>();
  readonly #waiters: Waiter[] = [];
  #opening = 0;
  #closed = false;

  private constructor(instance: DuckDBInstance, size: number) {
    this.#instance = instance;
    this.#size = size;
  }

  /** Creates the pool around an already hardened instance; connections are opened lazily, up to `size`. */
  static create(instance: DuckDBInstance, size: number): DuckDbConnectionPool {
    return new DuckDbConnectionPool(instance, Math.max(1, Math.floor(size)));
  }

  /** A connection for exclusive use until `release()`. Aborting `signal` while waiting rejects with its reason. */
  async acquire(signal?: AbortSignal): Promise<DuckDBConnection> {
    if (this.#closed) throw closedError();
    if (signal?.aborted) throw abortError(signal);
    const idle = this.#idle.pop();
    if (idle) {
      this.#busy.add(idle);
      return idle;
    }
    if (this.#busy.size + this.#opening < this.#size) {
      this.#opening += 1;
      try {
        const connection = await this.#instance.connect();
        if (this.#closed) {
          connection.closeSync();
          throw closedError();
        }
        this.#busy.add(connection);
        return connection;
      } finally {
        this.#opening -= 1;
      }
    }
    return new Promise<DuckDBConnection>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.#waiters.indexOf(waiter);
          if (index >= 0) this.#waiters.splice(index, 1);
          reject(abortError(signal));
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  /** Returns a connection; the oldest waiter gets it directly. */
  release(connection: DuckDBConnection): void {
    if (!this.#busy.has(connection)) return;
    if (this.#closed) {
      this.#busy.delete(connection);
      connection.closeSync();
      return;
    }
    const waiter = this.#waiters.shift();
    if (waiter) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(connection);
      return;
    }
    this.#busy.delete(connection);
    this.#idle.push(connection);
  }

  /**
   * Gives up a connection whose statement did not stop on interrupt: its slot is freed at once (a waiter gets a new
   * connection), and the connection is closed once `settled` (the runaway statement) ends.
   */
  discard(connection: DuckDBConnection, settled: Promise<unknown>): void {
    if (!this.#busy.delete(connection)) return;
    void settled.then(
      () => connection.closeSync(),
      () => connection.closeSync(),
    );
    const waiter = this.#waiters.shift();
    if (!waiter || this.#closed) return;
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    this.#opening += 1;
    this.#instance.connect().then(
      (fresh) => {
        this.#opening -= 1;
        this.#busy.add(fresh);
        waiter.resolve(fresh);
      },
      (error: unknown) => {
        this.#opening -= 1;
        waiter.reject(error);
      },
    );
  }

  /** Interrupts running statements, rejects waiters and closes every connection. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const waiter of this.#waiters.splice(0)) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(closedError());
    }
    for (const connection of this.#busy) connection.interrupt();
    for (const connection of this.#idle.splice(0)) connection.closeSync();
  }
}

/** The signal's reason when it is an Error, else a CANCELLED error carrying the reason in its details. */
function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  return new ConnectorError('CANCELLED', 'stopped while waiting for a free DuckDB connection', { details: { reason: String(reason) } });
}

function closedError(): ConnectorError {
  return new ConnectorError('SOURCE_UNREACHABLE', 'this DuckDB source has been closed; restart otq to reopen it');
}
