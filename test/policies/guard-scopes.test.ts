// Column scopes, tools, unknown roles/sources, rate limits, row caps and the samples window, with a user policy file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbSqlParser } from '../../connectors/duckdb/duckdb-sql-parser.ts';
import type { SqlParser } from '../../connectors/sql-parser.ts';
import type { Principal } from '../../core/principal.ts';
import { createGuard, type PolicyGuard } from '../../policies/create-guard.ts';
import type { Decision } from '../../policies/decision.ts';
import { createGuardFixture, type GuardFixture } from './guard-fixture.ts';

const POLICY = `version: 1
protected:
  historian:
    shift_log:
      columns:
        operator_name: operator names are personal data
roles:
  analyst:
    tools: [run_sql]
    maxRows: 100
    maxWindowDays: 2
    rateLimitPerMinute: 3
    sources:
      historian:
        tables:
          samples:
          tags: { denyColumns: [description] }
          shift_log: { columns: [ts, site, shift] }
`;

const analyst: Principal = { id: 'ana', roles: ['analyst'] };
let nowMs = Date.parse('2026-10-04T00:00:00Z');
let fixture: GuardFixture;
let parser: SqlParser;
let guard: PolicyGuard;
let dir: string;

beforeAll(async () => {
  fixture = await createGuardFixture();
  parser = await createDuckDbSqlParser();
  dir = mkdtempSync(join(tmpdir(), 'otq-policy-'));
  writeFileSync(join(dir, 'analyst.policy.yaml'), POLICY);
  guard = await createGuard({
    policyFiles: [join(dir, 'analyst.policy.yaml')],
    shipped: true,
    sources: [fixture.duckdb],
    parsers: { duckdb: parser },
    clock: () => nowMs,
  });
});
afterAll(async () => {
  await parser?.close();
  await fixture?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sqlCall = (sql: string, source = 'historian') => ({ tool: 'run_sql', args: { source, sql } });
async function runAllowed(decision: Decision, original: string) {
  if (decision.kind === 'deny') throw new Error(`${decision.rule}: ${decision.reason}`);
  return fixture.connector.query(decision.kind === 'rewrite' ? String(decision.call.args['sql']) : original);
}

describe('column scopes', () => {
  it.each([
    'SELECT * FROM shift_log',
    'SELECT s.* FROM shift_log s',
    'SELECT * FROM (SELECT * FROM shift_log) x',
    'WITH c AS (SELECT * FROM shift_log) SELECT * FROM c',
    "SELECT COLUMNS('.*name.*|note|site') FROM shift_log",
    'SELECT * EXCLUDE (site) FROM shift_log',
  ])('%s never returns the hidden columns', async (sql) => {
    nowMs += 60_000;
    const result = await runAllowed(await guard.check(analyst, sqlCall(sql)), sql);
    const names = result.columns.map((c) => c.name);
    expect(result.rows.length).toBeGreaterThan(0);
    expect(names).not.toContain('operator_name');
    expect(names).not.toContain('note');
    expect(JSON.stringify(result.rows)).not.toContain('A. Operator');
  });

  it.each([
    ['SELECT operator_name FROM shift_log', 'operator names are personal data; your role analyst may not read shift_log.operator_name'],
    [
      'SELECT x.operator_name FROM (SELECT * FROM shift_log) x',
      'operator names are personal data; your role analyst may not read shift_log.operator_name',
    ],
    [
      'SELECT count(*) FROM shift_log WHERE "OPERATOR_NAME" LIKE \'A%\'',
      'operator names are personal data; your role analyst may not read shift_log.operator_name',
    ],
    ['SELECT t.description FROM tags t', 'the column tags.description is not granted to your role analyst'],
  ])('%s is denied with a reason', async (sql, reason) => {
    expect(await guard.check(analyst, sqlCall(sql))).toEqual({ kind: 'deny', rule: 'scope.column', reason });
  });

  it('the catalog shows only granted tables and visible columns', () => {
    const filtered = guard.filterDescription(analyst, fixture.duckdb);
    expect(filtered.tables.map((t) => t.name).sort()).toEqual(['samples', 'shift_log', 'tags']);
    expect(filtered.tables.find((t) => t.name === 'shift_log')!.columns.map((c) => c.name)).toEqual(['ts', 'site', 'shift']);
    const engineerView = guard.filterDescription({ id: 'e', roles: ['engineer'] }, fixture.duckdb);
    expect(engineerView.tables.map((t) => t.name)).not.toContain('shift_log');
    expect(guard.filterDescription({ id: 'x', roles: ['nobody'] }, fixture.duckdb).tables).toEqual([]);
  });
});

describe('tools, roles and sources fail closed', () => {
  it.each<[Principal, string, Record<string, unknown>, string]>([
    [{ id: 'a', roles: ['auditor'] }, 'run_sql', { source: 'historian', sql: 'SELECT 1' }, 'tool.not-granted'],
    [{ id: 'e', roles: ['engineer'] }, 'audit_read', {}, 'tool.not-granted'],
    [{ id: 'e', roles: ['engineer'] }, 'format_disk', {}, 'tool.not-granted'],
    [{ id: 'x', roles: ['admin'] }, 'run_sql', { source: 'historian', sql: 'SELECT 1' }, 'role.unknown'],
    [{ id: 'x', roles: ['engineer', 'typo'] }, 'search_catalog', {}, 'role.unknown'],
    [{ id: 'x', roles: [] }, 'search_catalog', {}, 'role.unknown'],
    [{ id: 'e', roles: ['engineer'] }, 'run_sql', { source: 'erp', sql: 'SELECT 1' }, 'source.not-granted'],
    [{ id: 'e', roles: ['engineer'] }, 'run_sql', { source: 'historian' }, 'tool.bad-args'],
  ])('%j calling %s -> %s', async (principal, tool, args, rule) => {
    const decision = await guard.check(principal, { tool, args });
    expect(decision).toMatchObject({ kind: 'deny', rule });
  });

  it('grants the tools a role lists', async () => {
    expect(await guard.check({ id: 'a', roles: ['auditor'] }, { tool: 'audit_read', args: {} })).toEqual({ kind: 'allow' });
    expect(await guard.check({ id: 'e', roles: ['engineer'] }, { tool: 'describe_table', args: { table: 'tags' } })).toEqual({
      kind: 'allow',
    });
  });
});

describe('limits', () => {
  it('rate limit per principal, on the injected clock', async () => {
    nowMs += 120_000;
    const who: Principal = { id: 'rita', roles: ['analyst'] };
    for (let i = 0; i < 3; i++) expect((await guard.check(who, sqlCall('SELECT 1 AS x LIMIT 1'))).kind).toBe('allow');
    const denied = await guard.check(who, sqlCall('SELECT 1 AS x LIMIT 1'));
    expect(denied).toEqual({
      kind: 'deny',
      rule: 'rate.limit',
      reason: 'your role analyst may run 3 queries per minute; wait a minute and ask again',
    });
    expect((await guard.check({ id: 'other', roles: ['analyst'] }, sqlCall('SELECT 1 AS x LIMIT 1'))).kind).toBe('allow');
    nowMs += 60_001;
    expect((await guard.check(who, sqlCall('SELECT 1 AS x LIMIT 1'))).kind).toBe('allow');
  });

  it('adds or lowers LIMIT to the role maximum and keeps smaller ones', async () => {
    nowMs += 120_000;
    const lowered = await guard.check(analyst, sqlCall('SELECT tag_path FROM tags ORDER BY 1 LIMIT 5000'));
    expect(lowered).toMatchObject({ kind: 'rewrite', reason: expect.stringContaining('the query was limited to 100 rows') });
    const kept = await guard.check(analyst, sqlCall('SELECT 1 AS x LIMIT 7'));
    expect(kept).toEqual({ kind: 'allow', tables: [] });
  });

  it('samples older than the role window are not visible', async () => {
    nowMs = Date.parse('2026-10-04T00:00:00Z') + 10 * 60_000;
    const decision = await guard.check({ id: 'win', roles: ['analyst'] }, sqlCall('SELECT min(ts) AS first, count(*) AS n FROM samples'));
    expect(decision).toMatchObject({ kind: 'rewrite', reason: expect.stringContaining('2-day window') });
    const result = await runAllowed(decision, '');
    expect(new Date(String(result.rows[0]![0])).getTime()).toBeGreaterThanOrEqual(Date.parse('2026-10-02T00:10:00Z'));
  });
});

describe('a statement that keeps its own time range inside the window is not filtered again', () => {
  // analyst: 2-day window; at 2026-10-04 00:10 the window starts at 2026-10-03 00:00 (rounded up to a UTC midnight).
  const at = Date.parse('2026-10-04T00:10:00Z');
  let n = 0;
  const check = (sql: string) => {
    nowMs = at;
    return guard.check({ id: `bounded-${n++}`, roles: ['analyst'] }, sqlCall(sql));
  };
  const firstTs = async (decision: Decision) => new Date(String((await runAllowed(decision, '')).rows[0]![0])).getTime();

  it.each([
    ['a lower bound', "SELECT min(ts), count(*) FROM samples WHERE tag_id = 1 AND ts >= TIMESTAMPTZ '2026-10-03 06:00:00+00'"],
    [
      'BETWEEN with bare strings',
      "SELECT min(ts), count(*) FROM samples WHERE ts BETWEEN '2026-10-03T00:00:00Z' AND '2026-10-03T12:00:00Z'",
    ],
    ['a reversed comparison on an alias', "SELECT min(s.ts), count(*) FROM samples s WHERE TIMESTAMPTZ '2026-10-03 00:00:00Z' < s.ts"],
    [
      'a select-list alias named like the column',
      "SELECT min(ts), count(*) FROM (SELECT ts - INTERVAL 9 DAY AS ts FROM samples WHERE ts > '2026-10-03 03:00:00+02:00')",
    ],
    [
      'NOT (ts < literal), which DuckDB reads as ts >= literal',
      "SELECT min(ts), count(*) FROM samples WHERE NOT (ts < TIMESTAMPTZ '2026-10-03 00:00:00+00')",
    ],
    [
      'a bound on a joined table, qualified',
      "SELECT min(s.ts), count(*) FROM samples s LEFT JOIN samples s2 ON s2.tag_id = s.tag_id AND s2.ts = s.ts WHERE s.ts >= TIMESTAMPTZ '2026-10-03 00:00:00+00' AND s2.ts >= '2026-10-03T06:00:00Z'",
    ],
  ])('%s: no window filter, the same rows as the statement alone', async (_name, sql) => {
    const decision = await check(sql);
    expect(decision).toMatchObject({ kind: 'rewrite', rule: 'rows.limit' });
    if (decision.kind !== 'rewrite') return;
    expect(decision.reason).not.toContain('window');
    const rewritten = String(decision.call.args['sql']);
    expect(rewritten).not.toContain('2026-10-03 00:00:00.000+00');
    expect((await fixture.connector.query(rewritten)).rows).toEqual((await fixture.connector.query(sql)).rows);
  });

  it.each([
    ['a bound before the window', "SELECT min(ts) FROM samples WHERE ts >= TIMESTAMPTZ '2026-10-01 00:00:00+00'"],
    ['a bound under OR', "SELECT min(ts) FROM samples WHERE ts >= TIMESTAMPTZ '2026-10-03 00:00:00+00' OR tag_id = 2"],
    ['a literal without an offset (read in the session time zone)', "SELECT min(ts) FROM samples WHERE ts >= '2026-10-03 06:00:00'"],
    ['a plain TIMESTAMP on a zoned column', "SELECT min(ts) FROM samples WHERE ts >= TIMESTAMP '2026-10-03 06:00:00'"],
    [
      'a join with a bare column',
      "SELECT min(s.ts) FROM samples s JOIN tags t USING (tag_id) WHERE ts >= TIMESTAMPTZ '2026-10-03 00:00:00+00'",
    ],
    [
      'the unbounded side of a self-join',
      "SELECT min(s2.ts) FROM samples s JOIN samples s2 ON s2.tag_id = s.tag_id AND s2.ts < s.ts WHERE s.ts >= TIMESTAMPTZ '2026-10-03 12:00:00+00'",
    ],
    [
      'a positional join (rows paired by position)',
      "SELECT min(s.ts) FROM tags t POSITIONAL JOIN samples s WHERE s.ts >= TIMESTAMPTZ '2026-10-03 00:00:00+00'",
    ],
    [
      'a table sample (taken before WHERE)',
      "SELECT min(ts) FROM samples TABLESAMPLE 100% WHERE ts >= TIMESTAMPTZ '2026-10-03 00:00:00+00'",
    ],
    ['USING SAMPLE (taken before WHERE)', "SELECT min(ts) FROM samples WHERE ts >= TIMESTAMPTZ '2026-10-03 00:00:00+00' USING SAMPLE 100%"],
    [
      'a bound on the subquery only',
      "SELECT min(ts) FROM samples WHERE tag_id IN (SELECT tag_id FROM samples WHERE ts >= TIMESTAMPTZ '2026-10-03 00:00:00Z')",
    ],
    [
      'one bounded branch of a UNION',
      "SELECT min(ts) FROM (SELECT ts FROM samples WHERE ts >= '2026-10-03T00:00:00Z' UNION ALL SELECT ts FROM samples)",
    ],
    [
      'a qualifier naming the outer table',
      "SELECT min(ts) FROM samples WHERE tag_id IN (SELECT tag_id FROM samples i WHERE samples.ts >= '2026-10-03T00:00:00Z')",
    ],
  ])('%s: the window still applies', async (_name, sql) => {
    const decision = await check(sql);
    expect(decision).toMatchObject({ kind: 'rewrite', reason: expect.stringContaining('2-day window') });
    expect(await firstTs(decision)).toBeGreaterThanOrEqual(Date.parse('2026-10-03T00:00:00Z'));
  });

  it('a literal the guard cannot read exactly proves nothing', async () => {
    for (const literal of ["'2026-02-30 00:00:00Z'", "'2026-10-03 00:00:00+16'", "'epoch'", "'2026-10-03T00:00:00Z '"])
      expect(await check(`SELECT min(ts) FROM samples WHERE ts >= ${literal}`)).toMatchObject({
        kind: 'rewrite',
        reason: expect.stringContaining('2-day window'),
      });
  });

  it('column aliases on the table prove nothing (they rename columns by position)', async () => {
    const analysis = await parser.analyze("SELECT * FROM samples AS s(a, b) WHERE ts >= TIMESTAMPTZ '2026-10-03 00:00:00+00'");
    expect(analysis.ok && analysis.tables[0]?.lowerBounds).toBeFalsy();
    const plain = await parser.analyze("SELECT * FROM samples AS s WHERE ts >= TIMESTAMPTZ '2026-10-03 00:00:00+00'");
    expect(plain.ok && plain.tables[0]?.lowerBounds).toEqual([{ column: 'ts', literal: '2026-10-03 00:00:00+00', type: 'timestamptz' }]);
  });
});
