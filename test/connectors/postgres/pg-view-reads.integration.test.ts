// PostgreSQL views: describe() lists what each view reads (pg_depend), and the guard refuses a view over the shift log.
// The reader role may read the shift log here (supervisors need it); the policy keeps it from engineers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector, SourceDescription } from '../../../connectors/connector.ts';
import { createPgSqlParser } from '../../../connectors/postgres/pg-sql-parser.ts';
import { createPostgresConnector } from '../../../connectors/postgres/postgres-connector.ts';
import type { SqlParser } from '../../../connectors/sql-parser.ts';
import { createDuckDbSqlParser } from '../../../connectors/duckdb/duckdb-sql-parser.ts';
import { createGuard } from '../../../policies/create-guard.ts';
import { adminQuery, createPgFixture, type PgFixture } from './pg-fixture.ts';

let fixture: PgFixture;
let connector: Connector;
let description: SourceDescription;
let parsers: { duckdb: SqlParser; postgres: SqlParser };

beforeAll(async () => {
  fixture = await createPgFixture(1);
  await adminQuery(
    fixture.database,
    `CREATE VIEW historian.shift_notes AS SELECT ts, note FROM historian.shift_log;
     CREATE VIEW historian.notes_again AS SELECT note FROM historian.shift_notes;
     CREATE VIEW historian.tag_units AS SELECT tag_id, unit FROM historian.tags;
     GRANT SELECT ON historian.shift_log, historian.shift_notes, historian.notes_again, historian.tag_units TO ${fixture.role};`,
  );
  connector = await createPostgresConnector('plant', fixture.source, fixture.env);
  description = await connector.describe();
  parsers = { duckdb: await createDuckDbSqlParser(), postgres: await createPgSqlParser() };
});

afterAll(async () => {
  await connector?.close();
  await parsers?.duckdb.close();
  await fixture?.drop();
});

const table = (name: string) => description.tables.find((t) => t.name === name);

describe('PostgreSQL view dependencies', () => {
  it('describe() names the relations each view reads, one level deep, and none for tables', () => {
    expect(table('shift_notes')).toMatchObject({ kind: 'view', reads: [{ schema: 'historian', name: 'shift_log' }] });
    expect(table('notes_again')?.reads).toEqual([{ schema: 'historian', name: 'shift_notes' }]);
    expect(table('tag_units')?.reads).toEqual([{ schema: 'historian', name: 'tags' }]);
    expect(table('tags')?.reads).toBeUndefined();
  });

  it('an engineer may not read the shift log through a view of a view; a view over tags stays usable', async () => {
    const guard = await createGuard({ policyFiles: [], shipped: true, sources: [{ ...description, name: 'historian' }], parsers });
    const engineer = { id: 'eve', roles: ['engineer'] };
    const call = (sql: string) => ({ tool: 'run_sql', args: { source: 'historian', sql } });
    expect(await guard.check(engineer, call('SELECT note FROM historian.notes_again'))).toMatchObject({
      kind: 'deny',
      rule: 'scope.view',
      reason: 'the view shift_notes reads shift_log, which your role may not read',
    });
    const allowed = await guard.check(engineer, call('SELECT count(*) FROM historian.tag_units'));
    if (allowed.kind === 'deny') throw new Error(allowed.reason);
    const sql = allowed.kind === 'rewrite' ? String(allowed.call.args['sql']) : 'SELECT count(*) FROM historian.tag_units';
    expect(Number((await connector.query(sql)).rows[0]![0])).toBeGreaterThan(0);
  });
});
