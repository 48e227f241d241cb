// Policy files: each kind of mistake gives a clear error with file:line:column; reload keeps the old policy on a bad file; `otq policy check`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbSqlParser } from '../../connectors/duckdb/duckdb-sql-parser.ts';
import type { SqlParser } from '../../connectors/sql-parser.ts';
import { createGuard, type PolicyEvent } from '../../policies/create-guard.ts';
import { loadPolicies } from '../../policies/load-policies.ts';
import { policyCommand } from '../../app/commands/policy-command.ts';
import { createGuardFixture, type GuardFixture } from './guard-fixture.ts';
import { testHistorianFile } from '../helpers/sample-data.ts';

let dir: string;
let fixture: GuardFixture;
let parser: SqlParser;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'otq-policy-files-'));
  fixture = await createGuardFixture();
  parser = await createDuckDbSqlParser();
});
afterAll(async () => {
  await parser?.close();
  await fixture?.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function file(text: string): string {
  const path = join(dir, `p${n++}.policy.yaml`);
  writeFileSync(path, text);
  return path;
}
const role = (body: string) => `version: 1\nroles:\n  r1:\n    tools: [run_sql]\n${body}`;

describe('structural mistakes, reported with file:line:column', () => {
  it.each<[string, string, RegExp]>([
    ['invalid YAML', 'version: 1\nroles:\n  r1: [run_sql\n', /:4:1: invalid YAML/],
    ['duplicate key', 'version: 1\nroles:\n  r1: {}\n  r1: {}\n', /:4:3: invalid YAML: Map keys must be unique/],
    ['unknown key', role('    maxrows: 10\n'), /:5:5: unknown key roles\.r1\.maxrows: remove it or check its spelling/],
    ['wrong type', role('    maxRows: ten\n'), /:5:14: roles\.r1\.maxRows: Invalid input: expected number, received string/],
    ['negative limit', role('    rateLimitPerMinute: -1\n'), /:5:25: roles\.r1\.rateLimitPerMinute: Too small/],
    ['missing version', 'roles: {}\n', /:1:1: version: must be 1|:1:1: version: missing/],
    ['bad role name', 'version: 1\nroles:\n  Operator BPS03: {}\n', /:3:3: .*role names are lower-case/],
    [
      'both column lists',
      role('    sources:\n      historian:\n        tables:\n          tags: { columns: [tag_id], denyColumns: [unit] }\n'),
      /:8:17: .*either columns .* or denyColumns/,
    ],
    [
      'exceptTables without *',
      role('    sources:\n      historian:\n        tables: { tags: {} }\n        exceptTables: [shift_log]\n'),
      /:7:9: .*exceptTables only applies with tables: "\*"/,
    ],
  ])('%s', async (_name, text, expected) => {
    const path = file(text);
    const result = await loadPolicies([path]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.join('\n')).toMatch(expected);
      expect(result.errors[0]!.startsWith(`${path}:`)).toBe(true);
    }
  });

  it('reports every error of every file, not just the first', async () => {
    const result = await loadPolicies([file(role('    maxRows: x\n    foo: 1\n')), file('version: 2\n'), join(dir, 'missing.policy.yaml')]);
    expect(result.ok ? [] : result.errors).toHaveLength(4);
  });
});

describe('mistakes against the configured sources, found when the guard starts', () => {
  const start = (text: string) =>
    createGuard({ policyFiles: [file(text)], shipped: false, sources: [fixture.duckdb], parsers: { duckdb: parser } });
  it('a table the source does not have is a warning that it is not granted, not a start-up failure', async () => {
    const guard = await start(role('    sources:\n      historian:\n        tables:\n          tagz: {}\n          tags: {}\n'));
    expect(guard.warnings).toEqual([
      expect.stringMatching(
        /:8:17: role r1: source historian has no table tagz, so it is not granted \(tables: alarm_events, assets, samples, shift_log, tags\)/,
      ),
    ]);
    const ask = (sql: string) => guard.check({ id: 'u', roles: ['r1'] }, { tool: 'run_sql', args: { source: 'historian', sql } });
    expect((await ask('SELECT count(*) FROM tags')).kind).not.toBe('deny');
    expect((await ask('SELECT count(*) FROM samples')).kind).toBe('deny');
    await guard.close();
  });

  it('an exceptTables entry for a missing table excepts nothing and says nothing', async () => {
    const guard = await start(role("    sources:\n      historian:\n        tables: '*'\n        exceptTables: [shift_notes]\n"));
    expect(guard.warnings).toEqual([]);
    await guard.close();
  });

  it.each<[string, string, RegExp]>([
    [
      'unknown column',
      role('    sources:\n      historian:\n        tables:\n          tags: { denyColumns: [descr] }\n'),
      /:8:33: role r1: table tags has no column descr/,
    ],
    [
      'bad row filter',
      role('    sources:\n      historian:\n        tables:\n          assets: { rowFilter: "site = \'BPS03\' OR" }\n'),
      /:8:32: role r1: row filter of assets is not a valid SQL predicate/,
    ],
    [
      'row filter naming a column the table does not have',
      role('    sources:\n      historian:\n        tables:\n          assets: { rowFilter: "sitee = \'BPS03\'" }\n'),
      /:8:32: role r1: row filter of assets is not a valid SQL predicate: no table it reads has a column sitee \(assets: asset_id, /,
    ],
    [
      'row filter whose subquery names a column its table does not have',
      role(
        '    sources:\n      historian:\n        tables:\n          tags: { rowFilter: "asset_id IN (SELECT asset_id FROM assets WHERE sit = \'BPS03\')" }\n',
      ),
      /row filter of tags is not a valid SQL predicate: no table it reads has a column sit /,
    ],
    [
      'row filter that is two statements',
      role('    sources:\n      historian:\n        tables:\n          assets: { rowFilter: "true); DROP TABLE assets; SELECT (1" }\n'),
      /row filter of assets is not a valid SQL predicate/,
    ],
  ])('%s', async (_name, text, expected) => {
    await expect(start(text)).rejects.toThrow(expected);
  });
});

describe('reload', () => {
  it('swaps in a valid new policy, keeps the old one on an invalid file, and reports why', async () => {
    const path = file(role('    sources:\n      historian:\n        tables: { tags: {} }\n'));
    const guard = await createGuard({ policyFiles: [path], shipped: false, sources: [fixture.duckdb], parsers: { duckdb: parser } });
    const ask = () =>
      guard.check({ id: 'u', roles: ['r1'] }, { tool: 'run_sql', args: { source: 'historian', sql: 'SELECT count(*) FROM samples' } });
    expect((await ask()).kind).toBe('deny');
    const firstHash = guard.bundleHash;

    writeFileSync(path, role('    sources:\n      historian:\n        tables: { tags: {}, samples: {} }\n'));
    expect(await guard.reload()).toEqual({ ok: true });
    expect(guard.bundleHash).not.toBe(firstHash);
    expect((await ask()).kind).not.toBe('deny');
    const secondHash = guard.bundleHash;

    writeFileSync(path, role('    sources:\n      historian:\n        tables: { tags: {}, samples: {} }\n    maxRows: lots\n'));
    const rejected = await guard.reload();
    expect(rejected.ok).toBe(false);
    expect(rejected.errors?.[0]).toMatch(new RegExp(`^${path}:8:14: roles\\.r1\\.maxRows`));
    expect(guard.bundleHash).toBe(secondHash);
    expect((await ask()).kind).not.toBe('deny');
    await guard.close();
  });

  it('watch() reloads when the file changes and reports the outcome', async () => {
    const path = file(role(''));
    const guard = await createGuard({ policyFiles: [path], shipped: false, sources: [fixture.duckdb], parsers: { duckdb: parser } });
    const events: PolicyEvent[] = [];
    const next = () => new Promise<PolicyEvent>((resolve) => (resolveEvent = resolve));
    let resolveEvent: (e: PolicyEvent) => void = () => {};
    const stop = guard.watch((e) => {
      events.push(e);
      resolveEvent(e);
    });
    let pending = next();
    writeFileSync(path, 'version: 1\nroles:\n  r1: { tools: [audit_read] }\n');
    expect(await pending).toMatchObject({ kind: 'reloaded' });
    expect(await guard.check({ id: 'u', roles: ['r1'] }, { tool: 'audit_read', args: {} })).toEqual({ kind: 'allow' });
    pending = next();
    writeFileSync(path, 'version: 1\nroles: [\n');
    expect(await pending).toMatchObject({ kind: 'rejected' });
    expect(await guard.check({ id: 'u', roles: ['r1'] }, { tool: 'audit_read', args: {} })).toEqual({ kind: 'allow' });
    stop();
    await guard.close();
  });
});

describe('otq policy check', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
  };
  it('exits 0 for the shipped policy and names its roles', async () => {
    const c = io();
    const config = join(dir, 'otq.yaml');
    writeFileSync(
      config,
      `sources:\n  historian:\n    engine: duckdb\n    file: ${JSON.stringify(testHistorianFile)}\naudit:\n  dir: ${JSON.stringify(join(dir, 'audit'))}\n`,
    );
    expect(await policyCommand(['check', '--config', config], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(
      /valid: 1 file, roles engineer, supervisor, auditor, monitor, operator-bps03, bundle sha256 [0-9a-f]{64}/,
    );
  });
  it('exits 2 and prints each error with its location', async () => {
    const bad = file(role('    maxRows: 0\n    toolz: []\n'));
    const c = io();
    expect(await policyCommand(['check', bad], c.io)).toBe(2);
    expect(c.err).toEqual([
      `${bad}:5:14: roles.r1.maxRows: Too small: expected number to be >0`,
      `${bad}:6:5: unknown key roles.r1.toolz: remove it or check its spelling`,
      '2 errors in 1 policy file; otq would refuse to start with it',
    ]);
  });
  it('exits 2 on usage errors', async () => {
    const c = io();
    expect(await policyCommand(['lint'], c.io)).toBe(2);
    expect(c.err[0]).toContain('unknown sub-command "lint"');
  });
});

describe('the shipped policy and GET /metrics', () => {
  it('grants metrics_read to auditor and monitor only, and loads without warnings about it', async () => {
    const guard = await createGuard({ policyFiles: [], shipped: true, sources: [fixture.duckdb], parsers: { duckdb: parser } });
    const check = (role: string) => guard.check({ id: 'u', roles: [role] }, { tool: 'metrics_read', args: {} });
    expect(await check('auditor')).toEqual({ kind: 'allow' });
    expect(await check('monitor')).toEqual({ kind: 'allow' });
    expect(await check('engineer')).toMatchObject({ kind: 'deny', rule: 'tool.not-granted' });
    expect(await check('operator-bps03')).toMatchObject({ kind: 'deny' });
    expect(guard.warnings.filter((w) => w.includes('metrics_read'))).toEqual([]);
    await guard.close();
  });
});
