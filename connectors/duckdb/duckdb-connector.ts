// The DuckDB connector: a hardened, read-only source (a DuckDB file or a folder of Parquet/CSV files) behind the Connector interface.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ConnectorError } from '../../core/errors.ts';
import type { Connector, LocalTimeReport, QueryOptions, QueryResult, SourceDescription } from '../connector.ts';
import type { DuckDbFileSourceConfig, DuckDbFolderSourceConfig } from '../source-config.ts';
import { DuckDbConnectionPool } from './duckdb-connection-pool.ts';
import { FairGate } from '../fair-gate.ts';
import { describeAlarmConditions, describeTables, describeTags } from './duckdb-describe.ts';
import type { FolderViewReads, LocalTimeColumn } from './folder-layer.ts';
import { countLocalTimes } from './local-time-count.ts';
import { openFileSandbox, openFolderSandbox } from './duckdb-sandbox.ts';
import { classifyEngineError, runSelect } from './duckdb-statement-runner.ts';
import { PreparedStatements } from './prepared-statements.ts';

/** Defaults of a DuckDB source; the source's config can change them, a call can only lower them. */
export const DUCKDB_DEFAULTS = { timeoutMs: 10_000, maxRows: 10_000, maxBytes: 16 * 1024 * 1024, poolSize: 4 } as const;

/** Checked, prepared statements kept per connection of a DuckDB file source (see PreparedStatements). */
export const KEPT_STATEMENTS_PER_CONNECTION = 64;

/**
 * After the time limit, how long a statement may keep running while interrupts are repeated before otq gives up on
 * its connection (some functions never check DuckDB's interrupt): the call fails at once with TIMEOUT and the
 * connection is replaced, closed when the statement finally ends.
 */
export const HARD_STOP_GRACE_MS = 1_000;

/** How often a stop request re-sends DuckDB's interrupt while the statement has not ended yet. */
const INTERRUPT_REPEAT_MS = 50;

type DuckDbSourceConfig = DuckDbFileSourceConfig | DuckDbFolderSourceConfig;

/** Why a running statement was stopped. */
type StopReason = 'timeout' | 'cancelled';

/** A read-only DuckDB source. Build it with `DuckDbConnector.create()` (or `createDuckDbConnector`), end it with `close()`. */
export class DuckDbConnector implements Connector {
  readonly name: string;
  readonly dialect = 'duckdb' as const;
  readonly #config: DuckDbSourceConfig;
  readonly #instance: DuckDBInstance;
  readonly #pool: DuckDbConnectionPool;
  readonly #gate: FairGate;
  readonly #running = new Set<Promise<unknown>>();
  /** What each view reads, for a folder source (otq wrote its views); undefined for a DuckDB file. */
  readonly #viewReads: FolderViewReads | undefined;
  /** Columns a folder source reads as wall-clock time of its `timestampZone`. */
  readonly #localTimes: LocalTimeColumn[];
  /**
   * Per connection, the statements kept for their next call: a file source only (opened READ_ONLY, its catalog is fixed
   * while open); a folder source's views are bound to the files there at each call. They go with their connection.
   */
  readonly #kept: WeakMap<DuckDBConnection, PreparedStatements> | undefined;
  #description: Promise<SourceDescription> | undefined;
  #closed = false;

  private constructor(
    name: string,
    config: DuckDbSourceConfig,
    instance: DuckDBInstance,
    viewReads?: FolderViewReads,
    localTimes: LocalTimeColumn[] = [],
  ) {
    this.name = name;
    this.#config = config;
    this.#instance = instance;
    this.#viewReads = viewReads;
    this.#localTimes = localTimes;
    this.#kept = 'file' in config ? new WeakMap() : undefined;
    const poolSize = config.poolSize ?? DUCKDB_DEFAULTS.poolSize;
    this.#pool = DuckDbConnectionPool.create(instance, poolSize);
    this.#gate = new FairGate({ capacity: poolSize, perKey: config.maxConcurrentPerPrincipal ?? defaultPerPrincipal(poolSize) });
  }

  /** Opens and locks down the source. Paths in `config` are absolute (the config loader resolves them). */
  static async create(name: string, config: DuckDbSourceConfig): Promise<DuckDbConnector> {
    if ('file' in config) return new DuckDbConnector(name, config, await openFileSandbox(name, config.file, config.memoryLimitMb));
    const folder = await openFolderSandbox(name, config.folder, config.views, config.wide, config.memoryLimitMb, config.timestampZone);
    return new DuckDbConnector(name, config, folder.instance, folder.reads, folder.localTimes);
  }

  /** Tables, views and columns (with comments), plus the tag catalog when a historian mapping exists. Cached (the data is read-only); each caller gets its own copy. */
  describe(): Promise<SourceDescription> {
    this.#description ??= this.#track(this.#readDescription());
    this.#description.catch(() => {
      this.#description = undefined;
    });
    return this.#description.then((description) => structuredClone(description));
  }

  /**
   * Runs exactly one SELECT. Caps: `maxRows` (default 10,000), `maxBytes` (default 16 MiB), `timeoutMs`
   * (default 10 s, enforced with DuckDB's interrupt); per-call values can only lower the source's.
   * Throws ConnectorError: QUERY_REJECTED (not a single SELECT, or refused by the sandbox), QUERY_FAILED
   * (DuckDB's message, to help repair the SQL), TIMEOUT, CANCELLED.
   */
  query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    return this.#track(this.#query(sql, options));
  }

  /**
   * The folder source's `timestampZone`, the columns read in it and their rows in hours the zone repeats or skips
   * (reads those columns in full: `otq connect --check` only); undefined without a zone.
   */
  localTimes(): Promise<LocalTimeReport | undefined> {
    if (!('folder' in this.#config) || !this.#config.timestampZone) return Promise.resolve(undefined);
    const zone = this.#config.timestampZone;
    return this.#track(
      (async () => {
        const connection = await this.#pool.acquire();
        try {
          return { zone, columns: await countLocalTimes(connection, zone, this.#localTimes) };
        } finally {
          this.#pool.release(connection);
        }
      })(),
    );
  }

  /** Interrupts running statements, waits for them to end, and closes the database. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#pool.close();
    await Promise.allSettled([...this.#running]);
    this.#instance.closeSync();
  }

  async #query(sql: string, options: QueryOptions): Promise<QueryResult> {
    const started = performance.now();
    if (this.#closed) throw new ConnectorError('SOURCE_UNREACHABLE', `source "${this.name}" is closed`);
    if (typeof sql !== 'string') throw new ConnectorError('QUERY_REJECTED', 'the SQL must be a string');
    const timeoutMs = lower(options.timeoutMs, this.#config.timeoutMs ?? DUCKDB_DEFAULTS.timeoutMs);
    const limits = {
      maxRows: lower(options.maxRows, this.#config.maxRows ?? DUCKDB_DEFAULTS.maxRows),
      maxBytes: lower(options.maxBytes, this.#config.maxBytes ?? DUCKDB_DEFAULTS.maxBytes),
    };
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort('timeout' satisfies StopReason), timeoutMs);
    const onCallerAbort = (): void => stop.abort('cancelled' satisfies StopReason);
    if (options.signal?.aborted) onCallerAbort();
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    let leave: (() => void) | undefined;
    try {
      leave = await this.#gate.enter(options.principal ?? '', stop.signal);
      const connection = await this.#pool.acquire(stop.signal);
      // An interrupt only reaches a statement that is already executing, so it is repeated until the call settles.
      let repeat: NodeJS.Timeout | undefined;
      let hardStop: NodeJS.Timeout | undefined;
      let abandoned = false;
      let giveUp: (error: Error) => void = () => {};
      const gaveUp = new Promise<never>((_, reject) => (giveUp = reject));
      const interrupt = (): void => {
        connection.interrupt();
        repeat ??= setInterval(() => connection.interrupt(), INTERRUPT_REPEAT_MS);
        hardStop ??= setTimeout(() => {
          abandoned = true;
          giveUp(new ConnectorError('TIMEOUT', 'the statement did not stop on interrupt; its connection was discarded'));
        }, HARD_STOP_GRACE_MS);
      };
      const running = runSelect(connection, sql, limits, stop.signal, this.#keptOf(connection));
      if (stop.signal.aborted) interrupt();
      else stop.signal.addEventListener('abort', interrupt, { once: true });
      try {
        const rows = await Promise.race([running, gaveUp]);
        return { ...rows, durationMs: performance.now() - started };
      } finally {
        stop.signal.removeEventListener('abort', interrupt);
        clearTimeout(hardStop);
        if (abandoned) {
          // The runaway keeps its connection (interrupts continue until it ends); the pool opens a new one.
          this.#pool.discard(
            connection,
            running.finally(() => clearInterval(repeat)),
          );
        } else {
          clearInterval(repeat);
          this.#pool.release(connection);
        }
      }
    } catch (error) {
      if (this.#closed)
        throw new ConnectorError('SOURCE_UNREACHABLE', `source "${this.name}" was closed during the query`, { cause: error });
      if (stop.signal.aborted) throw this.#stopError(stop.signal.reason as StopReason, timeoutMs, error);
      throw classifyEngineError(error);
    } finally {
      leave?.();
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  #keptOf(connection: DuckDBConnection): PreparedStatements | undefined {
    if (!this.#kept) return undefined;
    let kept = this.#kept.get(connection);
    if (!kept) this.#kept.set(connection, (kept = new PreparedStatements(KEPT_STATEMENTS_PER_CONNECTION)));
    return kept;
  }

  #stopError(reason: StopReason, timeoutMs: number, cause: unknown): ConnectorError {
    return reason === 'timeout'
      ? new ConnectorError(
          'TIMEOUT',
          `the query ran longer than ${timeoutMs} ms on source "${this.name}" and was stopped; narrow the time range or aggregate more`,
          { cause, details: { timeoutMs } },
        )
      : new ConnectorError('CANCELLED', `the query on source "${this.name}" was cancelled`, { cause });
  }

  async #readDescription(): Promise<SourceDescription> {
    const connection = await this.#pool.acquire();
    try {
      const description: SourceDescription = {
        name: this.name,
        dialect: 'duckdb',
        tables: await describeTables(connection, this.#viewReads),
      };
      const historian = this.#config.historian;
      if (historian) {
        description.historian = historian;
        description.tags = await describeTags(connection, this.name, historian);
        const conditions = await describeAlarmConditions(connection, this.name, historian);
        if (conditions) description.alarmConditions = conditions;
      }
      return description;
    } finally {
      this.#pool.release(connection);
    }
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#running.add(work);
    const forget = (): void => {
      this.#running.delete(work);
    };
    work.then(forget, forget);
    return work;
  }
}

/** One principal may hold half the connections (at least one), so another principal always finds one free. */
export function defaultPerPrincipal(poolSize: number): number {
  return Math.max(1, Math.floor(poolSize / 2));
}

/** The smaller of a per-call value and the source's cap; non-positive or missing per-call values are ignored. */
function lower(perCall: number | undefined, sourceCap: number): number {
  return perCall !== undefined && Number.isFinite(perCall) && perCall > 0 ? Math.min(perCall, sourceCap) : sourceCap;
}

/** Builds the connector of a DuckDB file or folder source (see `DuckDbConnector`). */
export function createDuckDbConnector(name: string, config: DuckDbSourceConfig): Promise<Connector> {
  return DuckDbConnector.create(name, config);
}
