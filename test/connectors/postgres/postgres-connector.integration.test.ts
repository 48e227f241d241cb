// The PostgreSQL connector as the reader role made by `otq pg grant --apply`: catalog, values, caps, timeouts, cancel, error codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../connectors/connector.ts';
import { scramVerifier } from '../../../connectors/postgres/pg-grant.ts';
import { createPostgresConnector } from '../../../connectors/postgres/postgres-connector.ts';
import { ConfigError, ConnectorError } from '../../../core/errors.ts';
import { adminQuery, createPgFixture, PG_HOST, type PgFixture } from './pg-fixture.ts';

let fixture: PgFixture;
let connector: Connector;

beforeAll(async () => {
  fixture = await createPgFixture(3);
  connector = await createPostgresConnector('plant', { ...fixture.source, historian: mapping }, fixture.env);
});

afterAll(async () => {
  await connector?.close();
  await fixture?.drop();
});

const mapping = {
  samples: { table: 'samples', time: 'ts', tag: 'tag_id', value: 'value', quality: 'quality', goodQuality: [192] },
  tags: {
    table: 'tags',
    id: 'tag_id',
    name: 'tag_path',
    description: 'description',
    unit: 'unit',
    asset: 'asset_id',
    lowLimit: 'low_limit',
    highLimit: 'high_limit',
  },
  assets: { table: 'assets', id: 'asset_id', name: 'name', kind: 'kind', site: 'site' },
};

async function refusal(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('reader role made by otq pg grant --apply', () => {
  it('is a plain login role: no superuser, no role memberships, read-only and timeouts on the role, SELECT on named tables only', async () => {
    const role = await adminQuery(
      fixture.database,
      `SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolconfig,
        (SELECT count(*)::int FROM pg_auth_members WHERE member = r.oid) AS memberships,
        has_database_privilege(r.oid, current_database(), 'TEMPORARY') AS temp,
        ARRAY(SELECT table_name::text FROM information_schema.role_table_grants WHERE grantee = r.rolname ORDER BY 1) AS tables
      FROM pg_roles r WHERE rolname = $1`,
      [fixture.role],
    );
    const row = role.rows[0];
    expect(row).toMatchObject({
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolbypassrls: false,
      memberships: 0,
      temp: false,
    });
    expect(row.tables).toEqual(['alarm_events', 'assets', 'dataset_info', 'samples', 'tags', 'telemetry']);
    expect(row.rolconfig).toEqual(
      expect.arrayContaining([
        'default_transaction_read_only=on',
        'statement_timeout=60000',
        'idle_in_transaction_session_timeout=60000',
        'search_path=historian',
      ]),
    );
  });

  it('stores the password as a SCRAM verifier identical to what PostgreSQL computes itself', async () => {
    const stored = await adminQuery(fixture.database, 'SELECT rolpassword FROM pg_authid WHERE rolname = $1', [fixture.role]);
    const verifier = String(stored.rows[0].rolpassword);
    const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(verifier) ?? [];
    expect(scramVerifier(fixture.password, Buffer.from(salt!, 'base64'), Number(iterations))).toBe(verifier);
    await adminQuery(fixture.database, `SET password_encryption = 'scram-sha-256'; ALTER ROLE ${fixture.role} PASSWORD 'compare-me'`);
    const server = String(
      (await adminQuery(fixture.database, 'SELECT rolpassword FROM pg_authid WHERE rolname = $1', [fixture.role])).rows[0].rolpassword,
    );
    const [, serverIterations, serverSalt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(server) ?? [];
    expect(scramVerifier('compare-me', Buffer.from(serverSalt!, 'base64'), Number(serverIterations))).toBe(server);
  });
});

describe('describe()', () => {
  it('lists the granted tables with types and comments, hides shift_log and the monthly partitions, and reads the tag catalog', async () => {
    const description = await connector.describe();
    expect(description.tables.map((t) => t.name).sort()).toEqual([
      'alarm_events',
      'assets',
      'dataset_info',
      'samples',
      'tags',
      'telemetry',
    ]);
    const samples = description.tables.find((t) => t.name === 'samples')!;
    expect(samples.schema).toBe('historian');
    expect(samples.comment).toMatch(/monthly partitions/);
    expect(samples.columns.map((c) => [c.name, c.type])).toEqual([
      ['tag_id', 'integer'],
      ['ts', 'timestamp with time zone'],
      ['value', 'double precision'],
      ['quality', 'smallint'],
    ]);
    expect(samples.columns.find((c) => c.name === 'quality')?.comment).toMatch(/192 good/);
    expect(description.tags?.length).toBe(157);
    const pressure = description.tags?.find((t) => t.name.endsWith('/DischargePressure'));
    expect(pressure).toMatchObject({ unit: 'bar' });
    expect(typeof pressure?.id).toBe('number');
    expect(description.historian?.samples.table).toBe('samples');
    expect(description.tags?.find((t) => t.name === 'BPS03/P02/Power')).toMatchObject({
      assetName: 'Pump P02',
      assetKind: 'pump',
      site: 'BPS03',
      siteName: 'Booster station Sonnenhang',
    });
  });
});

describe('query()', () => {
  it('returns JSON-safe values: ISO-8601 UTC instants, numbers, exact int8/numeric', async () => {
    const result =
      await connector.query(`SELECT ts, value, quality, tag_id::int8 AS big, 12345678901234567::int8 AS huge, 0.1::numeric AS dec
      FROM samples ORDER BY tag_id, ts LIMIT 1`);
    expect(result.columns.map((c) => c.type)).toEqual(['timestamptz', 'float8', 'int2', 'int8', 'int8', 'numeric']);
    const [ts, value, quality, big, huge, dec] = result.rows[0]!;
    expect(ts).toBe('2026-10-29T00:00:00.000Z');
    expect(typeof value).toBe('number');
    expect([0, 64, 192]).toContain(quality);
    expect(typeof big).toBe('number');
    expect(huge).toBe('12345678901234567');
    expect(dec).toBe(0.1);
  });

  it('caps rows and bytes and says so', async () => {
    const rows = await connector.query('SELECT * FROM samples', { maxRows: 2500 });
    expect(rows).toMatchObject({ truncated: true, truncatedBy: 'rows' });
    expect(rows.rows).toHaveLength(2500);
    const batches = await connector.query('SELECT tag_id, ts FROM samples ORDER BY tag_id, ts', { maxRows: 25_000 });
    expect(batches).toMatchObject({ truncated: true, truncatedBy: 'rows' });
    expect(batches.rows).toHaveLength(25_000);
    expect(new Set(batches.rows.map((r) => `${r[0]}@${r[1]}`)).size).toBe(25_000);
    const exact = await connector.query('SELECT tag_id FROM tags', { maxRows: 157 });
    expect(exact.truncated).toBe(false);
    const bytes = await connector.query('SELECT description FROM tags', { maxBytes: 500 });
    expect(bytes).toMatchObject({ truncated: true, truncatedBy: 'bytes' });
    expect(bytes.bytes).toBeLessThanOrEqual(500);
    expect(JSON.stringify(bytes.rows).length).toBe(bytes.bytes);
  });

  it('stops pg_sleep(3600) at the timeout, kills nothing else, and the pool stays healthy', async () => {
    const started = Date.now();
    const error = await refusal(connector.query('SELECT pg_sleep(3600)', { timeoutMs: 1000 }));
    expect(error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(3000);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => connector.query(`SELECT ${i} + count(*) FROM tags`)));
    expect(results.map((r) => r.rows[0]![0])).toEqual(Array.from({ length: 8 }, (_, i) => 157 + i));
    const running = await adminQuery(
      fixture.database,
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%pg_sleep(3600)%' AND state = 'active' AND datname = current_database() AND pid <> pg_backend_pid()",
    );
    expect(running.rows[0].n).toBe(0);
  });

  it('cancels the backend query when the AbortSignal fires', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = connector.query('SELECT pg_sleep(30)', { signal: controller.signal, timeoutMs: 60_000 });
    setTimeout(() => controller.abort(), 300);
    const error = await refusal(pending);
    expect(error.code).toBe('CANCELLED');
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await connector.query('SELECT 1')).rows).toEqual([[1]]);
    const running = await adminQuery(
      fixture.database,
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND state = 'active' AND datname = current_database() AND pid <> pg_backend_pid()",
    );
    expect(running.rows[0].n).toBe(0);
  });

  it('bounds the memory of each sort and hash with the source memoryLimitMb (work_mem of every connection)', async () => {
    const bounded = await createPostgresConnector('bounded', { ...fixture.source, memoryLimitMb: 32 }, fixture.env);
    try {
      expect((await bounded.query(`SELECT current_setting('work_mem') AS w`)).rows).toEqual([['32MB']]);
    } finally {
      await bounded.close();
    }
  });

  it('lets one principal run at most half the pool at once; another principal is served meanwhile', async () => {
    const shared = await createPostgresConnector('shared', { ...fixture.source, poolSize: 2 }, fixture.env);
    try {
      const events: string[] = [];
      const slow = [0, 1].map((i) =>
        shared.query('SELECT pg_sleep(0.5) IS NULL AS slept', { principal: 'mallory' }).then(() => events.push(`slow-${i}`)),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      await shared.query('SELECT 1 AS one', { principal: 'eve' });
      events.push('simple');
      await Promise.all(slow);
      expect(events[0]).toBe('simple');
    } finally {
      await shared.close();
    }
  });

  it('refuses an already aborted signal without touching the server', async () => {
    const error = await refusal(connector.query('SELECT 1', { signal: AbortSignal.abort() }));
    expect(error.code).toBe('CANCELLED');
  });
});

describe('errors name the source and never the password', () => {
  const cases: [string, string, string][] = [
    ['unreachable port', 'postgres://otq@127.0.0.1:1/x', 'SOURCE_UNREACHABLE'],
    ['unknown user', `postgres://no_such_user_otq@${PG_HOST}/postgres`, 'AUTH_FAILED'],
  ];
  for (const [what, url, code] of cases) {
    it(`${what} -> ${code}`, async () => {
      const broken = await createPostgresConnector('broken-src', { ...fixture.source, url }, fixture.env);
      try {
        const error = await refusal(broken.query('SELECT 1'));
        expect(error.code).toBe(code);
        expect(error.message).toContain('source "broken-src"');
        expect(error.message).not.toContain(fixture.password);
        expect(JSON.stringify(error.details ?? {})).not.toContain(fixture.password);
      } finally {
        await broken.close();
      }
    });
  }

  it('unknown database -> SOURCE_UNREACHABLE naming it', async () => {
    const broken = await createPostgresConnector(
      'broken-db',
      { ...fixture.source, url: `postgres://${fixture.role}@${PG_HOST}/no_such_db_otq` },
      fixture.env,
    );
    const error = await refusal(broken.query('SELECT 1'));
    await broken.close();
    expect(error.code).toBe('SOURCE_UNREACHABLE');
    expect(error.message).toContain('no_such_db_otq');
  });

  it('refuses a password in the URL and a missing password variable at configuration time', async () => {
    await expect(
      createPostgresConnector('p', { ...fixture.source, url: `postgres://${fixture.role}:${fixture.password}@${PG_HOST}/x` }, fixture.env),
    ).rejects.toThrow(ConfigError);
    await expect(
      createPostgresConnector('p', { ...fixture.source, url: `postgres://${fixture.role}:${fixture.password}@${PG_HOST}/x` }, fixture.env),
    ).rejects.not.toThrow(fixture.password);
    await expect(createPostgresConnector('p', fixture.source, {})).rejects.toThrow(/OTQ_TEST_PG_PASSWORD/);
  });

  it('reports server errors as QUERY_FAILED with the server message', async () => {
    const error = await refusal(connector.query('SELECT no_such_column FROM tags'));
    expect(error.code).toBe('QUERY_FAILED');
    expect(error.message).toMatch(/column "no_such_column" does not exist/);
    expect(error.details).toEqual({ sqlstate: '42703' });
  });
});
