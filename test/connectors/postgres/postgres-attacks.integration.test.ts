// The shared SQL attack corpus against PostgreSQL with no guard: the reader role, the read-only transaction and the connector alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../connectors/connector.ts';
import { createPostgresConnector } from '../../../connectors/postgres/postgres-connector.ts';
import { ConnectorError } from '../../../core/errors.ts';
import { adminQuery, createPgFixture, type PgFixture } from './pg-fixture.ts';
import { engineAttackCases, type AttackCase } from '../../helpers/attack-corpus.ts';

const corpus: AttackCase[] = engineAttackCases('postgres');

/** Variants beyond the corpus, aimed at what only privileges and the protocol stop in PostgreSQL. */
const extraAttacks: [string, string][] = [
  ['commit then write over one text', 'COMMIT; CREATE TABLE historian.evil(a int)'],
  ['begin read write', 'BEGIN READ WRITE'],
  ['commit', 'COMMIT'],
  ['set transaction read write', 'SET TRANSACTION READ WRITE'],
  ['set_config on the transaction', "SELECT set_config('transaction_read_only', 'off', true)"],
  ['set_config of the timeout', "SELECT set_config('statement_timeout', '0', false)"],
  ['reset all', 'RESET ALL'],
  ['create temp table', 'CREATE TEMP TABLE t AS SELECT * FROM tags'],
  ['select into temp', 'SELECT * INTO TEMP t2 FROM tags'],
  ['copy to file', "COPY tags TO '/tmp/otq-pg-exfil.csv'"],
  ['copy from program', "COPY tags FROM PROGRAM 'id'"],
  ['copy to stdout', 'COPY tags TO STDOUT'],
  ['pg_ls_dir', "SELECT pg_ls_dir('.')"],
  ['pg_read_binary_file', "SELECT pg_read_binary_file('/etc/passwd')"],
  ['lo_import', "SELECT lo_import('/etc/passwd')"],
  ['data directory setting', "SELECT current_setting('data_directory')"],
  ['nextval', "SELECT nextval('x')"],
  ['do block', 'DO $$ BEGIN PERFORM 1; END $$'],
  ['prepare', 'PREPARE p AS SELECT 1'],
  ['notify', "NOTIFY otq, 'x'"],
  ['listen', 'LISTEN otq'],
  ['declare cursor with hold', 'DECLARE c CURSOR WITH HOLD FOR SELECT 1'],
  ['insert', "INSERT INTO tags (tag_id, tag_path, data_type) VALUES (9999, 'x', 'analog')"],
  ['delete via CTE', 'WITH d AS (DELETE FROM samples RETURNING 1) SELECT count(*) FROM d'],
  ['truncate', 'TRUNCATE samples'],
  ['grant to self', 'GRANT SELECT ON shift_log TO CURRENT_USER'],
  ['alter role', 'ALTER ROLE CURRENT_USER SET default_transaction_read_only = off'],
  ['schema-qualified shift_log', 'SELECT * FROM historian.shift_log'],
  ['pg_attribute column names', "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = 'historian.shift_log'::regclass"],
  ['empty', '   '],
  ['comment only', '-- nothing'],
];

let fixture: PgFixture;
let connector: Connector;
let before: Record<string, number>;

beforeAll(async () => {
  fixture = await createPgFixture(2);
  connector = await createPostgresConnector('plant', fixture.source, fixture.env);
  before = await fixture.counts();
});

afterAll(async () => {
  await connector?.close();
  await fixture?.drop();
});

async function outcome(sql: string, timeoutMs = 1000): Promise<{ ok: true } | { ok: false; error: ConnectorError }> {
  try {
    await connector.query(sql, { timeoutMs });
    return { ok: true };
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    return { ok: false, error: error as ConnectorError };
  }
}

describe('corpus cases, guard off', () => {
  for (const entry of corpus) {
    it(`${entry.id} (${entry.group}, ${entry.expect}): ${entry.sql.replace(/\s+/g, ' ').slice(0, 70)}`, async () => {
      const started = Date.now();
      const result = await outcome(entry.sql);
      if (entry.expect === 'allow') {
        expect(result.ok).toBe(true);
      } else if (entry.expect === 'deny') {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(['QUERY_FAILED', 'QUERY_REJECTED']).toContain(result.error.code);
      } else if (entry.expect === 'deny_or_timeout') {
        expect(result.ok).toBe(false);
        expect(Date.now() - started).toBeLessThan(4000);
      }
      expect(await fixture.counts()).toEqual(before);
    });
  }
});

describe('variants, guard off', () => {
  for (const [what, sql] of extraAttacks) {
    it(`refuses ${what}`, async () => {
      const result = await outcome(sql);
      expect(result.ok).toBe(false);
      expect(await fixture.counts()).toEqual(before);
    });
  }

  it('COMMIT; BEGIN READ WRITE over one text is refused by the server as two commands (42601)', async () => {
    const result = await outcome('COMMIT; BEGIN READ WRITE; CREATE TEMP TABLE p AS SELECT 1; COMMIT');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.details).toEqual({ sqlstate: '42601' });
  });

  it('keeps the time limit when a statement switches the timeout off and sleeps in the same text', async () => {
    const sql = "SELECT set_config('statement_timeout', '0', false) UNION ALL SELECT pg_sleep(20)::text";
    const refused = await outcome(sql, 800);
    expect(refused.ok ? 'ran' : refused.error.details).toEqual({ sqlstate: '42501' });
    // Where set_config is still executable (no --restrict-public), the connector's own wall-clock cancel stops it.
    const unrestricted = await createPostgresConnector('admin', { ...fixture.source, url: fixture.adminUrl, passwordEnv: undefined }, {});
    const started = Date.now();
    const error = await unrestricted.query(sql, { timeoutMs: 800 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    await unrestricted.close();
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('SET statement_timeout = 0 on one call leaves the next long query bounded on every pooled connection', async () => {
    for (let i = 0; i < 4; i++) await outcome('SET statement_timeout = 0');
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 4 }, () => outcome('SELECT pg_sleep(20)', 800)));
    for (const result of results) expect(result.ok ? 'ran' : result.error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('a session advisory lock taken by a query does not outlive the call', async () => {
    expect((await outcome('SELECT pg_advisory_lock(4242)')).ok).toBe(true);
    const free = await adminQuery(fixture.database, 'SELECT pg_try_advisory_lock(4242) AS got, pg_advisory_unlock_all()');
    expect(free.rows[0].got).toBe(true);
  });

  it('still reads: every pooled connection is read-only and answers after all of the above', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        connector.query(
          "SELECT current_setting('transaction_read_only'), current_setting('default_transaction_read_only'), count(*) FROM tags",
        ),
      ),
    );
    for (const result of results) expect(result.rows[0]).toEqual(['on', 'on', before.tags]);
  });
});
