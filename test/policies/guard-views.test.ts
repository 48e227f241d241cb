// Views show what they read: a view is granted only when its reader may read everything under it in full.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceDescription } from '../../connectors/connector.ts';
import { createDuckDbSqlParser } from '../../connectors/duckdb/duckdb-sql-parser.ts';
import type { SqlParser } from '../../connectors/sql-parser.ts';
import type { Principal } from '../../core/principal.ts';
import { createGuard, type PolicyGuard } from '../../policies/create-guard.ts';
import { createGuardFixture, type GuardFixture } from './guard-fixture.ts';

const VIEWS = `
CREATE VIEW shift_notes AS SELECT ts, note FROM shift_log;
CREATE VIEW notes_again AS SELECT note FROM shift_notes;
CREATE VIEW asset_sites AS SELECT asset_id, site FROM assets;
CREATE VIEW every_sample AS SELECT * FROM samples;
CREATE VIEW numbers AS SELECT n FROM range(3) t(n);
`;

let fixture: GuardFixture;
let parser: SqlParser;
let guard: PolicyGuard;
const engineer: Principal = { id: 'eve', roles: ['engineer'] };
const supervisor: Principal = { id: 'sue', roles: ['supervisor'] };
const operator: Principal = { id: 'otto', roles: ['operator-bps03'] };

beforeAll(async () => {
  fixture = await createGuardFixture(VIEWS);
  parser = await createDuckDbSqlParser();
  guard = await createGuard({
    policyFiles: [],
    shipped: true,
    sources: [fixture.duckdb],
    parsers: { duckdb: parser },
    clock: () => Date.parse('2026-10-05T00:00:00Z'),
  });
});
afterAll(async () => {
  await parser?.close();
  await fixture?.close();
});

const ask = (who: Principal, sql: string) => guard.check(who, { tool: 'run_sql', args: { source: 'historian', sql } });
const view = (name: string) => fixture.duckdb.tables.find((t) => t.name === name);

describe('the DuckDB connector lists what each view reads, from the engine plan', () => {
  it('base tables through nested views, nothing for generated rows, nothing for tables', () => {
    expect(view('shift_notes')?.reads).toEqual([{ schema: 'main', name: 'shift_log' }]);
    expect(view('notes_again')?.reads).toEqual([{ schema: 'main', name: 'shift_log' }]);
    expect(view('numbers')?.reads).toEqual([]);
    expect(view('assets')?.reads).toBeUndefined();
  });
});

describe('a view is refused when it reads what the principal may not read in full', () => {
  it.each([
    [engineer, 'SELECT note FROM shift_notes', 'the view shift_notes reads shift_log, which your role may not read'],
    [engineer, 'SELECT * FROM notes_again', 'the view notes_again reads shift_log, which your role may not read'],
    [engineer, 'SELECT count(*) FROM every_sample', 'reads samples, which your role may only read within its time window'],
    [operator, 'SELECT * FROM tags t JOIN samples s USING (tag_id) WHERE t.tag_id IN (SELECT 1 FROM every_sample)', 'not granted'],
  ])('%o: %s', async (who, sql, reason) => {
    expect(await ask(who, sql)).toMatchObject({ kind: 'deny', reason: expect.stringContaining(reason) });
  });

  it('a role with a row filter on the table may not read it through a view, and is told to query the table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otq-views-'));
    writeFileSync(
      join(dir, 'site.policy.yaml'),
      `version: 1
roles:
  bps03-reader:
    tools: [run_sql]
    sources:
      historian:
        tables: '*'
        exceptTables: [shift_log]
  bps03-filtered:
    tools: [run_sql]
    sources:
      historian:
        tables:
          assets: { rowFilter: "site = 'BPS03'" }
          asset_sites:
          tags: { denyColumns: [description] }
`,
    );
    try {
      const custom = await createGuard({
        policyFiles: [join(dir, 'site.policy.yaml')],
        shipped: false,
        sources: [fixture.duckdb],
        parsers: { duckdb: parser },
      });
      expect(await custom.check({ id: 'f', roles: ['bps03-filtered'] }, sqlCall('SELECT * FROM asset_sites'))).toMatchObject({
        kind: 'deny',
        rule: 'scope.view',
        reason: 'the view asset_sites reads assets, of which your role may only see some rows; query assets itself',
      });
      const reader = await custom.check({ id: 'r', roles: ['bps03-reader'] }, sqlCall('SELECT count(*) FROM asset_sites'));
      expect(reader.kind).not.toBe('deny');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a view whose reads the connector could not determine is refused (fail closed)', async () => {
    const unknown: SourceDescription = {
      ...fixture.duckdb,
      tables: fixture.duckdb.tables.map(({ reads, ...t }) => (t.name === 'numbers' ? t : { ...t, ...(reads ? { reads } : {}) })),
    };
    const blind = await createGuard({ policyFiles: [], shipped: true, sources: [unknown], parsers: { duckdb: parser } });
    expect(await blind.check(engineer, sqlCall('SELECT * FROM numbers'))).toMatchObject({
      kind: 'deny',
      rule: 'scope.view',
      reason: expect.stringContaining('what the view numbers reads could not be determined'),
    });
  });
});

describe('views over what the principal reads in full stay usable', () => {
  it.each([
    [engineer, 'SELECT DISTINCT site FROM asset_sites ORDER BY 1', [['BPS01'], ['BPS03'], ['WTP01']]],
    [engineer, 'SELECT sum(n) FROM numbers', [[3]]],
    [supervisor, 'SELECT note FROM notes_again', [['Checked P02 seal']]],
  ])('%o: %s', async (who, sql, rows) => {
    const decision = await ask(who, sql);
    if (decision.kind === 'deny') throw new Error(decision.reason);
    const run = decision.kind === 'rewrite' ? String(decision.call.args['sql']) : sql;
    expect((await fixture.connector.query(run)).rows.map((r) => r.map((c) => (typeof c === 'string' ? c : Number(c))))).toEqual(rows);
  });

  it('the catalog an engineer sees lists the usable views and leaves out the refused ones', () => {
    const names = guard.filterDescription(engineer, fixture.duckdb).tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['asset_sites', 'numbers']));
    expect(names).not.toEqual(expect.arrayContaining(['shift_notes']));
    expect(names.filter((n) => ['shift_notes', 'notes_again', 'every_sample'].includes(n))).toEqual([]);
  });
});

function sqlCall(sql: string) {
  return { tool: 'run_sql', args: { source: 'historian', sql } };
}
