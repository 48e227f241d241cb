// The PostgreSQL connector: a pg pool; every call is BEGIN READ ONLY, local timeouts, one extended-protocol statement, ROLLBACK.
import pg from 'pg';
import type { Connector, QueryOptions, QueryResult, ResultColumn, SourceDescription } from '../connector.ts';
import { ConfigError, ConnectorError } from '../../core/errors.ts';
import type { PostgresSourceConfig } from '../source-config.ts';
import { FairGate } from '../fair-gate.ts';
import { cancelBackend } from './pg-cancel.ts';
import { describePostgres } from './pg-describe.ts';
import { toConnectorError, type CancelReason } from './pg-errors.ts';
import type { PreparedNames } from './pg-call-messages.ts';
import { PipelinedCall, type PipelinedCallResult } from './pg-pipelined-call.ts';
import { createPlainSelectCheck, loadPlainSelectCheck } from './pg-plain-select.ts';
import { builtinTypeName } from './pg-values.ts';

const defaults = { poolSize: 4, timeoutMs: 10_000, maxRows: 10_000, maxBytes: 16 * 1024 * 1024, connectTimeoutMs: 10_000 };
/** Rows fetched per round trip; results that fit (up to the default row cap) come back in one round trip. */
const batchRows = 10_001;
/** Largest statement_timeout PostgreSQL accepts, in milliseconds (a 32-bit int). */
const maxTimeoutMs = 2_147_483_647;
/** Extra wall-clock time after statement_timeout before otq cancels the backend itself. */
const cancelGraceMs = 500;
/**
 * Ends a call that failed (the pipeline's own ROLLBACK was skipped by the server). ROLLBACK undoes set_config() and
 * anything else transactional; session-level advisory locks survive a rollback, so they are released too; otq's
 * prepared statements are dropped because a failed pipeline may have prepared only some of them.
 */
const endFailedTransaction = 'ROLLBACK; SELECT pg_catalog.pg_advisory_unlock_all(); DEALLOCATE ALL';
/** Session settings of every connection; standard_conforming_strings pins how the server and isPlainSelect read quotes. */
const sessionOptions = [
  'default_transaction_read_only=on',
  'TimeZone=UTC',
  'DateStyle=ISO,YMD',
  'IntervalStyle=iso_8601',
  'extra_float_digits=1',
  'standard_conforming_strings=on',
]
  .map((setting) => `-c ${setting}`)
  .join(' ');

/** Extra limits the connector's own callers (describe) may set. */
interface CallLimits {
  maxBytes?: number;
  batchRows?: number;
}

interface ClientInternals {
  processID?: number;
  secretKey?: number;
  host: string;
  port: number;
}

/**
 * Opens a pool on `config.url` (no connection is made until the first call). The password comes only
 * from `env[config.passwordEnv]`; a URL that carries a password is refused, so it never sits in otq.yaml.
 */
export async function createPostgresConnector(
  name: string,
  config: PostgresSourceConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Connector> {
  const target = parseTarget(name, config.url);
  const label = `source "${name}" (postgres ${target})`;
  const password = passwordFor(name, config, env);
  const timeoutDefault = config.timeoutMs ?? defaults.timeoutMs;
  await loadPlainSelectCheck();
  const pool = new pg.Pool({
    connectionString: config.url,
    ...(password === undefined ? {} : { password }),
    max: config.poolSize ?? defaults.poolSize,
    connectionTimeoutMillis: defaults.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: `otq:${name}`,
    // work_mem bounds each sort and hash of a query before it spills (a per-query memory bound the server enforces).
    options: config.memoryLimitMb === undefined ? sessionOptions : `${sessionOptions} -c work_mem=${config.memoryLimitMb}MB`,
  });
  // Idle clients that lose their server emit here; the next call gets a fresh connection.
  pool.on('error', () => {});
  const typeNames = new Map<number, string>();
  const isPlainSelect = createPlainSelectCheck();
  const preparedByClient = new WeakMap<pg.PoolClient, PreparedNames>();
  const poolSize = config.poolSize ?? defaults.poolSize;
  // pg.Pool serves waiters first come, first served: the gate in front makes it fair across principals.
  const gate = new FairGate({ capacity: poolSize, perKey: config.maxConcurrentPerPrincipal ?? Math.max(1, Math.floor(poolSize / 2)) });
  let closed = false;

  const run = async (sql: string, options: QueryOptions & CallLimits = {}) => {
    if (closed) throw new ConnectorError('SOURCE_UNREACHABLE', `${label}: the connector is closed`);
    const timeoutMs = wholeMs(options.timeoutMs ?? timeoutDefault, 'timeoutMs', label);
    const lockTimeoutMs = Math.min(wholeMs(config.lockTimeoutMs ?? timeoutMs, 'lockTimeoutMs', label), timeoutMs);
    const maxRows = options.maxRows ?? config.maxRows ?? defaults.maxRows;
    const { signal } = options;
    if (signal?.aborted) throw new ConnectorError('CANCELLED', `${label}: the query was cancelled before it started`);
    const executeBeforeDescribe = isPlainSelect(sql);

    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw toConnectorError(error, label);
    }
    let prepared = preparedByClient.get(client);
    if (prepared === undefined) {
      prepared = new Set();
      preparedByClient.set(client, prepared);
    }
    const call = new PipelinedCall(sql, {
      maxRows,
      maxBytes: options.maxBytes ?? config.maxBytes ?? defaults.maxBytes,
      batchRows: options.batchRows ?? batchRows,
      timeoutMs,
      lockTimeoutMs,
      executeBeforeDescribe,
      prepared,
    });
    let cancelled: CancelReason | undefined;
    let cancelling: Promise<void> | undefined;
    const cancel = (reason: CancelReason): void => {
      if (cancelled !== undefined) return;
      cancelled = reason;
      const internals = client as unknown as ClientInternals;
      if (internals.processID === undefined || internals.secretKey === undefined) return;
      cancelling = cancelBackend({
        host: internals.host,
        port: internals.port,
        processId: internals.processID,
        secretKey: internals.secretKey,
      });
    };
    // Node fires timers above 2^31-1 ms after 1 ms, so the backstop is capped there.
    const timer = setTimeout(() => cancel('timeout'), Math.min(timeoutMs + cancelGraceMs, maxTimeoutMs));
    const onAbort = (): void => cancel('signal');
    signal?.addEventListener('abort', onAbort, { once: true });
    let healthy = true;
    try {
      client.query(call);
      const read = await call.result;
      // The pipeline ended with ROLLBACK outside any transaction; anything else means the session is not as we left it.
      healthy = !call.ranNonQuery && client.getTransactionStatus() === 'I';
      if (needsTypeLookup(read, typeNames)) await lookUpTypes(client, read, typeNames);
      const columns = columnsOf(read, typeNames);
      if (cancelled === 'signal') throw new ConnectorError('CANCELLED', `${label}: the query was cancelled`);
      return { ...read, columns };
    } catch (error) {
      healthy = healthy && !call.ranNonQuery && (await rollbackQuietly(client, prepared));
      throw toConnectorError(error, label, cancelled, timeoutMs);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (cancelling) await cancelling;
      // A backend that was sent a cancel is not reused: a late cancel must never hit someone else's statement.
      client.release(!healthy || cancelled !== undefined);
    }
  };

  return {
    name,
    dialect: 'postgres',
    async describe(): Promise<SourceDescription> {
      return describePostgres(name, config, (sql) => run(sql, { maxRows: 1_000_000, maxBytes: 256 * 1024 * 1024 }));
    },
    async query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
      if (typeof sql !== 'string' || sql.trim() === '')
        throw new ConnectorError('QUERY_REJECTED', `${label}: empty SQL; send exactly one SELECT statement`);
      const started = performance.now();
      if (options.signal?.aborted) throw new ConnectorError('CANCELLED', `${label}: the query was cancelled before it started`);
      const leave = await gate.enter(options.principal ?? '', options.signal);
      let read: Awaited<ReturnType<typeof run>>;
      try {
        read = await run(sql, options);
      } finally {
        leave();
      }
      const result: QueryResult = {
        columns: read.columns,
        rows: read.rows,
        truncated: read.truncatedBy !== undefined,
        bytes: read.bytes,
        durationMs: performance.now() - started,
      };
      if (read.truncatedBy !== undefined) result.truncatedBy = read.truncatedBy;
      return result;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Looks up the names of result types that are not built in (once per OID per connector) in pg_type. */
async function lookUpTypes(client: pg.PoolClient, read: PipelinedCallResult, cache: Map<number, string>): Promise<void> {
  const unknown = [...new Set(read.fields.map((f) => f.dataTypeID).filter((oid) => builtinTypeName(oid) === undefined && !cache.has(oid)))];
  if (unknown.length === 0) return;
  const found = await client.query<{ oid: number; name: string }>(
    'SELECT oid::int AS oid, format_type(oid, NULL) AS name FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])',
    [unknown],
  );
  for (const row of found.rows) cache.set(row.oid, row.name);
}

/** True when a result column has a type that is neither built in nor cached yet (the rare case that costs a query). */
function needsTypeLookup(read: PipelinedCallResult, cache: Map<number, string>): boolean {
  return read.fields.some((f) => builtinTypeName(f.dataTypeID) === undefined && !cache.has(f.dataTypeID));
}

/** Column names and engine type names (`oid N` if a type could not be named). */
function columnsOf(read: PipelinedCallResult, cache: Map<number, string>): ResultColumn[] {
  return read.fields.map((f) => ({
    name: f.name,
    type: builtinTypeName(f.dataTypeID) ?? cache.get(f.dataTypeID) ?? `oid ${f.dataTypeID}`,
  }));
}

/** ROLLBACK after a failure; false when the connection is unusable and must be discarded. */
async function rollbackQuietly(client: pg.PoolClient, prepared: PreparedNames): Promise<boolean> {
  prepared.clear();
  try {
    await client.query(endFailedTransaction);
    return client.getTransactionStatus() === 'I';
  } catch {
    return false;
  }
}

/** Timeouts go into SET LOCAL as whole milliseconds: 0 would switch the server's limit off, above 2^31-1 it refuses them. */
function wholeMs(value: number, what: string, label: string): number {
  if (!(value > 0 && value <= maxTimeoutMs))
    throw new ConnectorError('QUERY_REJECTED', `${label}: ${what} must be between 1 and ${maxTimeoutMs} milliseconds, got ${value}`);
  return Math.ceil(value);
}

function parseTarget(name: string, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new ConfigError(`source "${name}": url is not a valid postgres:// URL`, { cause });
  }
  if (parsed.password !== '') {
    throw new ConfigError(
      `source "${name}": the url contains a password; remove it and name an environment variable in passwordEnv instead`,
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)';
  return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}/${database}`;
}

function passwordFor(name: string, config: PostgresSourceConfig, env: NodeJS.ProcessEnv): string | undefined {
  if (config.passwordEnv === undefined) return undefined;
  const value = env[config.passwordEnv];
  if (value === undefined || value === '') {
    throw new ConfigError(
      `source "${name}": environment variable ${config.passwordEnv} (passwordEnv) is not set; export the reader role's password there`,
    );
  }
  return value;
}
