// Row filters hold: an operator-bps03 principal sees only BPS03 rows through joins, subqueries, CTEs, UNION, windows and SELECT *.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../connectors/connector.ts';
import { createDuckDbSqlParser } from '../../connectors/duckdb/duckdb-sql-parser.ts';
import { createPgSqlParser } from '../../connectors/postgres/pg-sql-parser.ts';
import type { SqlParser } from '../../connectors/sql-parser.ts';
import type { Principal } from '../../core/principal.ts';
import { createGuard, type PolicyGuard } from '../../policies/create-guard.ts';
import { createGuardFixture, type GuardFixture } from './guard-fixture.ts';

const operator: Principal = { id: 'otto', roles: ['operator-bps03'] };
const BPS03_TAGS = [1, 2];
const BPS03_SAMPLES = 2 * 60 * 24 * 3;
let fixture: GuardFixture;
let duckParser: SqlParser;
let pgParser: SqlParser;
let guard: PolicyGuard;
let pgGuard: PolicyGuard;

beforeAll(async () => {
  fixture = await createGuardFixture();
  duckParser = await createDuckDbSqlParser();
  pgParser = await createPgSqlParser();
  const parsers = { duckdb: duckParser, postgres: pgParser };
  const clock = () => Date.parse('2026-10-05T00:00:00Z');
  guard = await createGuard({ policyFiles: [], shipped: true, sources: [fixture.duckdb], parsers, clock });
  pgGuard = await createGuard({ policyFiles: [], shipped: true, sources: [fixture.postgres], parsers, clock });
});
afterAll(async () => {
  await duckParser?.close();
  await fixture?.close();
});

/** Runs SQL as the operator through the guard and then the real connector; returns the rows. */
async function asOperator(sql: string): Promise<Cell[][]> {
  const decision = await guard.check(operator, { tool: 'run_sql', args: { source: 'historian', sql } });
  expect(decision.kind, JSON.stringify(decision)).toBe('rewrite');
  if (decision.kind !== 'rewrite') return [];
  expect(decision.reason).toContain('operator-bps03');
  const result = await fixture.connector.query(String(decision.call.args['sql']));
  return result.rows;
}

const column = (rows: Cell[][], i = 0) => [...new Set(rows.map((r) => r[i]))].sort();

describe('operator-bps03 sees only BPS03 rows (rewritten SQL run on a real DuckDB file)', () => {
  const cases: [string, string, (rows: Cell[][]) => void][] = [
    ['SELECT *', 'SELECT * FROM samples', (rows) => expect(column(rows, 1)).toEqual(BPS03_TAGS)],
    ['count', 'SELECT count(*) FROM samples', (rows) => expect(Number(rows[0]![0])).toBe(BPS03_SAMPLES)],
    ['asking for another site', 'SELECT count(*) FROM samples WHERE tag_id IN (3, 4)', (rows) => expect(Number(rows[0]![0])).toBe(0)],
    [
      'join',
      'SELECT DISTINCT t.tag_path, a.site FROM samples s JOIN tags t ON t.tag_id = s.tag_id JOIN assets a ON a.asset_id = t.asset_id',
      (rows) => expect(column(rows, 1)).toEqual(['BPS03']),
    ],
    [
      'subquery in WHERE',
      'SELECT DISTINCT tag_id FROM tags WHERE tag_id IN (SELECT tag_id FROM samples)',
      (rows) => expect(column(rows)).toEqual(BPS03_TAGS),
    ],
    [
      'subquery in the select list',
      'SELECT (SELECT count(*) FROM tags) AS n, (SELECT count(DISTINCT site) FROM assets) AS sites',
      (rows) => expect(rows[0]!.map(Number)).toEqual([2, 1]),
    ],
    [
      'correlated subquery',
      'SELECT t.tag_path, (SELECT max(value) FROM samples s WHERE s.tag_id = t.tag_id) FROM tags t',
      (rows) => expect(column(rows)).toEqual(['BPS03/P02/DischargePressure', 'BPS03/P02/Flow']),
    ],
    [
      'CTE',
      'WITH x AS (SELECT * FROM samples), y AS (SELECT tag_id FROM x) SELECT DISTINCT tag_id FROM y',
      (rows) => expect(column(rows)).toEqual(BPS03_TAGS),
    ],
    [
      'UNION',
      'SELECT site FROM assets UNION SELECT tag_path FROM tags UNION SELECT message FROM alarm_events',
      (rows) => expect(column(rows)).toEqual(['BPS03', 'BPS03 discharge pressure low', 'BPS03/P02/DischargePressure', 'BPS03/P02/Flow']),
    ],
    [
      'window function',
      'SELECT DISTINCT tag_id, count(*) OVER () AS n FROM samples',
      (rows) => {
        expect(column(rows)).toEqual(BPS03_TAGS);
        expect(Number(rows[0]![1])).toBe(BPS03_SAMPLES);
      },
    ],
    [
      'qualified and quoted names',
      'SELECT DISTINCT a.site FROM main.assets a UNION ALL SELECT site FROM historian.main."ASSETS" UNION ALL SELECT site FROM "Assets"',
      (rows) => expect(column(rows)).toEqual(['BPS03']),
    ],
    [
      'nested derived tables',
      'SELECT DISTINCT site FROM (SELECT * FROM (SELECT * FROM assets) a1) a2',
      (rows) => expect(column(rows)).toEqual(['BPS03']),
    ],
    ['alarms', 'SELECT * FROM alarm_events', (rows) => expect(rows.map((r) => r[5])).toEqual(['BPS03 discharge pressure low'])],
    [
      'LATERAL',
      'SELECT t.tag_id, l.n FROM tags t, LATERAL (SELECT count(*) AS n FROM samples s WHERE s.tag_id = t.tag_id) l',
      (rows) => expect(column(rows)).toEqual(BPS03_TAGS),
    ],
  ];
  it.each(cases)('%s', async (_name, sql, check) => check(await asOperator(sql)));

  it('caps the answer at the role maximum and says so', async () => {
    const decision = await guard.check(operator, {
      tool: 'run_sql',
      args: { source: 'historian', sql: 'SELECT * FROM samples LIMIT 100000' },
    });
    expect(decision.kind).toBe('rewrite');
    if (decision.kind === 'rewrite') {
      expect(decision.reason).toContain('the query was limited to 5,000 rows');
      expect((await fixture.connector.query(String(decision.call.args['sql']))).rows).toHaveLength(5000);
    }
  });

  it('the operator cannot read the shift log or the telemetry source', async () => {
    expect(await guard.check(operator, { tool: 'run_sql', args: { source: 'historian', sql: 'SELECT * FROM shift_log' } })).toMatchObject({
      kind: 'deny',
      rule: 'scope.table',
    });
    expect(await guard.check(operator, { tool: 'run_sql', args: { source: 'telemetry', sql: 'SELECT 1' } })).toMatchObject({
      kind: 'deny',
      rule: 'source.not-granted',
    });
  });

  it('an engineer reads every site, unfiltered', async () => {
    const decision = await guard.check(
      { id: 'eve', roles: ['engineer'] },
      { tool: 'run_sql', args: { source: 'historian', sql: 'SELECT count(DISTINCT site) FROM assets' } },
    );
    if (decision.kind === 'deny') throw new Error(decision.reason);
    const sql = decision.kind === 'rewrite' ? String(decision.call.args['sql']) : 'SELECT count(DISTINCT site) FROM assets';
    expect(Number((await fixture.connector.query(sql)).rows[0]![0])).toBe(3);
  });
});

describe('DuckDB rewrites made as text around the statement still filter every row', () => {
  // The guard adds the row filters as CTEs in front of the statement and the row cap behind it when that is sound,
  // and rewrites the parse tree otherwise. Each case runs on the real file and must see BPS03 rows only.
  const asText = /^WITH "(samples|tags|assets)" AS NOT MATERIALIZED \(/;
  const tagIds = (rows: Cell[][]) => expect(column(rows)).toEqual(BPS03_TAGS);
  const cases: [string, string, 'text' | 'tree', (rows: Cell[][]) => void][] = [
    ['a trailing semicolon', 'SELECT DISTINCT tag_id FROM samples ;  ', 'text', tagIds],
    ['a trailing line comment', 'SELECT DISTINCT tag_id FROM samples -- all of them', 'text', tagIds],
    ['a trailing line comment before the row cap', 'SELECT * FROM samples -- every row', 'text', (rows) => expect(rows).toHaveLength(5000)],
    ['a trailing block comment and semicolon', 'SELECT DISTINCT tag_id FROM samples /* x; */;', 'tree', tagIds],
    ['TABLE shorthand', 'TABLE samples', 'text', (rows) => expect(column(rows, 1)).toEqual(BPS03_TAGS)],
    ['FROM first', 'FROM samples SELECT DISTINCT tag_id', 'text', tagIds],
    ['upper-case quoted name', 'SELECT DISTINCT tag_id FROM "SAMPLES"', 'text', tagIds],
    [
      'a nested WITH inside a subquery',
      'SELECT * FROM (WITH s AS (SELECT tag_id FROM Samples) SELECT DISTINCT tag_id FROM s)',
      'text',
      tagIds,
    ],
    ['an ORDER BY over a UNION', 'SELECT tag_id FROM samples UNION SELECT tag_id FROM samples ORDER BY 1', 'text', tagIds],
    ['its own WITH', 'WITH s AS (SELECT tag_id FROM samples) SELECT DISTINCT tag_id FROM s', 'tree', tagIds],
    ['a semicolon inside a string', "SELECT DISTINCT tag_id FROM samples WHERE ';' <> 'x'", 'tree', tagIds],
    ['an OFFSET of its own', 'SELECT DISTINCT tag_id FROM samples ORDER BY 1 OFFSET 0', 'tree', tagIds],
    ['LIMIT ALL', 'SELECT DISTINCT tag_id FROM samples ORDER BY 1 LIMIT ALL', 'tree', tagIds],
    ['a schema-qualified reference', 'SELECT DISTINCT tag_id FROM main.samples', 'tree', tagIds],
  ];
  it.each(cases)('%s', async (_name, sql, route, check) => {
    const decision = await guard.check(operator, { tool: 'run_sql', args: { source: 'historian', sql } });
    if (decision.kind !== 'rewrite') throw new Error(`expected a rewrite: ${JSON.stringify(decision)}`);
    const rewritten = String(decision.call.args['sql']);
    expect(asText.test(rewritten), rewritten).toBe(route === 'text');
    check((await fixture.connector.query(rewritten)).rows);
  });
});

describe('a row filter reads the tables themselves, never the filtered form another filter gives them', () => {
  // samples hides the tags that tags hides (NOT IN): were the filtered tags visible to the samples filter, NOT IN
  // would see no hidden tag and let all their rows through.
  const POLICY = `version: 1
roles:
  no-chlorine:
    tools: [run_sql]
    sources:
      historian:
        tables:
          tags: { rowFilter: "measurement <> 'chlorine'" }
          samples: { rowFilter: "tag_id NOT IN (SELECT tag_id FROM tags WHERE measurement = 'chlorine')" }
`;
  let dir: string;
  let custom: PolicyGuard;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'otq-filters-'));
    writeFileSync(join(dir, 'no-chlorine.policy.yaml'), POLICY);
    custom = await createGuard({
      policyFiles: [join(dir, 'no-chlorine.policy.yaml')],
      shipped: false,
      sources: [fixture.duckdb],
      parsers: { duckdb: duckParser },
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    'SELECT DISTINCT s.tag_id FROM tags t JOIN samples s USING (tag_id) UNION SELECT tag_id FROM samples',
    'SELECT DISTINCT tag_id FROM samples WHERE tag_id NOT IN (SELECT tag_id FROM tags WHERE false)',
    'SELECT DISTINCT tag_id FROM samples',
  ])('%s', async (sql) => {
    const decision = await custom.check({ id: 'nc', roles: ['no-chlorine'] }, { tool: 'run_sql', args: { source: 'historian', sql } });
    if (decision.kind !== 'rewrite') throw new Error(`expected a rewrite: ${JSON.stringify(decision)}`);
    const rows = (await fixture.connector.query(String(decision.call.args['sql']))).rows;
    expect(column(rows)).toEqual([1, 2, 3]);
  });
});

describe('a NUL character in the SQL text', () => {
  it('is refused: DuckDB reads the text only up to it, so a row cap appended after it would be cut off', async () => {
    for (const guarded of [guard, pgGuard])
      expect(
        await guarded.check(operator, { tool: 'run_sql', args: { source: 'historian', sql: 'SELECT * FROM samples\u0000 LIMIT 1' } }),
      ).toMatchObject({ kind: 'deny', rule: 'sql.unparseable', reason: expect.stringContaining('NUL character') });
  });
});

describe('a table that only the second opinion sees', () => {
  it('is refused when it needs a filter, since the rewrite could not reach it', async () => {
    // A parser whose second opinion (getTableNames) names samples, which the parse tree does not show.
    const seeing: SqlParser = {
      dialect: 'duckdb',
      analyze: async (sql) => {
        const analysis = await duckParser.analyze(sql);
        return analysis.ok
          ? { ...analysis, tablesSecondOpinion: [...(analysis.tablesSecondOpinion ?? []), { name: 'samples' }] }
          : analysis;
      },
      rewrite: (sql, plan) => duckParser.rewrite(sql, plan),
      close: () => Promise.resolve(),
    };
    const clock = () => Date.parse('2026-10-05T00:00:00Z');
    const guarded = await createGuard({ policyFiles: [], shipped: true, sources: [fixture.duckdb], parsers: { duckdb: seeing }, clock });
    const call = { tool: 'run_sql', args: { source: 'historian', sql: 'SELECT count(*) FROM assets' } };
    expect(await guarded.check(operator, call)).toMatchObject({
      kind: 'deny',
      rule: 'sql.unsupported',
      reason: expect.stringContaining('the query reads samples in a way the policy guard cannot filter'),
    });
    // The engineer's time window on samples is a filter too.
    const engineer = await guarded.check({ id: 'eve', roles: ['engineer'] }, call);
    expect(engineer).toMatchObject({ kind: 'deny', rule: 'sql.unsupported' });
  });
});

describe('PostgreSQL dialect: a statement bounded inside the window gets the row filter but not the window again', () => {
  // operator-bps03 has a 31-day window: at 2026-10-05 it starts at 2026-09-04.
  const rewritten = async (sql: string) => {
    const decision = await pgGuard.check(operator, { tool: 'run_sql', args: { source: 'historian', sql } });
    if (decision.kind !== 'rewrite') throw new Error(`expected a rewrite: ${JSON.stringify(decision)}`);
    return { sql: String(decision.call.args['sql']), reason: decision.reason };
  };
  it.each([
    "SELECT max(value) FROM samples WHERE ts >= TIMESTAMPTZ '2026-10-01 00:00:00+00'",
    "SELECT max(s.value) FROM public.samples s WHERE CAST('2026-10-01T00:00:00Z' AS timestamp with time zone) <= s.ts",
    "SELECT max(value) FROM samples WHERE ts BETWEEN '2026-10-01 00:00:00+00' AND '2026-10-02 00:00:00+00' AND tag_id = 1",
    "SELECT max(s.value) FROM samples s, tags t WHERE s.ts >= TIMESTAMPTZ '2026-10-01 00:00:00+00'",
    "SELECT max(s.value) FROM tags t LEFT JOIN samples s USING (tag_id) WHERE s.ts >= TIMESTAMPTZ '2026-10-01 00:00:00+00'",
  ])('%s', async (sql) => {
    const result = await rewritten(sql);
    expect(result.sql).toContain(`site = 'BPS03'`);
    expect(result.sql).not.toContain('2026-09-04');
    expect(result.reason).not.toContain('window');
  });
  it.each([
    "SELECT max(value) FROM samples WHERE ts >= TIMESTAMPTZ '2026-08-01 00:00:00+00'",
    "SELECT max(value) FROM samples WHERE ts >= '2026-10-01'",
    "SELECT max(value) FROM samples WHERE ts >= TIMESTAMPTZ '2026-10-01 00:00:00+00' OR tag_id = 3",
    "SELECT max(s.value) FROM samples s, tags t WHERE ts >= TIMESTAMPTZ '2026-10-01 00:00:00+00'",
    "SELECT max(value) FROM samples TABLESAMPLE SYSTEM (100) WHERE ts >= TIMESTAMPTZ '2026-10-01 00:00:00+00'",
    "SELECT max(value) FROM samples s WHERE ts OPERATOR(myschema.>=) TIMESTAMPTZ '2026-10-01 00:00:00+00'",
  ])('the window stays: %s', async (sql) => {
    const result = await rewritten(sql);
    expect(result.sql).toContain('2026-09-04');
    expect(result.reason).toContain('31-day window');
  });
  it('a user type that looks like timestamptz is refused as a type, not read as a bound', async () => {
    const sql = "SELECT max(value) FROM samples WHERE ts >= '2026-10-01 00:00:00+00'::myschema.timestamptz";
    const decision = await pgGuard.check(operator, { tool: 'run_sql', args: { source: 'historian', sql } });
    expect(decision).toMatchObject({ kind: 'deny', rule: 'sql.type' });
  });
});

describe('PostgreSQL dialect: the same filters are spliced in and the result still parses as one SELECT', () => {
  it.each([
    'SELECT * FROM samples s JOIN tags t USING (tag_id)',
    'WITH x AS (SELECT * FROM samples) SELECT count(*) FROM x UNION ALL SELECT count(*) FROM ONLY public.assets',
    "SELECT site, 'é' FROM assets a WHERE a.asset_id IN (SELECT asset_id FROM tags) -- trailing comment",
  ])('%s', async (sql) => {
    const decision = await pgGuard.check(operator, { tool: 'run_sql', args: { source: 'historian', sql } });
    expect(decision.kind, JSON.stringify(decision)).toBe('rewrite');
    if (decision.kind !== 'rewrite') return;
    const rewritten = String(decision.call.args['sql']);
    const analysis = await pgParser.analyze(rewritten);
    expect(analysis).toMatchObject({ ok: true, statementCount: 1, isSelect: true, limit: 5000 });
    expect(rewritten).toContain(`site = 'BPS03'`);
    if (!analysis.ok) return;
    expect(analysis.tables.length).toBeGreaterThan(0);
    expect(analysis.tables.filter((t) => t.schema !== 'public' && !['assets', 'tags'].includes(t.name))).toEqual([]);
  });
});
