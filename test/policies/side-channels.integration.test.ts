// Row filters against side channels on both engines: a predicate that fails only on hidden rows never meets them, and
// an engine error of a row-filtered or column-restricted role reaches the user as a request id, not as engine text.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDocument } from '../../app/config/default-config.ts';
import type { AppRuntime } from '../../app/create-runtime.ts';
import { readAuditRecords } from '../../audit/read-audit-records.ts';
import type { Principal } from '../../core/principal.ts';
import type { Runtime } from '../../ui/runtime.ts';
import { createPgFixture, type PgFixture } from '../connectors/postgres/pg-fixture.ts';
import { readAttackCorpus } from '../helpers/attack-corpus.ts';
import { openOwnRuntime, tempDir, writeOwnConfig } from '../helpers/own-data.ts';
import { createTestRuntime } from '../helpers/test-runtime.ts';

const cases = readAttackCorpus().filter((c) => c.expect === 'hold' || c.expect === 'masked');
const engines = ['duckdb', 'postgres'] as const;
const runtimes = {} as Record<(typeof engines)[number], { runtime: Runtime | AppRuntime; auditDir: string }>;
let fixture: PgFixture;
const dirs: string[] = [];

beforeAll(async () => {
  const duck = await createTestRuntime();
  dirs.push(duck.dir);
  runtimes.duckdb = { runtime: duck.runtime, auditDir: duck.auditDir };
  fixture = await createPgFixture(1);
  const dir = await tempDir('side-channels');
  dirs.push(dir);
  Object.assign(process.env, fixture.env);
  const config = await writeOwnConfig(dir, {
    sources: { historian: { ...fixture.source, historian: defaultConfigDocument.sources.historian.historian } },
  });
  runtimes.postgres = { runtime: await openOwnRuntime(config), auditDir: `${dir}/audit` };
});

afterAll(async () => {
  for (const { runtime } of Object.values(runtimes)) await runtime.close();
  await fixture?.drop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const as = (role: string): Principal => ({ id: `user-${role}`, roles: [role] });

async function run(engine: (typeof engines)[number], principal: Principal, sql: string, requestId: string) {
  const context = { principal: principal.id, channel: 'cli' as const, requestId };
  return runtimes[engine].runtime.runSql(principal, context, { source: 'historian', sql }).then(
    (outcome) => ({ outcome, error: undefined }),
    (error: unknown) => ({ outcome: undefined, error: error as Error & { code?: string } }),
  );
}

describe.each(engines)('row filters on %s', (engine) => {
  it('covers the side-channel cases of the corpus', () => {
    expect(cases.filter((c) => c.expect === 'hold').length).toBeGreaterThanOrEqual(5);
    expect(cases.filter((c) => c.expect === 'masked').length).toBeGreaterThanOrEqual(2);
  });

  it.each(cases.filter((c) => c.expect === 'hold'))('$id: a predicate that fails only on hidden rows never meets one', async (c) => {
    const { outcome, error } = await run(engine, as(c.user ?? 'engineer'), c.sql, `hold-${c.id}`);
    expect(error?.message, c.sql).toBeUndefined();
    expect(outcome?.kind).toBe('ok');
  });

  it.each(cases.filter((c) => c.expect === 'masked'))('$id: the engine error reaches the user as a request id only', async (c) => {
    const requestId = `masked-${engine}-${c.id}`;
    const { error } = await run(engine, as(c.user ?? 'engineer'), c.sql, requestId);
    expect(error, 'the query should fail in the engine').toBeDefined();
    expect(error?.code).toBe('QUERY_FAILED');
    expect(error?.message).toContain(requestId);
    expect(error?.message).not.toMatch(/BPS03|Booster|convert|invalid input|Conversion|syntax/i);
    // The audit keeps the failure and the SQLSTATE-like class of it, with every quoted value masked.
    const records = await readAuditRecords({ dir: runtimes[engine].auditDir });
    const access = records.find((r) => r.requestId === requestId && r.kind === 'data_access');
    const logged = JSON.stringify(access?.payload['error']);
    expect(logged).toMatch(/convert|invalid input|Conversion/i);
    expect(logged).not.toMatch(/Booster|BPS03\//);
  });

  it('a role without row filters still sees the engine message (it hides nothing from them)', async () => {
    const { error } = await run(engine, as('engineer'), 'SELECT CAST(tag_path AS INTEGER) FROM tags', `plain-${engine}`);
    expect(error?.message).toMatch(/convert|invalid input|Conversion/i);
  });
});
