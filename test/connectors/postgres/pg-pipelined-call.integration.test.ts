// The one-write call pipeline on a real server: read-only prologue and timeouts in force, caps, errors mid-pipeline, clean session after.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NotAQueryError,
  PipelinedCall,
  type PipelinedCallOptions,
  type PipelinedCallResult,
} from '../../../connectors/postgres/pg-pipelined-call.ts';
import type { PreparedNames } from '../../../connectors/postgres/pg-call-messages.ts';
import { createPostgresConnector } from '../../../connectors/postgres/postgres-connector.ts';
import { adminQuery, PG_HOST } from './pg-fixture.ts';

/** The `test` database as postgres, with the role-level defaults `otq pg grant` sets (a 60 s statement_timeout). */
const url = `postgres://postgres@${PG_HOST}/test`;
const sessionOptions = '-c default_transaction_read_only=on -c statement_timeout=60000 -c TimeZone=UTC';
const probe = `otq_pipeline_probe_${process.pid}`;
/** otq's statements prepared on `client`, shared by the calls of this file as the connector does per connection. */
const prepared: PreparedNames = new Set();
const defaults: PipelinedCallOptions = {
  prepared,
  maxRows: 10_000,
  maxBytes: 1 << 24,
  batchRows: 10_001,
  timeoutMs: 1500,
  lockTimeoutMs: 700,
  executeBeforeDescribe: true,
};
/** What the connector does after a failed call: end the transaction, release locks, drop otq's prepared statements. */
async function recover(): Promise<void> {
  prepared.clear();
  await client.query('ROLLBACK; SELECT pg_catalog.pg_advisory_unlock_all(); DEALLOCATE ALL');
}

let client: pg.Client;

beforeAll(async () => {
  await adminQuery('test', `CREATE TABLE IF NOT EXISTS ${probe} (a int)`);
  client = new pg.Client({ connectionString: url, options: sessionOptions });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await adminQuery('test', `DROP TABLE IF EXISTS ${probe}`);
});

function call(text: string, options: Partial<PipelinedCallOptions> = {}): { call: PipelinedCall; result: Promise<PipelinedCallResult> } {
  const submitted = new PipelinedCall(text, { ...defaults, ...options });
  client.query(submitted);
  return { call: submitted, result: submitted.result };
}

async function failure(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error & { code?: string };
}

/** Socket writes and ReadyForQuery messages while `run` is in flight. */
async function countTraffic(run: () => Promise<unknown>): Promise<{ writes: number; readyForQuery: number }> {
  const socket = client.connection.stream as unknown as { _write: (...a: unknown[]) => void; _writev?: (...a: unknown[]) => void };
  const write = socket._write;
  const writev = socket._writev;
  let writes = 0;
  let readyForQuery = 0;
  const onReady = (): void => void readyForQuery++;
  socket._write = (...a) => (writes++, write.apply(socket, a));
  if (writev) socket._writev = (...a) => (writes++, writev.apply(socket, a));
  client.connection.on('readyForQuery', onReady);
  try {
    await run().catch(() => undefined);
  } finally {
    socket._write = write;
    if (writev) socket._writev = writev;
    client.connection.removeListener('readyForQuery', onReady);
  }
  return { writes, readyForQuery };
}

describe('the pipelined prologue', () => {
  it('runs the statement read-only under the SET LOCAL timeouts and leaves the session idle with its defaults back', async () => {
    const { result } = call(
      "SELECT current_setting('transaction_read_only'), current_setting('statement_timeout'), current_setting('lock_timeout')",
    );
    expect((await result).rows).toEqual([['on', '1500ms', '700ms']]);
    expect(client.getTransactionStatus()).toBe('I');
    const after = await client.query("SELECT current_setting('statement_timeout') AS t, current_setting('lock_timeout') AS l");
    expect(after.rows[0]).toEqual({ t: '1min', l: '0' });
  });

  it("stops the statement with its own timeoutMs from the same write, not the session's 60 s default", async () => {
    const started = Date.now();
    const error = await failure(call('SELECT pg_sleep(30)', { timeoutMs: 300 }).result);
    expect(error.code).toBe('57014');
    expect(error.message).toMatch(/statement timeout/);
    expect(Date.now() - started).toBeLessThan(10_000);
    await recover();
    expect(client.getTransactionStatus()).toBe('I');
  });

  it('refuses a write hidden in a SELECT that is executed before its Describe reply (25006), and nothing is written', async () => {
    const error = await failure(call(`WITH w AS (INSERT INTO ${probe} VALUES (1) RETURNING a) SELECT * FROM w`).result);
    expect(error.code).toBe('25006');
    await recover();
    expect((await adminQuery('test', `SELECT count(*)::int AS n FROM ${probe}`)).rows[0].n).toBe(0);
  });

  it('sends a plain SELECT in one write and gets one ReadyForQuery; other statements wait for Describe', async () => {
    expect(await countTraffic(() => call('SELECT 1').result)).toEqual({ writes: 1, readyForQuery: 1 });
    expect(await countTraffic(() => call('SELECT 1', { executeBeforeDescribe: false }).result)).toEqual({ writes: 2, readyForQuery: 1 });
  });
});

describe("otq's prepared statements", () => {
  it('are prepared by the first successful call and only bound afterwards; a call that finds one missing fails and the next recovers', async () => {
    await recover();
    await call('SELECT 1').result;
    expect([...prepared].sort()).toEqual(['otq_begin', 'otq_lock_timeout_700', 'otq_rollback', 'otq_statement_timeout_1500', 'otq_unlock']);
    const onServer = await client.query("SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'otq_%' ORDER BY name");
    expect(onServer.rows.map((r: { statement: string }) => r.statement)).toEqual([
      'BEGIN READ ONLY',
      'SET LOCAL lock_timeout = 700',
      'ROLLBACK',
      'SET LOCAL statement_timeout = 1500',
      'SELECT pg_catalog.pg_advisory_unlock_all()',
    ]);
    expect(await countTraffic(() => call('SELECT 2').result)).toEqual({ writes: 1, readyForQuery: 1 });
    await client.query('DEALLOCATE otq_begin');
    expect((await failure(call('SELECT 3').result)).code).toBe('26000');
    await recover();
    expect((await call('SELECT 4').result).rows).toEqual([[4]]);
    expect(client.getTransactionStatus()).toBe('I');
  });
});

describe('statements without rows', () => {
  it('are refused before they run when Describe comes first (PREPARE leaves no prepared statement)', async () => {
    const { call: refused, result } = call('PREPARE otq_refused AS SELECT 1', { executeBeforeDescribe: false });
    expect(await failure(result)).toBeInstanceOf(NotAQueryError);
    expect(refused.ranNonQuery).toBe(false);
    expect(client.getTransactionStatus()).toBe('I');
    expect((await client.query("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = 'otq_refused'")).rows[0].n).toBe(0);
  });

  it('are flagged as having run when Execute went out early, so the connector can discard the connection', async () => {
    const { call: ran, result } = call('PREPARE otq_ran AS SELECT 1');
    expect(await failure(result)).toBeInstanceOf(NotAQueryError);
    expect(ran.ranNonQuery).toBe(true);
    await recover();
  });
});

describe('caps and failures inside the pipeline', () => {
  it('caps rows across batches and in one batch, and caps bytes, ending each call idle', async () => {
    for (const batchRows of [1000, 10_001]) {
      const read = await call('SELECT g FROM generate_series(1, 10000) g', { maxRows: 2500, batchRows }).result;
      expect(read.rows).toHaveLength(2500);
      expect(read.rows.at(-1)).toEqual([2500]);
      expect(read.truncatedBy).toBe('rows');
      expect(client.getTransactionStatus()).toBe('I');
    }
    const exact = await call('SELECT g FROM generate_series(1, 2000) g', { maxRows: 2000, batchRows: 1000 }).result;
    expect([exact.rows.length, exact.truncatedBy]).toEqual([2000, undefined]);
    const bytes = await call("SELECT repeat('x', 100) FROM generate_series(1, 100)", { maxBytes: 1000 }).result;
    expect(bytes.truncatedBy).toBe('bytes');
    expect(JSON.stringify(bytes.rows).length).toBe(bytes.bytes);
    expect(client.getTransactionStatus()).toBe('I');
  });

  it('reports an error raised after the first batch and the session is clean after one ROLLBACK', async () => {
    const error = await failure(call('SELECT 1 / (g - 2500) FROM generate_series(1, 5000) g', { maxRows: 5000, batchRows: 1000 }).result);
    expect(error.code).toBe('22012');
    await recover();
    expect(client.getTransactionStatus()).toBe('I');
    expect((await call('SELECT 42').result).rows).toEqual([[42]]);
  });

  it('through the connector: a failed call leaves the reused connection clean, unlocked and read-only for the next caller', async () => {
    const connector = await createPostgresConnector(
      'pipeline',
      { engine: 'postgres', url, schemas: ['public'], poolSize: 1, timeoutMs: 4000 },
      {},
    );
    try {
      const [[pid]] = (await connector.query('SELECT pg_backend_pid()')).rows as [[number]];
      await expect(connector.query('SELECT pg_advisory_lock(4343), 1 / (random() * 0)::int')).rejects.toMatchObject({
        code: 'QUERY_FAILED',
      });
      const next = await connector.query(
        "SELECT pg_backend_pid(), current_setting('transaction_read_only'), current_setting('statement_timeout'), (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid())",
        { timeoutMs: 2500 },
      );
      expect(next.rows).toEqual([[pid, 'on', '2500ms', 0]]);
      const idle = await adminQuery('test', 'SELECT state FROM pg_stat_activity WHERE pid = $1', [pid]);
      expect(idle.rows[0].state).toBe('idle');
      // The failure dropped the statements prepared for the 4 s calls; the 2.5 s call prepared its own.
      const names = await connector.query("SELECT string_agg(name, ',' ORDER BY name) FROM pg_prepared_statements WHERE name LIKE 'otq%'", {
        timeoutMs: 2500,
      });
      expect(names.rows).toEqual([['otq_begin,otq_lock_timeout_2500,otq_rollback,otq_statement_timeout_2500,otq_unlock']]);
      for (const timeoutMs of [0, -1, Number.NaN, 2 ** 31]) {
        await expect(connector.query('SELECT 1', { timeoutMs })).rejects.toMatchObject({
          code: 'QUERY_REJECTED',
          message: expect.stringMatching(/timeoutMs must be between 1 and/),
        });
      }
    } finally {
      await connector.close();
    }
  });
});
