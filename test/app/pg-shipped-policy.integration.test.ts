// Out of the box: `otq samples --to postgres`, `otq pg grant` (default tables) and the shipped policy start together.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDocument } from '../../app/config/default-config.ts';
import type { AppRuntime } from '../../app/create-runtime.ts';
import { createPgFixture, type PgFixture } from '../connectors/postgres/pg-fixture.ts';
import { openOwnRuntime, tempDir, writeOwnConfig } from '../helpers/own-data.ts';

let fixture: PgFixture;
let dir: string;
let runtime: AppRuntime;
const lines: string[] = [];

beforeAll(async () => {
  fixture = await createPgFixture(1);
  dir = await tempDir('pg-shipped');
  Object.assign(process.env, fixture.env);
  const config = await writeOwnConfig(dir, {
    sources: { historian: { ...fixture.source, historian: defaultConfigDocument.sources.historian.historian } },
  });
  runtime = await openOwnRuntime(config, (line) => lines.push(line));
});

afterAll(async () => {
  await runtime?.close();
  await fixture?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the shipped policy over a PostgreSQL historian made by otq pg grant', () => {
  it('starts without policy warnings although the reader role cannot see the shift log', async () => {
    const [source] = await runtime.catalog({ id: 'engineer', roles: ['engineer'] });
    expect(source?.tables.map((t) => t.name)).not.toContain('shift_log');
    // The only start-up line is the note about default users: no "policy:" warning.
    expect(lines).toEqual([expect.stringContaining('has no users: using the default users')]);
  });

  it('lets the default engineer query the samples, and still denies the shift log by name', async () => {
    const engineer = runtime.principalFor('engineer')!;
    const context = { principal: 'engineer', channel: 'cli' as const, requestId: 'pg-shipped' };
    const ok = await runtime.runSql(engineer, context, { source: 'historian', sql: 'SELECT count(*) > 0 AS any FROM tags' });
    expect(ok.kind === 'ok' && ok.result.rows).toEqual([[true]]);
    const denied = await runtime.runSql(engineer, context, { source: 'historian', sql: 'SELECT * FROM shift_log' });
    expect(denied.kind).toBe('denied');
  });
});
