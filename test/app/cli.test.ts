// The otq CLI end to end over the reference sample data: output, --json contract, exit codes, evidence.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../app/main.ts';
import { defaultConfigDocument } from '../../app/config/default-config.ts';
import { projectRoot } from '../../app/config/load-config.ts';
import { hashRows } from '../../agent/guarded-sql.ts';
import { readAuditRecords } from '../../audit/read-audit-records.ts';
import type { Answer } from '../../agent/answer.ts';
import { testHistorianFile, testTelemetryDir } from '../helpers/sample-data.ts';
import { buildCli } from '../../bin/cli-build.mjs';

let dir: string;
let configPath: string;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...args, '--config', configPath], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'otq-cli-'));
  configPath = join(dir, 'otq.yaml');
  const { samples: _samples, ...base } = defaultConfigDocument;
  await writeFile(
    configPath,
    stringify({
      ...base,
      sources: {
        historian: { ...defaultConfigDocument.sources.historian, file: testHistorianFile },
        telemetry: { ...defaultConfigDocument.sources.telemetry, folder: testTelemetryDir },
      },
      audit: { dir: join(dir, 'audit') },
    }),
  );
});

describe('otq sql', () => {
  it('prints a table for a read-only query', async () => {
    const { code, out, err } = await run(
      'sql',
      '--source',
      'historian',
      "SELECT tag_path, unit FROM tags WHERE tag_path LIKE 'BPS03/%' ORDER BY tag_path LIMIT 3",
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^tag_path\s+\| unit/);
    expect(out).toContain('BPS03/');
    expect(out).toContain('(3 rows)');
    expect(err).toMatch(/evidence: audit seq \d+, \d+, \d+/);
  });

  it('prints the --json contract, and the audit log holds the decision and the data access with the hash of the rows shown', async () => {
    const { code, out } = await run('sql', '--json', '--source', 'historian', 'SELECT tag_id, tag_path FROM tags ORDER BY tag_id LIMIT 5');
    expect(code).toBe(0);
    const answer = JSON.parse(out) as Answer;
    expect(Object.keys(answer)).toEqual(
      expect.arrayContaining(['answer', 'sql', 'source', 'columns', 'rows', 'truncated', 'decision', 'auditSeq']),
    );
    expect(answer.rows).toHaveLength(5);
    expect(answer.source).toBe('historian');
    const records = await readAuditRecords({ dir: join(dir, 'audit') });
    const mine = records.filter((r) => answer.auditSeq.includes(r.seq));
    expect(mine.map((r) => r.kind)).toEqual(['tool_call', 'policy_decision', 'data_access']);
    expect(mine[0]!.principal).toBe('engineer');
    expect(mine[0]!.channel).toBe('cli');
    const access = mine[2]!.payload;
    expect(access['rowCount']).toBe(5);
    expect(access['resultSha256']).toBe(hashRows(answer));
    expect(access['sql']).toBe(answer.sql);
  });

  it('denies shift_log to the default engineer with exit 3, the rule and the reason, and records the denial', async () => {
    const { code, err } = await run('sql', '--source', 'historian', 'SELECT * FROM shift_log');
    expect(code).toBe(3);
    expect(err).toMatch(/denied by policy \([a-z.-]+\): .*shift_log/);
    const records = await readAuditRecords({ dir: join(dir, 'audit') });
    const decision = records.filter((r) => r.kind === 'policy_decision').at(-1)!;
    expect(decision.payload['decision']).toBe('deny');
    expect(decision.payload['rule']).toBe('scope.table');
    // Nothing ran after the denial: no data_access follows it (only the checkpoint written at close).
    expect(records.filter((r) => r.seq > decision.seq && r.kind !== 'checkpoint')).toEqual([]);
  });

  it('lets a supervisor read shift_log', async () => {
    const { code, out } = await run('sql', '--user', 'supervisor', '--source', 'historian', 'SELECT operator_name FROM shift_log LIMIT 2');
    expect(code).toBe(0);
    expect(out).toContain('operator_name');
  });

  it('refuses writes with exit 3 even when phrased as a CTE', async () => {
    const { code } = await run('sql', '--source', 'historian', 'WITH d AS (DELETE FROM tags RETURNING *) SELECT * FROM d');
    expect(code).toBe(3);
  });

  it('says what is wrong for an unknown user (exit 2) and a missing --source (exit 2)', async () => {
    const unknown = await run('sql', '--user', 'mallory', '--source', 'historian', 'SELECT 1');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown user "mallory"');
    const missing = await run('sql', 'SELECT 1');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('missing --source');
  });

  it('reports an engine error with exit 1 and the engine message', async () => {
    const { code, err } = await run('sql', '--source', 'historian', 'SELECT no_such_column FROM tags');
    expect(code).not.toBe(0);
    expect(err).toMatch(/no_such_column/);
  });
});

describe('otq catalog', () => {
  it('lists sources, tables and tags with units, without the tables the user may not read', async () => {
    const { code, out } = await run('catalog');
    expect(code).toBe(0);
    expect(out).toContain('source historian (duckdb)');
    expect(out).toContain('source telemetry (duckdb)');
    expect(out).toMatch(/BPS03\/P0\d\/\w+ \[bar\]/);
    // Each tag's interpolation, and whether a rule or the default for its type chose it.
    expect(out).toMatch(/T3\/Tank\/Level \[m\] analog, step \(default for analog\)/);
    expect(out).toMatch(/BPS03\/P01\/Running .*status, step \(rule 1: dataType=status\)/);
    expect(out).not.toContain('shift_log');
    const json = JSON.parse((await run('catalog', '--json')).out) as { sources: { name: string; tags?: unknown[] }[] };
    expect(json.sources.find((s) => s.name === 'historian')!.tags!.length).toBeGreaterThanOrEqual(150);
    expect(json.sources.find((s) => s.name === 'historian')!.tags).toContainEqual(
      expect.objectContaining({ name: 'T3/Tank/Level', interpolation: { kind: 'step', why: 'default for analog', default: true } }),
    );
  });
});

describe('configuration errors', () => {
  it('stops with exit 2 naming the bad key and its line', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'sources:\n  historian:\n    engine: duckdb\n    file: x.duckdb\n    timeout: 5\n');
    let err = '';
    const code = await main(['catalog', '--config', bad], { out: () => {}, err: (t) => (err += t) });
    expect(code).toBe(2);
    expect(err).toContain(`${bad}:5:5: unknown key sources.historian.timeout`);
  });
});

describe('the otq binary', () => {
  it('runs through npx-style bin without a build step', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(projectRoot, 'bin/otq.mjs'),
        'sql',
        '--json',
        '--config',
        configPath,
        '--source',
        'historian',
        'SELECT count(*) AS n FROM tags',
      ],
      {
        cwd: projectRoot,
      },
    );
    const answer = JSON.parse(stdout) as Answer;
    expect(answer.columns[0]!.name).toBe('n');
    expect(answer.rows[0]![0]).toBeGreaterThanOrEqual(150);
  });
});

describe('the compiled CLI', () => {
  it('carries zod, chrono-node, yaml and @duckdb/node-api inside it: no chunk loads them from node_modules', async () => {
    const entry = await buildCli();
    const chunks = (await readdir(dirname(entry))).filter((f) => f.endsWith('.js'));
    const imported = new Set<string>();
    for (const chunk of chunks) {
      const text = await readFile(join(dirname(entry), chunk), 'utf8');
      for (const m of text.matchAll(/(?:from\s*|import\(\s*|require\(\s*)["']([^"'./][^"']*)["']/g)) imported.add(m[1]!);
    }
    for (const bundled of ['zod', 'chrono-node', 'yaml', '@duckdb/node-api'])
      expect([...imported].filter((s) => s === bundled || s.startsWith(`${bundled}/`))).toEqual([]);
    // The native binding and the packages only some commands load stay outside.
    expect(imported).toContain('@duckdb/node-bindings');
    expect(imported).toContain('hono');
  });

  it('prints the wall and CPU time of each start-up phase with OTQ_TIMING=1, and the same output as without', async () => {
    const args = [join(projectRoot, 'bin/otq.mjs'), 'sql', '--config', configPath, '--source', 'historian', 'SELECT 7 AS n'];
    const plain = await promisify(execFile)(process.execPath, args, { cwd: projectRoot });
    const timed = await promisify(execFile)(process.execPath, args, { cwd: projectRoot, env: { ...process.env, OTQ_TIMING: '1' } });
    expect(timed.stdout).toBe(plain.stdout);
    expect(plain.stderr).not.toMatch(/otq timing/);
    const phases = [...timed.stderr.matchAll(/^otq timing: (.+?)\s+\+\s*\d+ ms \(cpu \+\s*\d+ ms\) at \d+ ms$/gm)].map((m) => m[1]);
    expect(phases).toEqual([
      'cli loaded (node + otq entry)',
      'command loaded',
      'config loaded',
      'audit log opened (recovery, key)',
      'connectors created (DuckDB open)',
      'catalog described',
      'tag types applied (cache)',
      'DuckDB SQL parser created',
      'guard created (policies)',
      'config record durable',
      'answerers created',
    ]);
  });
});
