// The shared SQL attack corpus against the DuckDB file connector alone (no guard): refused or stopped, data intact, source healthy.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../connectors/connector.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import { ConnectorError } from '../../../core/errors.ts';
import { createHistorianFixture, fixtureMapping, SECRET_MARKER, type HistorianFixture } from './historian-fixture.ts';
import { engineAttackCases, type AttackCase } from '../../helpers/attack-corpus.ts';

const corpus: AttackCase[] = engineAttackCases('duckdb');

/**
 * Group `scope` (shift_log, query_table, duckdb_settings) is a per-role decision: shift_log is a real table a
 * supervisor may read, so only the guard can deny it. The connector's job is everything else.
 */
const connectorCases = corpus.filter((entry) => entry.expect !== 'allow' && entry.group !== 'scope');
const allowCases = corpus.filter((entry) => entry.expect === 'allow');

/** Variants beyond the corpus, aimed at DuckDB specifics: file readers, replacement scans, catalog and session changes. */
const extraAttacks: [string, string][] = [
  ['replacement scan of a system file', "SELECT * FROM '/etc/passwd'"],
  ['FROM-first replacement scan', "FROM '/etc/hostname'"],
  ['read_blob of the database file', "SELECT content FROM read_blob('$DB_FILE')"],
  ['read_parquet outside', "SELECT * FROM read_parquet('/etc/passwd')"],
  ['sniff_csv', "SELECT * FROM sniff_csv('/etc/passwd')"],
  ['https read', "SELECT * FROM read_json('https://example.com/x.json')"],
  ['attach in-memory', "ATTACH ':memory:' AS scratch"],
  ['detach', 'DETACH historian'],
  ['use', 'USE system'],
  ['checkpoint call', 'CALL checkpoint()'],
  ['checkpoint statement', 'CHECKPOINT'],
  ['session variable', 'SET VARIABLE x = 1'],
  ['search path', "SET search_path = 'system'"],
  ['insert', "INSERT INTO tags VALUES (9, 'x', NULL, NULL, NULL, NULL, NULL, NULL, NULL)"],
  ['create secret', "CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')"],
  ['load library path', "LOAD '/tmp/evil.duckdb_extension'"],
  ['vacuum', 'VACUUM'],
  ['temp macro', 'CREATE TEMP MACRO f(x) AS x'],
  ['explain analyze', 'EXPLAIN ANALYZE SELECT 1'],
  ['pragma with side effect', 'PRAGMA enable_profiling'],
  ['reset lock', 'RESET lock_configuration'],
  ['two statements behind a trailing comment', 'SELECT 1; /* x */ SELECT 2'],
  ['empty', '   '],
];

let fixture: HistorianFixture;
let connector: Connector;

beforeAll(async () => {
  fixture = await createHistorianFixture();
  connector = await createDuckDbConnector('historian', {
    engine: 'duckdb',
    file: fixture.file,
    historian: fixtureMapping,
    timeoutMs: 1_000,
  });
});

afterAll(async () => {
  await connector?.close();
  fixture?.cleanup();
});

async function expectRefused(sql: string): Promise<ConnectorError> {
  const outcome = await connector.query(sql).then(
    (result) => result,
    (error: unknown) => error,
  );
  expect(outcome, `should have been refused: ${sql}`).toBeInstanceOf(ConnectorError);
  const error = outcome as ConnectorError;
  expect(['QUERY_REJECTED', 'QUERY_FAILED', 'TIMEOUT']).toContain(error.code);
  expect(error.message).not.toContain(SECRET_MARKER);
  return error;
}

describe('DuckDB connector alone vs the attack corpus', () => {
  it('covers the corpus (guards against an empty or unreadable file)', () => {
    expect(connectorCases.length).toBeGreaterThanOrEqual(20);
    expect(allowCases.length).toBeGreaterThanOrEqual(4);
  });

  it.each(connectorCases.map((entry) => [entry.id, entry] as const))('%s is refused or stopped', async (_id, entry) => {
    const error = await expectRefused(entry.sql);
    if (entry.expect === 'deny') expect(error.code).not.toBe('TIMEOUT');
    if (entry.group === 'write' || entry.group === 'multi' || entry.group === 'config' || entry.group === 'extension') {
      expect(['QUERY_REJECTED', 'QUERY_FAILED']).toContain(error.code);
    }
  });

  it.each(extraAttacks)('extra: %s is refused', async (_label, sql) => {
    const error = await expectRefused(sql.replace('$DB_FILE', fixture.file));
    expect(error.code).not.toBe('TIMEOUT');
  });

  it.each(allowCases.map((entry) => [entry.id, entry] as const))('%s (allow) runs', async (_id, entry) => {
    const result = await connector.query(entry.sql);
    expect(result.rows.length).toBeGreaterThan(0);
  });

  it('after all of it the data is intact, nothing was written, and the source still answers', async () => {
    const counts = await connector.query(
      'SELECT (SELECT count(*) FROM tags), (SELECT count(*) FROM samples), (SELECT count(*) FROM shift_log)',
    );
    expect(counts.rows).toEqual([[4, 8640, 1]]);
    expect(existsSync('/tmp/otq-exfil.csv')).toBe(false);
    expect(existsSync('/tmp/otq-export')).toBe(false);
    expect(existsSync('/tmp/other.duckdb')).toBe(false);
    const temp = await connector.query("SELECT count(*) FROM duckdb_tables() WHERE temporary OR table_name = 'x'");
    expect(temp.rows).toEqual([[0]]);
    const macros = await connector.query("SELECT count(*) FROM duckdb_functions() WHERE function_name = 'm'");
    expect(macros.rows).toEqual([[0]]);
  });
});
