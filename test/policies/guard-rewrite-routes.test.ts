// The two ways the guard rewrites DuckDB SQL (text around the statement, or the parse tree) return the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../connectors/connector.ts';
import { createDuckDbSqlParser } from '../../connectors/duckdb/duckdb-sql-parser.ts';
import type { SqlParser } from '../../connectors/sql-parser.ts';
import { createGuard, type PolicyGuard } from '../../policies/create-guard.ts';
import type { Decision } from '../../policies/decision.ts';
import { readAttackCorpus } from '../helpers/attack-corpus.ts';
import { createGuardFixture, type GuardFixture } from './guard-fixture.ts';

// A `;` inside a comment changes nothing for the engine, but the text route refuses any `;` before the end,
// so the same statement with this suffix is rewritten through the parse tree.
const TREE_ROUTE = '\n/* ; */';
const TEXT_ROUTE = /^WITH "\w+" AS NOT MATERIALIZED \(|\nLIMIT \d+$/;

const queries = [
  'SELECT * FROM samples ORDER BY ts, tag_id LIMIT 50',
  'SELECT tag_id, count(*), min(value), max(value) FROM samples GROUP BY ALL ORDER BY 1',
  'SELECT t.tag_path, a.site, count(*) FROM samples s JOIN tags t USING (tag_id) JOIN assets a ON a.asset_id = t.asset_id GROUP BY 1, 2 ORDER BY 1',
  'SELECT * FROM tags WHERE tag_id IN (SELECT tag_id FROM samples WHERE value > 90) ORDER BY tag_id',
  'SELECT a.site, (SELECT count(*) FROM tags t WHERE t.asset_id = a.asset_id) AS n FROM assets a ORDER BY 1, 2',
  'SELECT * FROM (SELECT site FROM assets UNION ALL SELECT tag_path FROM tags) ORDER BY 1',
  'SELECT tag_id, value, avg(value) OVER (PARTITION BY tag_id ORDER BY ts ROWS 3 PRECEDING) FROM samples ORDER BY ts, tag_id LIMIT 40',
  'SELECT t.tag_id, l.n FROM tags t, LATERAL (SELECT count(*) AS n FROM samples s WHERE s.tag_id = t.tag_id) l ORDER BY 1',
  'FROM alarm_events SELECT event_id, message ORDER BY event_id',
  'TABLE assets',
  "SELECT date_trunc('hour', ts) AS h, max(value) FROM samples WHERE ts >= TIMESTAMPTZ '2026-10-02 00:00:00+00' GROUP BY 1 ORDER BY 1",
  'SELECT DISTINCT site FROM "ASSETS" ORDER BY 1 -- sites',
  'SELECT count(*) FROM samples s1 JOIN samples s2 ON s1.tag_id = s2.tag_id AND s1.ts = s2.ts',
  'SELECT * FROM tags ORDER BY tag_id LIMIT 2 OFFSET 1',
  'SELECT (SELECT max(ts) FROM samples) AS newest, (SELECT count(*) FROM alarm_events) AS alarms',
  'SELECT tag_id FROM tags EXCEPT SELECT tag_id FROM samples WHERE value < 0 ORDER BY 1',
];

let fixture: GuardFixture;
let parser: SqlParser;
let guard: PolicyGuard;
let n = 0;

beforeAll(async () => {
  fixture = await createGuardFixture();
  parser = await createDuckDbSqlParser();
  const clock = () => Date.parse('2026-10-05T00:00:00Z');
  guard = await createGuard({ policyFiles: [], shipped: true, sources: [fixture.duckdb], parsers: { duckdb: parser }, clock });
});
afterAll(async () => {
  await parser?.close();
  await fixture?.close();
});

const decide = (role: string, sql: string): Promise<Decision> =>
  guard.check({ id: `routes-${n++}`, roles: [role] }, { tool: 'run_sql', args: { source: 'historian', sql } });

async function rows(decision: Decision, original: string): Promise<string> {
  if (decision.kind === 'deny') return `deny ${decision.rule}`;
  const sql = decision.kind === 'rewrite' ? String(decision.call.args['sql']) : original;
  const result = await fixture.connector.query(sql).then(
    (r) => r.rows,
    (error: Error) => error.message,
  );
  return typeof result === 'string' ? `error ${result}` : JSON.stringify(sortRows(result));
}

const sortRows = (r: Cell[][]) => r.map((row) => JSON.stringify(row)).sort();

describe.each(['operator-bps03', 'engineer', 'supervisor'])('%s: text route and parse-tree route agree', (role) => {
  const corpus = readAttackCorpus('duckdb')
    // Side-channel cases fail on purpose (a cast of text); their own test runs them as their role.
    .filter((c) => c.expect !== 'deny' && c.group !== 'resource' && c.user === undefined)
    .map((c) => c.sql)
    // A LIMIT may keep different rows on each run, whichever route (the corpus does not order what it limits).
    .filter((sql) => !/\blimit\b/i.test(sql));
  const all = [...queries, ...corpus];
  let textRoutes = 0;

  it.each(all)('%s', async (sql) => {
    const viaText = await decide(role, sql);
    const viaTree = await decide(role, sql + TREE_ROUTE);
    expect(viaTree.kind).toBe(viaText.kind);
    if (viaText.kind === 'rewrite') {
      const text = String(viaText.call.args['sql']);
      if (TEXT_ROUTE.test(text)) textRoutes++;
      if (viaTree.kind === 'rewrite') expect(TEXT_ROUTE.test(String(viaTree.call.args['sql']))).toBe(false);
    }
    expect(await rows(viaText, sql)).toBe(await rows(viaTree, sql + TREE_ROUTE));
  });

  it('most of these statements took the text route', () => {
    expect(textRoutes).toBeGreaterThan(all.length / 2);
  });
});
