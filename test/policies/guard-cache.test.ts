// The guard's judgment cache never changes a decision: reloads, roles, days, the rate limit and edited results.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbSqlParser } from '../../connectors/duckdb/duckdb-sql-parser.ts';
import type { SqlParser } from '../../connectors/sql-parser.ts';
import type { Principal } from '../../core/principal.ts';
import { createGuard, type PolicyGuard } from '../../policies/create-guard.ts';
import type { Decision } from '../../policies/decision.ts';
import { lookBackStart } from '../../policies/sql-check.ts';
import { createGuardFixture, type GuardFixture } from './guard-fixture.ts';

const policy = (tagsGrant: string) => `version: 1
roles:
  viewer:
    tools: [run_sql]
    maxWindowDays: 2
    rateLimitPerMinute: 2
    sources:
      historian:
        tables:
          samples:
          tags: ${tagsGrant}
  reader:
    tools: [run_sql]
    sources:
      historian:
        tables: '*'
`;

const DAY = 86_400_000;
let nowMs = Date.parse('2026-10-03T09:30:00Z');
let fixture: GuardFixture;
let parser: SqlParser;
let guard: PolicyGuard;
let dir: string;
let file: string;
let seq = 0;
/** A fresh principal id per call keeps the rate limit out of tests that are not about it. */
const as = (role: string): Principal => ({ id: `${role}-${seq++}`, roles: [role] });
const sqlCall = (sql: string) => ({ tool: 'run_sql', args: { source: 'historian', sql } });
const sqlOf = (d: Decision) => (d.kind === 'rewrite' ? String(d.call.args['sql']) : '');

beforeAll(async () => {
  fixture = await createGuardFixture();
  parser = await createDuckDbSqlParser();
  dir = mkdtempSync(join(tmpdir(), 'otq-cache-'));
  file = join(dir, 'cache.policy.yaml');
  writeFileSync(file, policy('{ denyColumns: [description] }'));
  guard = await createGuard({
    policyFiles: [file],
    shipped: true,
    sources: [fixture.duckdb],
    parsers: { duckdb: parser },
    clock: () => nowMs,
  });
});
afterAll(async () => {
  await guard?.close();
  await parser?.close();
  await fixture?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('judgment cache', () => {
  it('a policy reload changes the decision on the very next call', async () => {
    const sql = 'SELECT tag_path, description FROM tags ORDER BY tag_id';
    expect(await guard.check(as('viewer'), sqlCall(sql))).toMatchObject({ kind: 'deny', rule: 'scope.column' });
    writeFileSync(file, policy('{ columns: [tag_id, tag_path, description] }'));
    expect(await guard.reload()).toEqual({ ok: true });
    expect(await guard.check(as('viewer'), sqlCall(sql))).toMatchObject({ kind: 'rewrite' });
    writeFileSync(file, policy('{ denyColumns: [description] }'));
    expect(await guard.reload()).toEqual({ ok: true });
    expect(await guard.check(as('viewer'), sqlCall(sql))).toMatchObject({ kind: 'deny', rule: 'scope.column' });
  });

  it('two roles never share a judgment of the same text, in either order', async () => {
    const sql = 'SELECT description FROM tags WHERE tag_id = 1';
    expect(await guard.check(as('reader'), sqlCall(sql))).toMatchObject({ kind: 'rewrite', rule: 'rows.limit' });
    expect(await guard.check(as('viewer'), sqlCall(sql))).toMatchObject({ kind: 'deny', rule: 'scope.column' });
    expect(await guard.check(as('reader'), sqlCall(sql))).toMatchObject({ kind: 'rewrite', rule: 'rows.limit' });
    const rows = 'SELECT count(*) AS n FROM samples';
    const engineer = await guard.check(as('engineer'), sqlCall(rows));
    const operator = await guard.check(as('operator-bps03'), sqlCall(rows));
    expect(sqlOf(operator)).toContain('BPS03');
    expect(sqlOf(engineer)).not.toContain('BPS03');
    expect(sqlOf(await guard.check(as('engineer'), sqlCall(rows)))).toBe(sqlOf(engineer));
  });

  it('the same text gets the same rewrite all day, and a fresh window the next day', async () => {
    const sql = 'SELECT min(ts) AS first FROM samples';
    nowMs = Date.parse('2026-10-03T00:00:01Z');
    const morning = await guard.check(as('viewer'), sqlCall(sql));
    nowMs = Date.parse('2026-10-03T23:59:59Z');
    const evening = await guard.check(as('viewer'), sqlCall(sql));
    expect(sqlOf(evening)).toBe(sqlOf(morning));
    expect(morning).toMatchObject({ reason: expect.stringContaining('samples before 2026-10-02') });
    const first = async (d: Decision) => Date.parse(String((await fixture.connector.query(sqlOf(d))).rows[0]![0]));
    expect(await first(evening)).toBe(Date.parse('2026-10-02T00:00:00Z'));
    nowMs = Date.parse('2026-10-04T08:00:00Z');
    const nextDay = await guard.check(as('viewer'), sqlCall(sql));
    expect(nextDay).toMatchObject({ reason: expect.stringContaining('samples before 2026-10-03') });
    expect(await first(nextDay)).toBe(Date.parse('2026-10-03T00:00:00Z'));
  });

  it('the window never reaches further back than the role allows', () => {
    for (const now of [Date.parse('2026-10-04T00:10:00Z'), Date.parse('2026-10-04T00:00:00Z'), Date.parse('2026-10-04T23:59:59.999Z')]) {
      const start = lookBackStart(now, 2)!;
      expect(start).toBeGreaterThanOrEqual(now - 2 * DAY);
      expect(start).toBeLessThan(now - DAY);
      expect(start % DAY).toBe(0);
    }
    expect(lookBackStart(Date.now(), undefined)).toBeUndefined();
  });

  it('the rate limit counts every call, cached or not; denials cost no quota', async () => {
    nowMs += 10 * 60_000;
    const who: Principal = { id: 'rate', roles: ['viewer'] };
    const sql = 'SELECT tag_path FROM tags LIMIT 3';
    await guard.check(as('viewer'), sqlCall(sql));
    for (let i = 0; i < 3; i++)
      expect(await guard.check(who, sqlCall('SELECT description FROM tags'))).toMatchObject({ rule: 'scope.column' });
    expect((await guard.check(who, sqlCall(sql))).kind).not.toBe('deny');
    expect((await guard.check(who, sqlCall(sql))).kind).not.toBe('deny');
    expect(await guard.check(who, sqlCall(sql))).toMatchObject({ kind: 'deny', rule: 'rate.limit' });
    nowMs += 60_001;
    expect((await guard.check(who, sqlCall(sql))).kind).not.toBe('deny');
  });

  it('editing a returned decision does not change the next one', async () => {
    const sql = 'SELECT tag_path FROM tags';
    const first = await guard.check(as('reader'), sqlCall(sql));
    if (first.kind !== 'rewrite') throw new Error(`expected a rewrite, got ${first.kind}`);
    const original = sqlOf(first);
    first.call.args['sql'] = 'SELECT * FROM shift_log';
    expect(sqlOf(await guard.check(as('reader'), sqlCall(sql)))).toBe(original);
  });
});
