// The shared SQL attack corpus and our own variants, through the guard, for both dialects (`any` cases against both).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbSqlParser } from '../../connectors/duckdb/duckdb-sql-parser.ts';
import { createPgSqlParser } from '../../connectors/postgres/pg-sql-parser.ts';
import type { SqlParser } from '../../connectors/sql-parser.ts';
import type { Principal } from '../../core/principal.ts';
import { createGuard, type PolicyGuard } from '../../policies/create-guard.ts';
import type { Decision } from '../../policies/decision.ts';
import { createGuardFixture, type GuardFixture } from './guard-fixture.ts';
import { readAttackCorpus, type AttackCase } from '../helpers/attack-corpus.ts';

const corpus: AttackCase[] = readAttackCorpus();

const engineer: Principal = { id: 'eve', roles: ['engineer'] };
const now = Date.parse('2026-10-05T00:00:00Z');
let fixture: GuardFixture;
let duckParser: SqlParser;
let pgParser: SqlParser;
const guards: Record<'duckdb' | 'postgres', PolicyGuard> = {} as never;

beforeAll(async () => {
  fixture = await createGuardFixture();
  duckParser = await createDuckDbSqlParser();
  pgParser = await createPgSqlParser();
  const parsers = { duckdb: duckParser, postgres: pgParser };
  guards.duckdb = await createGuard({ policyFiles: [], shipped: true, sources: [fixture.duckdb], parsers, clock: () => now });
  guards.postgres = await createGuard({ policyFiles: [], shipped: true, sources: [fixture.postgres], parsers, clock: () => now });
});
afterAll(async () => {
  await duckParser?.close();
  await fixture?.close();
});

const run = (dialect: 'duckdb' | 'postgres', sql: string, principal = engineer): Promise<Decision> =>
  guards[dialect].check(principal, { tool: 'run_sql', args: { source: 'historian', sql } });

const cases = corpus.flatMap((c) => (c.dialect === 'any' ? (['duckdb', 'postgres'] as const) : [c.dialect]).map((d) => ({ ...c, on: d })));

describe('attack corpus (test/fixtures/security and ../shared/security)', () => {
  it.each(cases)('$id [$on] $group: $expect', async (c) => {
    const decision = await run(c.on, c.sql, c.user ? { id: c.user, roles: [c.user] } : engineer);
    if (c.expect === 'deny') {
      expect(decision.kind, JSON.stringify(decision)).toBe('deny');
      if (decision.kind === 'deny') {
        expect(decision.rule).toMatch(/^[a-z]+\.[a-z-]+$/);
        expect(decision.reason.length).toBeGreaterThan(20);
      }
    }
    if (c.expect === 'allow') expect(decision.kind, JSON.stringify(decision)).not.toBe('deny');
    // A case that must hold or be masked at run time (test/policies/side-channels.integration.test.ts) reads the role's rows.
    if (c.expect === 'hold' || c.expect === 'masked') expect(decision.kind, JSON.stringify(decision)).toBe('rewrite');
    if (c.expect === 'deny_or_timeout') await expectDeniedOrStopped(c.on, c.sql, decision);
    if (c.expect === 'deny_or_allow_harmless') await expectDeniedOrHarmless(c.on, c.sql, decision);
  });
});

describe('unbounded output (repeat, lpad/rpad, format, collecting aggregates)', () => {
  const bounded = cases.filter((c) => c.group === 'unbounded-output' && c.expect === 'deny');
  it.each(bounded)('$id [$on] is denied by the output bound, saying what to do instead', async (c) => {
    const decision = await run(c.on, c.sql);
    expect(decision).toMatchObject({ kind: 'deny', rule: 'sql.unbounded-output' });
    if (decision.kind === 'deny') expect(decision.reason).toMatch(/row cap|at most 10,000/);
  });
});

/** The SQL the guard lets through: the rewritten text, or the original when allowed as written. */
const passed = (sql: string, decision: Decision): string => (decision.kind === 'rewrite' ? String(decision.call.args['sql']) : sql);

/** A runaway query is denied, or (DuckDB, where the fixture has an engine) stopped by the connector's time limit. */
async function expectDeniedOrStopped(on: 'duckdb' | 'postgres', sql: string, decision: Decision): Promise<void> {
  if (decision.kind === 'deny') {
    expect(decision.rule).toMatch(/^[a-z]+\.[a-z-]+$/);
    return;
  }
  // PostgreSQL's statement timeout on a server is tested in postgres-attacks.integration.test.ts; here the guard must
  // at least pass a single plain SELECT.
  const analysis = await (on === 'duckdb' ? duckParser : pgParser).analyze(passed(sql, decision));
  expect(analysis).toMatchObject({ ok: true, statementCount: 1, isSelect: true });
  if (on === 'duckdb') await expect(fixture.connector.query(passed(sql, decision), { timeoutMs: 300 })).rejects.toThrow();
}

/** A text that only looks like an attack is denied, or passes as one plain SELECT that reads no table. */
async function expectDeniedOrHarmless(on: 'duckdb' | 'postgres', sql: string, decision: Decision): Promise<void> {
  if (decision.kind === 'deny') {
    expect(decision.rule).toMatch(/^[a-z]+\.[a-z-]+$/);
    return;
  }
  const analysis = await (on === 'duckdb' ? duckParser : pgParser).analyze(passed(sql, decision));
  expect(analysis).toMatchObject({ ok: true, statementCount: 1, isSelect: true, dataModifyingCte: false, tables: [] });
}

/** Our own variants of each group: case, quoting, comments, unicode, nesting, qualification. [dialects, sql, rule or 'allow'] */
const variants: [('duckdb' | 'postgres')[], string, string][] = [
  [['duckdb', 'postgres'], 'dRoP tAbLe tags', 'sql.select-only'],
  [['duckdb', 'postgres'], '/* harmless */ DELETE FROM samples WHERE 1=1', 'sql.select-only'],
  [['duckdb', 'postgres'], 'WITH x AS (SELECT 1) INSERT INTO tags SELECT * FROM tags', 'sql.select-only'],
  [['postgres'], 'WITH a AS (SELECT 1), d AS (UPDATE samples SET value = 0 RETURNING 1) SELECT * FROM a', 'sql.select-only'],
  [['postgres'], 'SELECT * FROM (SELECT * FROM tags FOR SHARE) t', 'sql.select-only'],
  [['duckdb', 'postgres'], 'EXPLAIN SELECT * FROM tags', 'sql.select-only'],
  [['duckdb'], 'SUMMARIZE shift_log', 'sql.unsupported'],
  [['duckdb'], 'DESCRIBE shift_log', 'sql.unsupported'],
  [['duckdb', 'postgres'], 'SELECT 1;\n/* ; */ SELECT 2', 'sql.single-statement'],
  [['duckdb', 'postgres'], "SELECT ';' AS a; COMMIT", 'sql.single-statement'],
  [['duckdb', 'postgres'], 'select * from Shift_Log', 'scope.table'],
  [['duckdb'], 'SELECT * FROM "Shift_Log"', 'scope.table'],
  [['duckdb'], 'SELECT * FROM main.shift_log', 'scope.table'],
  [['duckdb'], 'SELECT * FROM historian.main.shift_log', 'scope.table'],
  [['duckdb'], 'SELECT * FROM historian.shift_log', 'scope.table'],
  [['postgres'], 'SELECT * FROM public.shift_log', 'scope.table'],
  [['postgres'], 'SELECT * FROM "public"."shift_log" s', 'scope.table'],
  [
    ['duckdb', 'postgres'],
    'SELECT * FROM tags WHERE EXISTS (SELECT 1 FROM (SELECT * FROM (SELECT operator_name FROM shift_log) a) b)',
    'scope.table',
  ],
  [['duckdb', 'postgres'], 'WITH s AS (SELECT * FROM shift_log) SELECT count(*) FROM s', 'scope.table'],
  [['duckdb', 'postgres'], 'WITH shift_log AS (SELECT 1 AS x) SELECT * FROM shift_log', 'sql.cte-shadows-table'],
  [['duckdb', 'postgres'], 'WITH tags AS (SELECT * FROM shift_log) SELECT * FROM tags', 'sql.cte-shadows-table'],
  [['duckdb', 'postgres'], 'SELECT (SELECT max(operator_name) FROM shift_log) AS x', 'scope.table'],
  [['duckdb', 'postgres'], 'SELECT * FROM secrets', 'scope.table'],
  [['duckdb'], "SELECT * FROM QUERY_TABLE('SHIFT_LOG')", 'scope.table'],
  [['duckdb'], "SELECT * FROM QUERY_TABLE('TAGS')", 'sql.function'],
  [['duckdb'], "SELECT * FROM query_table(['tags', 'shift_log'])", 'sql.function'],
  [['duckdb'], "SELECT * FROM read_csv_auto('/etc/passwd')", 'sql.function'],
  [['duckdb'], "SELECT * FROM main.read_parquet('x.parquet')", 'sql.function'],
  [['duckdb'], "SELECT content FROM read_blob('historian.duckdb')", 'sql.function'],
  [['duckdb'], "SELECT * FROM sniff_csv('/etc/passwd')", 'sql.function'],
  [['duckdb'], 'SELECT * FROM duckdb_tables()', 'sql.function'],
  [['duckdb'], 'SELECT * FROM duckdb_tables', 'scope.table'],
  [['duckdb'], "SELECT * FROM pragma_table_info('shift_log')", 'sql.function'],
  [['duckdb'], 'SELECT * FROM information_schema.columns', 'scope.table'],
  [['duckdb'], "SELECT current_setting('threads')", 'sql.function'],
  [['duckdb'], "SELECT json_serialize_sql('SELECT 1')", 'sql.function'],
  [['duckdb'], "SELECT * FROM json_execute_serialized_sql('{}')", 'sql.function'],
  [['duckdb'], "SELECT getvariable('x')", 'sql.function'],
  [['duckdb'], 'SELECT count(*) FROM range(10)', 'sql.function'],
  [['postgres'], 'SELECT PG_SLEEP(1)', 'sql.function'],
  [['postgres'], 'SELECT pg_catalog.pg_sleep(1)', 'sql.function'],
  [['postgres'], "SELECT * FROM dblink('host=x', 'select 1') AS t(a int)", 'sql.function'],
  [['postgres'], "SELECT lo_import('/etc/passwd')", 'sql.function'],
  [['postgres'], "SELECT pg_ls_dir('.')", 'sql.function'],
  [['postgres'], "SELECT nextval('s')", 'sql.function'],
  [['postgres'], 'SELECT pg_advisory_lock(1)', 'sql.function'],
  [['postgres'], 'SELECT pg_terminate_backend(1)', 'sql.function'],
  [['postgres'], "SELECT query_to_xml('select * from shift_log', true, true, '')", 'sql.function'],
  [['postgres'], "SELECT current_setting('data_directory')", 'sql.function'],
  [['postgres'], 'SELECT public.my_func(1)', 'sql.function'],
  [['postgres'], 'SELECT * FROM pg_catalog.pg_attribute', 'scope.table'],
  [['postgres'], 'SELECT * FROM pg_class', 'scope.table'],
  [['postgres'], 'SELECT * FROM information_schema.tables', 'scope.table'],
  [['postgres'], 'SELECT * FROM "SHIFT_LOG"', 'scope.table'],
  [['postgres'], 'SET search_path = evil', 'sql.select-only'],
  [['postgres'], 'DO $$ BEGIN PERFORM 1; END $$', 'sql.select-only'],
  [['postgres'], 'PREPARE p AS SELECT 1', 'sql.select-only'],
  [['postgres'], 'NOTIFY ch', 'sql.select-only'],
  [['duckdb', 'postgres'], 'SELECT 1\uff1bDROP TABLE tags', 'sql.unparseable'],
  // both parsers read a lone fullwidth semicolon after a space as a column alias: harmless, allowed
  [['duckdb', 'postgres'], 'SELECT 1 \uff1b', 'allow'],
  [['duckdb', 'postgres'], '', 'sql.unparseable'],
  [['duckdb', 'postgres'], '-- only a comment', 'sql.unparseable'],
  [['duckdb'], 'CALL pragma_version()', 'sql.select-only'],
  [['duckdb'], "SET VARIABLE x = 'a'", 'sql.select-only'],
  [['duckdb'], 'CHECKPOINT', 'sql.select-only'],
  [['duckdb'], 'DETACH historian', 'sql.select-only'],
  [['duckdb'], 'USE memory', 'sql.select-only'],
  [['duckdb'], 'PIVOT samples ON tag_id USING avg(value)', 'sql.single-statement'],
  // allowed: the guard must stay useful
  [['duckdb', 'postgres'], 'SELECT "tag_path" FROM "tags" WHERE tag_id = 1', 'allow'],
  [
    ['duckdb', 'postgres'],
    "SELECT t.tag_path, s.value FROM tags t JOIN samples s ON s.tag_id = t.tag_id WHERE t.description LIKE '%shift_log%' ORDER BY s.ts DESC LIMIT 5",
    'allow',
  ],
  [['duckdb', 'postgres'], "SELECT 'SELECT * FROM shift_log; DROP TABLE tags' AS harmless", 'allow'],
  [['duckdb', 'postgres'], 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r', 'allow'],
  [['duckdb', 'postgres'], 'SELECT tag_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY value) FROM samples GROUP BY tag_id', 'allow'],
  [
    ['duckdb'],
    "SELECT time_bucket(INTERVAL '1 hour', ts) AS h, avg(value) FROM main.samples WHERE tag_id = 1 GROUP BY ALL ORDER BY h",
    'allow',
  ],
  [['duckdb'], 'SELECT arg_max(value, ts) FROM historian.main.samples WHERE tag_id = 2', 'allow'],
  [['duckdb'], 'FROM tags SELECT tag_path', 'allow'],
  [
    ['postgres'],
    "SELECT date_trunc('day', ts) AS d, max(value) FROM public.samples WHERE ts >= now() - interval '90 days' GROUP BY 1 ORDER BY 1",
    'allow',
  ],
  [['postgres'], "SELECT to_char(ts AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD'), extract(hour FROM ts) FROM samples LIMIT 3", 'allow'],
];

describe('own variants of each group', () => {
  const rows = variants.flatMap(([dialects, sql, rule]) => dialects.map((on) => ({ on, sql, rule })));
  it.each(rows)('[$on] $sql -> $rule', async ({ on, sql, rule }) => {
    const decision = await run(on, sql);
    if (rule === 'allow') expect(decision.kind, JSON.stringify(decision)).not.toBe('deny');
    else expect(decision, JSON.stringify(decision)).toMatchObject({ kind: 'deny', rule });
  });
});

describe('reasons a user understands', () => {
  it('names the protected table, why, and the role', async () => {
    for (const on of ['duckdb', 'postgres'] as const) {
      expect(await run(on, 'SELECT * FROM shift_log')).toEqual({
        kind: 'deny',
        rule: 'scope.table',
        reason: 'shift_log holds personal data (operator names and shift notes); your role engineer may not read it',
      });
    }
  });
  it('a supervisor may read the shift log', async () => {
    const decision = await run('duckdb', 'SELECT operator_name FROM shift_log', { id: 'sue', roles: ['supervisor'] });
    expect(decision.kind).not.toBe('deny');
    if (decision.kind !== 'deny') expect(decision.tables).toEqual(['main.shift_log']);
  });
});
