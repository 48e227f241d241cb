// Two servers and the CLI on one audit directory, as real processes: one chain each, verified and exported as one log.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDocument } from '../../app/config/default-config.ts';
import { projectRoot } from '../../app/config/load-config.ts';
import { testHistorianFile, testTelemetryDir } from '../helpers/sample-data.ts';

const OTQ = join(projectRoot, 'bin', 'otq.mjs');
const SQL = "SELECT tag_path, unit FROM tags WHERE tag_path LIKE 'BPS03/%' ORDER BY tag_path LIMIT 3";

let dir: string;
let configPath: string;
const servers: { child: ChildProcess; url: string }[] = [];

/** Runs the real CLI in its own process; resolves with its exit code and output. */
async function otq(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [OTQ, ...args, '--config', configPath], { cwd: dir });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: e.stdout ?? '', err: e.stderr ?? '' };
  }
}

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [OTQ, 'serve', '--port', '0', '--config', configPath], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`otq serve exited (${code}) before it was ready: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const ready = /otq is ready on (\S+)/.exec(line);
      if (ready) resolve(ready[1] as string);
    });
  });
  return { child, url };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function askSql(url: string): Promise<{ auditSeq: number[] }> {
  const res = await fetch(`${url}/api/sql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ source: 'historian', sql: SQL }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { auditSeq: number[] };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'otq-writers-'));
  configPath = join(dir, 'otq.yaml');
  const { samples: _samples, ...base } = defaultConfigDocument;
  const sources = {
    historian: { ...defaultConfigDocument.sources.historian, file: testHistorianFile },
    telemetry: { ...defaultConfigDocument.sources.telemetry, folder: testTelemetryDir },
  };
  await writeFile(configPath, stringify({ ...base, sources, audit: { dir: join(dir, 'audit') } }));
  servers.push(await startServer());
  servers.push(await startServer());
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => stop(s.child)));
  await rm(dir, { recursive: true, force: true });
});

describe('one audit directory, several writers', () => {
  it('serves from two instances and runs the CLI beside them; verify and a bundle exported right after see one log', async () => {
    for (const server of servers) for (let i = 0; i < 3; i++) await askSql(server.url);
    const cli = await otq('sql', '--source', 'historian', SQL);
    expect(cli.code, cli.err).toBe(0);
    expect(cli.out).toContain('BPS03/');

    const verify = await otq('audit', 'verify');
    expect(verify.code, verify.out + verify.err).toBe(0);
    expect(verify.out).toMatch(/^intact: .+: \d+ records in 3 chain\(s\), \d+ signed heads, \d+ checkpoints, 0 records not yet covered/);
    expect(verify.out).toMatch(/chain 01: .*writer live\n {2}chain 02: .*writer live\n {2}chain 03: .*writer none\n/);

    // Right after activity, while both servers keep writing: the bundle ends on signatures and verifies itself.
    const writing = Promise.all(servers.map((s) => askSql(s.url)));
    const bundle = join(dir, 'evidence');
    const exported = await otq('audit', 'export', '--since', '1h', '--bundle', bundle);
    await writing;
    expect(exported.code, exported.err).toBe(0);
    expect(exported.err).toMatch(/proven against signed heads: chain 01 at size \d+, chain 02 at size \d+, chain 03 at size \d+/);
    expect(exported.out).toMatch(/^bundle intact: \d+ records proven against the signed heads of chain 01 /);
    const sh = (cmd: string) => promisify(execFile)('sh', ['-c', cmd], { cwd: bundle });
    expect((await sh('node verify-bundle.mjs .')).stdout).toMatch(/^bundle intact/);
    expect((await sh('sha256sum -c --quiet SHA256SUMS && echo sums-ok')).stdout).toBe('sums-ok\n');
    const openssl = await sh(
      `for head in heads/*.txt; do sed '/^$/,$d' "$head" > body.txt; tail -n 1 "$head" | cut -d' ' -f3 | base64 -d > blob.bin; ` +
        `tail -c 64 blob.bin > sig.bin; keyid=$(head -c 4 blob.bin | od -An -tx1 | tr -d ' \\n'); ` +
        `openssl pkeyutl -verify -pubin -inkey "keys/$keyid.pem" -rawin -in body.txt -sigfile sig.bin; done`,
    );
    expect(openssl.stdout).toBe('Signature Verified Successfully\n'.repeat(3));
  }, 120_000);

  it('after both servers stop, every chain ends on a signature', async () => {
    await Promise.all(servers.map((s) => stop(s.child)));
    const verify = await otq('audit', 'verify', '--json');
    const report = JSON.parse(verify.out) as { ok: boolean; uncovered: number; chains: { writer: string }[] };
    expect(report).toMatchObject({ ok: true, uncovered: 0 });
    expect(report.chains.map((c) => c.writer)).toEqual(['none', 'none', 'none']);
  }, 60_000);
});
