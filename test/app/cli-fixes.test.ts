// CLI behaviour a user trips over: help of each command, SQL comments and files, a closed pipe, bad time zones, policy check parity, report exit codes.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../app/main.ts';
import { defaultConfigDocument } from '../../app/config/default-config.ts';
import { projectRoot } from '../../app/config/load-config.ts';
import type { Answer } from '../../agent/answer.ts';
import type { CliIo } from '../../core/cli-io.ts';
import { testHistorianFile, testTelemetryDir } from '../helpers/sample-data.ts';

let dir: string;
let configPath: string;
let reportsDir: string;

function baseConfig(extra: Record<string, unknown> = {}) {
  const { samples: _samples, ...base } = defaultConfigDocument;
  return {
    ...base,
    sources: {
      historian: { ...defaultConfigDocument.sources.historian, file: testHistorianFile },
      telemetry: { ...defaultConfigDocument.sources.telemetry, folder: testTelemetryDir },
    },
    audit: { dir: join(dir, 'audit') },
    ...extra,
  };
}

async function run(args: string[], stdin?: string | null): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += `${t}\n`),
    err: (t) => (err += `${t}\n`),
    ...(stdin !== undefined ? { readStdin: () => Promise.resolve(stdin) } : {}),
  };
  const code = await main(args, io);
  return { code, out, err };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'otq-cli-fixes-'));
  reportsDir = join(dir, 'reports');
  configPath = join(dir, 'otq.yaml');
  await writeFile(
    configPath,
    stringify(
      baseConfig({
        reports: [
          {
            name: 'tags',
            cron: '0 7 * * *',
            user: 'engineer',
            source: 'historian',
            sql: 'SELECT count(*) AS n FROM tags',
            destinations: [{ folder: reportsDir }],
          },
          {
            name: 'shifts',
            cron: '0 7 * * *',
            user: 'engineer',
            source: 'historian',
            sql: 'SELECT * FROM shift_log',
            destinations: [{ folder: reportsDir }],
          },
          {
            name: 'broken',
            cron: '0 7 * * *',
            user: 'engineer',
            source: 'historian',
            sql: 'SELECT no_such_column FROM tags',
            destinations: [{ folder: reportsDir }],
          },
        ],
      }),
    ),
  );
});

describe('help', () => {
  it.each(['serve', 'ask', 'sql', 'catalog', 'policy', 'report'])(
    'otq %s --help prints that command’s usage and exits 0',
    async (command) => {
      const { code, out, err } = await run([command, '--help']);
      expect(code).toBe(0);
      expect(out).toMatch(new RegExp(`^usage: otq ${command}`));
      expect(err).toBe('');
    },
  );

  it('otq --help lists every command without loading any of them', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    for (const command of ['serve', 'ask', 'sql', 'catalog', 'policy check', 'audit', 'report']) expect(out).toContain(`  ${command}`);
  });
});

describe('otq sql input', () => {
  it('takes a text starting with an SQL comment as SQL, not as an option', async () => {
    const { code, out, err } = await run([
      'sql',
      '--config',
      configPath,
      '--source',
      'historian',
      '-- how many tags\nSELECT count(*) AS n FROM tags',
    ]);
    expect(err).not.toContain('Unknown option');
    expect(code).toBe(0);
    expect(out).toMatch(/^\s*n\n-+\n\s*\d{3}\n\(1 row\)/);
  });

  it('reads the SQL from --file, and from standard input with - or when nothing else is given', async () => {
    const file = join(dir, 'query.sql');
    await writeFile(file, '-- from a file\nSELECT 41 + 1 AS answer\n');
    const fromFile = await run(['sql', '--config', configPath, '--source', 'historian', '--file', file, '--json']);
    expect(fromFile.code).toBe(0);
    expect((JSON.parse(fromFile.out) as Answer).rows).toEqual([[42]]);
    const dash = await run(['sql', '--config', configPath, '--source', 'historian', '-', '--json'], 'SELECT 7 AS seven');
    expect((JSON.parse(dash.out) as Answer).rows).toEqual([[7]]);
    const piped = await run(['sql', '--config', configPath, '--source', 'historian', '--json'], 'SELECT 8 AS eight');
    expect((JSON.parse(piped.out) as Answer).rows).toEqual([[8]]);
  });

  it('says what is missing when there is no SQL anywhere, or a file cannot be read (exit 2)', async () => {
    const none = await run(['sql', '--config', configPath, '--source', 'historian'], null);
    expect(none.code).toBe(2);
    expect(none.err).toContain('missing SQL (as text, with --file F, or on standard input)');
    const dash = await run(['sql', '--config', configPath, '--source', 'historian', '-'], null);
    expect(dash.code).toBe(2);
    expect(dash.err).toContain('nothing was piped in');
    const missing = await run(['sql', '--config', configPath, '--source', 'historian', '--file', join(dir, 'nope.sql')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read --file');
    expect(missing.err).toContain('ENOENT');
  });

  it('notes the row cap only when a result hit it', async () => {
    const small = JSON.parse(
      (await run(['sql', '--config', configPath, '--source', 'historian', '--json', 'SELECT count(*) FROM tags'])).out,
    ) as Answer;
    expect(small.truncated).toBe(false);
    expect(small.notes).toEqual([]);
    expect(small.decision).toMatchObject({ kind: 'rewrite', rule: 'rows.limit' });
    const big = JSON.parse(
      (await run(['sql', '--config', configPath, '--source', 'historian', '--json', 'SELECT tag_id, ts FROM samples'])).out,
    ) as Answer;
    expect(big.rows).toHaveLength(10_000);
    expect(big.truncated).toBe(true);
    expect(big.notes).toContain('the result was truncated at 10000 rows (rows cap)');
    expect(big.notes.join(' ')).not.toContain('limited to');
  });
});

describe('CLI tables in plant time', () => {
  it('otq sql shows instants in plant time with their offset (the DST night twice), not UTC ISO; plain timestamps as they are', async () => {
    const { code, out } = await run([
      'sql',
      '--config',
      configPath,
      '--source',
      'historian',
      "SELECT t AS ts, TIMESTAMP '2026-10-25 02:30:00' AS wall FROM (VALUES (TIMESTAMPTZ '2026-10-25 00:30:00+00'), (TIMESTAMPTZ '2026-10-25 01:30:00+00'), (TIMESTAMPTZ '2026-08-03 10:15:30+00')) v(t) ORDER BY t",
    ]);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[2]).toMatch(/^2026-08-03 12:15:30 \+02:00 \| 2026-10-25 02:30 *$/);
    expect(lines[3]).toMatch(/^2026-10-25 02:30:00 \+02:00 \| 2026-10-25 02:30 *$/);
    expect(lines[4]).toMatch(/^2026-10-25 02:30:00 \+01:00 \| 2026-10-25 02:30 *$/);
    expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  it("otq ask prints the answer's table in plant time too", async () => {
    const { code, out } = await run(['ask', '--config', configPath, '--now', '2026-10-15T08:30:00Z', 'hourly average T1 level yesterday']);
    expect(code).toBe(0);
    expect(out).toMatch(/\n2026-10-14 00:00 \+02:00 \| +\d/);
    expect(out).toMatch(/\n2026-10-14 23:00 \+02:00 \| +\d/);
    expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  it('otq ask exits 1 when nothing could answer the question (a script tells it from an answer), 0 for an answer', async () => {
    const declined = await run(['ask', '--config', configPath, '--now', '2026-10-15T08:30:00Z', 'average discharge pressure of bps01']);
    expect(declined.code).toBe(1);
    expect(declined.out).toMatch(/^The quick planner could not answer this \(the question names no time window/);
    expect(declined.out).toContain('No model is configured for open questions: set model: in otq.yaml');
    expect(declined.out).not.toContain('planner.vocabulary');
  });

  it('a decline that names a word it could not place says first which word, then where a site word is added', async () => {
    const declined = await run(['ask', '--config', configPath, '--now', '2026-10-15T08:30:00Z', 'zorbl of T1 yesterday']);
    expect(declined.code).toBe(1);
    expect(declined.out).toMatch(/^The quick planner could not answer this \([^)]*"zorbl"/);
    expect(declined.out).toMatch(/add it under planner\.vocabulary in otq\.yaml\. No model is configured/);
  });

  it('otq ask leads with the tag’s name, as the web page and the bots do, and says which path it stands for', async () => {
    const { code, out } = await run([
      'ask',
      '--config',
      configPath,
      '--now',
      '2026-10-15T08:30:00Z',
      'max discharge pressure at BPS03 yesterday',
    ]);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^BPS03 discharge header pressure, yesterday \(.*\): maximum \d/);
    expect(out).toContain('note: tags: BPS03 discharge header pressure = BPS03/Header/DischargePressure');
  });
});

describe('a reader that goes away', () => {
  it('otq catalog | head ends quietly: no EPIPE trace, exit 0', async () => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin/otq.mjs'), 'catalog', '--config', configPath], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    // Like `head -1`: read the first chunk, then close the pipe.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(err).not.toMatch(/EPIPE|internal error|at .*\.(ts|js):\d+/);
    expect(code).toBe(0);
  });
});

describe('configuration checked at start-up', () => {
  it('refuses an unknown time zone naming the key and its line (exit 2), before any question', async () => {
    const bad = join(dir, 'bad-tz.yaml');
    await writeFile(bad, stringify(baseConfig({ timezone: 'Europe/Berln' })));
    const { code, err } = await run(['ask', 'latest BPS03 discharge pressure', '--config', bad]);
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`${bad}:1:\\d+: timezone: unknown time zone "Europe/Berln"; use an IANA name`));
  });

  it('reads --config written before the command, as people type it (otq --config F ask ...)', async () => {
    const bad = join(dir, 'bad-tz-first.yaml');
    await writeFile(bad, stringify(baseConfig({ timezone: 'Europe/Berln' })));
    const refused = await run(['--config', bad, 'ask', 'latest BPS03 discharge pressure']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`${bad}:1:`);
    const answered = await run([
      `--config=${configPath}`,
      'ask',
      '--now',
      '2026-10-15T08:30:00Z',
      'max discharge pressure at BPS03 yesterday',
    ]);
    expect(answered.code).toBe(0);
    expect(answered.out).toMatch(/^BPS03 discharge header pressure, yesterday/);
    const alone = await run(['--config', configPath]);
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('--config names a file for a command');
  });

  it('refuses an unknown time zone of a report', async () => {
    const bad = join(dir, 'bad-report-tz.yaml');
    await writeFile(
      bad,
      stringify(
        baseConfig({
          reports: [
            { name: 'r', cron: '0 7 * * *', timezone: 'Mars/Olympus', user: 'engineer', question: 'x', destinations: [{ folder: dir }] },
          ],
        }),
      ),
    );
    const { code, err } = await run(['report', 'list', '--config', bad]);
    expect(code).toBe(2);
    expect(err).toContain('reports.0.timezone: unknown time zone "Mars/Olympus"');
  });

  it('otq policy check refuses what start-up refuses, with the same messages', async () => {
    const policy = join(dir, 'site.policy.yaml');
    await writeFile(
      policy,
      [
        'version: 1',
        'roles:',
        '  site:',
        '    tools: [run_sql]',
        '    sources:',
        '      historian:',
        '        tables:',
        '          tags:',
        "            rowFilter: site = = 'x'",
        '',
      ].join('\n'),
    );
    const config = join(dir, 'with-policy.yaml');
    await writeFile(config, stringify(baseConfig({ policies: { files: [policy] } })));
    const check = await run(['policy', 'check', '--config', config]);
    expect(check.code).toBe(2);
    expect(check.err).toContain(`${policy}:9:24: role site: row filter of tags is not a valid SQL predicate`);
    const start = await run(['catalog', '--config', config]);
    expect(start.code).toBe(2);
    const errors = check.err.split('\n').filter((l) => l.startsWith(policy));
    expect(errors).toHaveLength(1);
    for (const line of errors) expect(start.err).toContain(line);
    const alone = await run(['policy', 'check', policy, '--config', configPath]);
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('row filter of tags is not a valid SQL predicate');
  });

  it('otq policy check and start-up warn about a tool otq does not have (a typo grants nothing)', async () => {
    const policy = join(dir, 'tool-typo.policy.yaml');
    await writeFile(
      policy,
      'version: 1\nroles:\n  engineer:\n    tools: [run_sql, tag_stat]\n    sources:\n      historian:\n        tables: "*"\n',
    );
    const check = await run(['policy', 'check', policy, '--config', configPath]);
    expect(check.code).toBe(0);
    const warning = `warning: ${policy}:4:22: role engineer: otq has no tool tag_stat, so it is not granted`;
    expect(check.err).toContain(warning);
    const config = join(dir, 'tool-typo.yaml');
    await writeFile(config, stringify(baseConfig({ policies: { files: [policy] } })));
    // Start-up prints its warnings on the process's standard error (before any command output).
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const started = await run(['sql', '--config', config, '--source', 'historian', 'SELECT 1 AS one']);
      expect(started.code).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toContain(`otq: policy: ${warning.replace('warning: ', '')}`);
  });

  it('otq policy check warns where start-up warns: a granted table the source lacks grants nothing', async () => {
    const policy = join(dir, 'typo.policy.yaml');
    await writeFile(
      policy,
      'version: 1\nroles:\n  typo:\n    tools: [run_sql]\n    sources:\n      historian:\n        tables:\n          sampels: null\n',
    );
    const { code, err } = await run(['policy', 'check', policy, '--config', configPath]);
    expect(code).toBe(0);
    expect(err).toContain(`warning: ${policy}:8:20: role typo: source historian has no table sampels`);
  });

  it('otq policy check passes the shipped policies and warns about a grant of a source that is not configured', async () => {
    const policy = join(dir, 'other.policy.yaml');
    await writeFile(policy, "version: 1\nroles:\n  other:\n    tools: [run_sql]\n    sources:\n      historain:\n        tables: '*'\n");
    const { code, out, err } = await run(['policy', 'check', policy, '--config', configPath]);
    expect(code).toBe(0);
    expect(out).toMatch(/^valid: 1 file, roles other/);
    expect(err).toContain('warning: role other grants source historain, which is not configured; it grants nothing');
    expect((await run(['policy', 'check', '--config', configPath])).code).toBe(0);
  });
});

describe('otq report run exit codes', () => {
  it('exits 0 for a delivered report, 3 for a denied one, 1 for a failed one; every run is still delivered', async () => {
    const ok = await run(['report', 'run', 'tags', '--config', configPath]);
    expect(ok.code).toBe(0);
    const denied = await run(['report', 'run', 'shifts', '--config', configPath]);
    expect(denied.code).toBe(3);
    expect(denied.out).toContain('denied by policy');
    const failed = await run(['report', 'run', 'broken', '--config', configPath]);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('could not be produced');
    const files = await readdir(reportsDir);
    expect(files.filter((f) => f.startsWith('shifts-'))).toHaveLength(1);
    expect(files.filter((f) => f.startsWith('broken-'))).toHaveLength(1);
  });
});
