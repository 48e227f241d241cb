// The DuckDB file connector against a real DuckDB file: read-only checks, caps, timeouts, values, concurrency, describe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../connectors/connector.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import { ConnectorError } from '../../../core/errors.ts';
import { createHistorianFixture, fixtureMapping, SECRET_MARKER, type HistorianFixture } from './historian-fixture.ts';

let fixture: HistorianFixture;
let connector: Connector;

beforeAll(async () => {
  fixture = await createHistorianFixture();
  connector = await createDuckDbConnector('historian', {
    engine: 'duckdb',
    file: fixture.file,
    historian: fixtureMapping,
    timeoutMs: 2_000,
  });
});

afterAll(async () => {
  await connector?.close();
  fixture?.cleanup();
});

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('DuckDB file connector: queries', () => {
  it('runs a SELECT and reports DuckDB type names', async () => {
    const result = await connector.query('SELECT tag_id, tag_path, high_limit FROM tags ORDER BY tag_id');
    expect(result.columns).toEqual([
      { name: 'tag_id', type: 'INTEGER' },
      { name: 'tag_path', type: 'VARCHAR' },
      { name: 'high_limit', type: 'DOUBLE' },
    ]);
    expect(result.rows[0]).toEqual([1, 'BPS03/P02/DischargePressure', 7.5]);
    expect(result.truncated).toBe(false);
    expect(result.bytes).toBe(Buffer.byteLength(JSON.stringify(result.rows)));
  });

  it('refuses more than one statement and leaves the data alone', async () => {
    const error = await rejection(connector.query('SELECT 1; DROP TABLE tags'));
    expect(error.code).toBe('QUERY_REJECTED');
    expect(error.message).toMatch(/exactly one SQL statement, found 2/);
    expect((await connector.query('SELECT count(*) AS n FROM tags')).rows).toEqual([[4]]);
  });

  it('refuses a NUL character, after which DuckDB would silently read nothing (SELECT 1 AS a\\0 LIMIT 0 returned a row)', async () => {
    const error = await rejection(connector.query('SELECT 1 AS a\u0000 LIMIT 0'));
    expect(error.code).toBe('QUERY_REJECTED');
    expect(error.message).toMatch(/NUL character/);
  });

  it('refuses statements READ_ONLY would still allow (CREATE TEMP TABLE) and says which kind it was', async () => {
    const error = await rejection(connector.query('CREATE TEMP TABLE x AS SELECT * FROM shift_log'));
    expect(error.code).toBe('QUERY_REJECTED');
    expect(error.message).toMatch(/only read-only SELECT.*CREATE statement/);
  });

  it('passes DuckDB error text through so the SQL can be repaired', async () => {
    const error = await rejection(connector.query('SELECT no_such_column FROM tags'));
    expect(error.code).toBe('QUERY_FAILED');
    expect(error.message).toMatch(/no_such_column/);
  });

  it('denies read_blob of the database file (which would expose every table, secrets included)', async () => {
    const error = await rejection(connector.query(`SELECT content FROM read_blob('${fixture.file}')`));
    expect(error.code).toBe('QUERY_REJECTED');
    expect(error.message).not.toContain(SECRET_MARKER);
  });

  it('converts values JSON-safely without losing precision', async () => {
    const result = await connector.query(`SELECT
        9007199254740993::BIGINT AS big, 42::BIGINT AS small_big,
        170141183460469231731687303715884105727::HUGEINT AS huge,
        12345678901234567890.1234567891::DECIMAL(38,10) AS exact_decimal, 1.5::DECIMAL(38,10) AS plain_decimal,
        TIMESTAMPTZ '2026-08-01 12:30:00.123456+02' AS tstz, TIMESTAMP '2026-08-01 12:30:00' AS ts,
        DATE '2026-03-04' AS day, NULL::INTEGER AS nothing, true AS flag, [1, 2] AS list, {'a': 2::BIGINT} AS rec,
        'NaN'::DOUBLE AS nan`);
    expect(result.rows[0]).toEqual([
      '9007199254740993',
      42,
      '170141183460469231731687303715884105727',
      '12345678901234567890.1234567891',
      1.5,
      '2026-08-01T10:30:00.123456Z',
      '2026-08-01T12:30:00.000Z',
      '2026-03-04',
      null,
      true,
      '[1,2]',
      '{"a":2}',
      'NaN',
    ]);
    expect(result.columns.map((column) => column.type)).toEqual([
      'BIGINT',
      'BIGINT',
      'HUGEINT',
      'DECIMAL(38,10)',
      'DECIMAL(38,10)',
      'TIMESTAMP WITH TIME ZONE',
      'TIMESTAMP',
      'DATE',
      'INTEGER',
      'BOOLEAN',
      'INTEGER[]',
      'STRUCT("a" BIGINT)',
      'DOUBLE',
    ]);
  });

  it('keeps edge values exact: infinities, nanoseconds, small and negative decimals', async () => {
    const result = await connector.query(`SELECT
        'infinity'::TIMESTAMPTZ, TIMESTAMP_NS '2026-01-01 00:00:00.123456789', TIMESTAMP_MS '2026-01-01 00:00:00.5',
        -2.50::DECIMAL(5,2), 0.0000001::DECIMAL(18,7), -0.00::DECIMAL(4,2), -9007199254740993::BIGINT,
        INTERVAL 90 MINUTE, 'Infinity'::DOUBLE`);
    expect(result.rows[0]).toEqual([
      'infinity',
      '2026-01-01T00:00:00.123456789Z',
      '2026-01-01T00:00:00.500Z',
      -2.5,
      '0.0000001',
      0,
      '-9007199254740993',
      '01:30:00',
      'Infinity',
    ]);
  });

  it('returns sample rows with ISO-8601 UTC timestamps', async () => {
    const result = await connector.query('SELECT ts, quality FROM samples WHERE tag_id = 1 ORDER BY ts LIMIT 2');
    expect(result.rows).toEqual([
      ['2026-08-01T00:00:00.000Z', 192],
      ['2026-08-01T00:01:00.000Z', 192],
    ]);
  });
});

describe('DuckDB file connector: repeated SQL texts (kept prepared statements)', () => {
  it('executes a repeated statement on the engine every time: nothing of a result is reused', async () => {
    const sql = 'SELECT epoch_us(now()) AS t, (SELECT count(*) FROM tags) AS n';
    const first = await connector.query(sql);
    const second = await connector.query(sql);
    expect(first.rows[0]![1]).toBe(4);
    expect(second.rows[0]![1]).toBe(4);
    expect(Number(second.rows[0]![0])).toBeGreaterThan(Number(first.rows[0]![0]));
  });

  it('refuses a repeated multi-statement text every time, and a statement failing at run time fails every time', async () => {
    for (let round = 0; round < 3; round++) {
      expect((await rejection(connector.query('SELECT 1; SELECT 2'))).code).toBe('QUERY_REJECTED');
      const failing = await rejection(connector.query("SELECT CAST(tag_path || 'x' AS INTEGER) AS n FROM tags"));
      expect(failing.code).toBe('QUERY_FAILED');
      expect(failing.message).toMatch(/Conversion Error/);
    }
    expect((await connector.query('SELECT count(*) AS n FROM tags')).rows).toEqual([[4]]);
  });

  it('applies each call its own caps on a repeated text', async () => {
    const sql = 'SELECT tag_id FROM tags ORDER BY tag_id';
    expect((await connector.query(sql, { maxRows: 2 })).rows).toEqual([[1], [2]]);
    const full = await connector.query(sql);
    expect(full.rows).toHaveLength(4);
    expect(full.truncated).toBe(false);
  });
});

describe('DuckDB file connector: caps', () => {
  it('stops at the default row cap of 10,000 and says so', async () => {
    const result = await connector.query('SELECT range AS i FROM range(25000)');
    expect(result.rows).toHaveLength(10_000);
    expect(result).toMatchObject({ truncated: true, truncatedBy: 'rows' });
  });

  it('honours a per-call row cap, and a result of exactly that size is not truncated', async () => {
    const capped = await connector.query('SELECT range FROM range(10)', { maxRows: 3 });
    expect(capped.rows).toEqual([[0], [1], [2]]);
    expect(capped).toMatchObject({ truncated: true, truncatedBy: 'rows' });
    const exact = await connector.query('SELECT range FROM range(3)', { maxRows: 3 });
    expect(exact.truncated).toBe(false);
  });

  it('stops at the byte cap and keeps the returned rows under it', async () => {
    const result = await connector.query("SELECT repeat('x', 100) AS s FROM range(1000)", { maxBytes: 2_000 });
    expect(result).toMatchObject({ truncated: true, truncatedBy: 'bytes' });
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.length).toBeLessThan(1000);
    expect(Buffer.byteLength(JSON.stringify(result.rows))).toBe(result.bytes);
    expect(result.bytes).toBeLessThanOrEqual(2_000);
  });
});

describe('DuckDB file connector: stopping statements', () => {
  it('interrupts a runaway query at the timeout and the source keeps answering', async () => {
    const started = performance.now();
    const error = await rejection(connector.query('SELECT count(*) FROM range(100000000000)', { timeoutMs: 1_000 }));
    const elapsedMs = performance.now() - started;
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/1000 ms/);
    expect(elapsedMs).toBeLessThan(2_000);
    expect((await connector.query('SELECT 42 AS answer')).rows).toEqual([[42]]);
  });

  it('a per-call timeout cannot exceed the source timeout', async () => {
    const strict = await createDuckDbConnector('strict', { engine: 'duckdb', file: fixture.file, timeoutMs: 300 });
    try {
      const error = await rejection(strict.query('SELECT count(*) FROM range(100000000000)', { timeoutMs: 60_000 }));
      expect(error.code).toBe('TIMEOUT');
      expect(error.message).toMatch(/300 ms/);
    } finally {
      await strict.close();
    }
  });

  it('cancels on the abort signal with CANCELLED', async () => {
    const controller = new AbortController();
    const running = connector.query('SELECT count(*) FROM range(100000000000)', { signal: controller.signal });
    setImmediate(() => controller.abort());
    const error = await rejection(running);
    expect(error.code).toBe('CANCELLED');
    expect((await connector.query('SELECT 1 AS one')).rows).toEqual([[1]]);
  });

  it('runs queries side by side: a short query finishes while a slow one is still running', async () => {
    const finished: string[] = [];
    const slow = connector.query('SELECT count(*) FROM range(100000000000)', { timeoutMs: 1_500 }).then(
      () => finished.push('slow:done'),
      (error: unknown) => finished.push(`slow:${(error as ConnectorError).code}`),
    );
    const fast = connector.query('SELECT count(*) FROM tags').then(() => finished.push('fast'));
    await Promise.all([slow, fast]);
    expect(finished).toEqual(['fast', 'slow:TIMEOUT']);
  });

  it('two slow queries overlap instead of queueing behind each other', async () => {
    const started = performance.now();
    const slow = (): Promise<string> =>
      connector.query('SELECT count(*) FROM range(100000000000)', { timeoutMs: 1_000 }).then(
        () => 'done',
        (error: unknown) => (error as ConnectorError).code,
      );
    expect(await Promise.all([slow(), slow()])).toEqual(['TIMEOUT', 'TIMEOUT']);
    expect(performance.now() - started).toBeLessThan(1_900);
  });
});

describe('DuckDB file connector: describe', () => {
  it('lists tables and views with columns, types and comments', async () => {
    const description = await connector.describe();
    expect(description).toMatchObject({ name: 'historian', dialect: 'duckdb', historian: fixtureMapping });
    const tags = description.tables.find((table) => table.name === 'tags');
    expect(tags).toMatchObject({ schema: 'main', kind: 'table', comment: 'Tag catalog: one row per historian tag' });
    expect(tags?.columns.find((column) => column.name === 'tag_path')).toEqual({
      name: 'tag_path',
      type: 'VARCHAR',
      nullable: true,
      comment: 'Tag path, site/equipment/measurement',
    });
    const view = description.tables.find((table) => table.name === 'latest_values');
    expect(view).toMatchObject({ kind: 'view', comment: 'Newest sample time per tag' });
    expect(view?.columns.map((column) => column.type)).toEqual(['INTEGER', 'TIMESTAMP WITH TIME ZONE']);
  });

  it('reads the tag catalog through the historian mapping', async () => {
    const { tags } = await connector.describe();
    expect(tags).toHaveLength(4);
    expect(tags?.[3]).toEqual({ id: 4, name: 'WTP/FLT/Note', description: 'DROP TABLE tags', asset: 'WTP', dataType: 'text' });
    expect(tags?.[0]).toEqual({
      id: 1,
      name: 'BPS03/P02/DischargePressure',
      description: 'Discharge pressure, pump 2',
      unit: 'bar',
      asset: 'BPS03/P02',
      measurement: 'pressure',
      dataType: 'analog',
      lowLimit: 2,
      highLimit: 7.5,
    });
  });

  it('hands every caller its own copy of the cached description', async () => {
    const first = await connector.describe();
    first.tables.length = 0;
    expect((await connector.describe()).tables.length).toBeGreaterThan(0);
  });
});

describe('DuckDB file connector: lifecycle', () => {
  it('reports a missing database file as unreachable, naming the path', async () => {
    const error = await rejection(createDuckDbConnector('x', { engine: 'duckdb', file: `${fixture.dir}/missing.duckdb` }));
    expect(error.code).toBe('SOURCE_UNREACHABLE');
    expect(error.message).toContain('missing.duckdb');
  });

  it('close() stops a running query and reports it as closed, not as a SQL error', async () => {
    const other = await createDuckDbConnector('other', { engine: 'duckdb', file: fixture.file });
    const running = rejection(other.query('SELECT count(*) FROM range(100000000000)'));
    await other.describe();
    await other.close();
    expect((await running).code).toBe('SOURCE_UNREACHABLE');
  });

  it('refuses queries after close()', async () => {
    const other = await createDuckDbConnector('other', { engine: 'duckdb', file: fixture.file });
    await other.close();
    expect((await rejection(other.query('SELECT 1'))).code).toBe('SOURCE_UNREACHABLE');
  });
});
