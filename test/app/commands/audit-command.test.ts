// `otq audit verify | export | pubkey` as a user runs them, and the evidence bundle checked with standard tools.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditCommand } from '../../../app/commands/audit-command.ts';
import { createFileAuditLog } from '../../../audit/file-audit-log.ts';
import { readAuditRecords } from '../../../audit/read-audit-records.ts';
import { parseTimeSpec } from '../../../audit/time-window.ts';
import type { CliIo } from '../../../core/cli-io.ts';
import { tempLogDir } from '../../audit/helpers.ts';

const NOW = new Date('2025-03-10T12:00:00.000Z');

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

/** 30 records over 30 hours before NOW, alternating users and kinds, each under its own head; hourly full checkpoints. */
async function sampleLog(): Promise<string> {
  const dir = await tempLogDir();
  let t = NOW.getTime() - 30 * 3_600_000;
  const log = await createFileAuditLog({ dir, checkpointEvery: 10, clock: () => new Date(t) });
  for (let i = 0; i < 30; i++) {
    t += 3_600_000 - 10;
    const user = i % 3 === 0 ? 'bob' : 'alice';
    await log.record(
      i % 2 ? 'data_access' : 'tool_call',
      { principal: user, channel: 'web', requestId: `q${i}` },
      { i, sql: `SELECT "value", ts FROM samples WHERE tag = 'P-10${i}'`, rows: i },
    );
  }
  await log.close();
  return dir;
}

const segmentOf = (dir: string) => join(dir, 'chains', '01', 'segment-000001.jsonl');

describe('otq audit', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await sampleLog();
  });

  it('verify prints "intact: DIR: N records in C chain(s), H signed heads ..., 0 not yet covered" and exits 0', async () => {
    const io = captureIo();
    expect(await auditCommand(['verify'], io, { dir })).toBe(0);
    // The directory it checked comes first: with several configs about, a verdict must say which log it is about.
    expect(io.stdout.startsWith(`intact: ${dir}: `)).toBe(true);
    expect(io.stdout.slice(`intact: ${dir}: `.length)).toMatch(
      /^60 records in 1 chain\(s\), 30 signed heads, 15 checkpoints, 0 records not yet covered by a signature \(key [0-9a-f]{8}\)\n {2}chain 01: 60 records, 30 signed heads, 0 uncovered, writer none\n$/,
    );
    const json = captureIo();
    expect(await auditCommand(['verify', '--json'], json, { dir })).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, records: 60, uncovered: 0, chains: [{ chain: '01' }] });
  });

  it('verify prints the first bad evidence id (chain:seq) and exits 1 for an edited record', async () => {
    const copy = await sampleLog();
    await writeFile(segmentOf(copy), (await readFile(segmentOf(copy), 'utf8')).replace('"rows":7,', '"rows":0,'));
    const io = captureIo();
    expect(await auditCommand(['verify', '--log', copy], io, { dir: '/nonexistent' })).toBe(1);
    expect(io.stdout).toMatch(
      /^TAMPERED or damaged: .*\nfirst bad sequence number: 01:15\nchain 01 segment-000001\.jsonl line 15: hash mismatch/,
    );
  });

  it('verify with --pubkey and --checkpoint uses the given trust anchors', async () => {
    const pub = join(dirname(dir), 'trusted.pem');
    const io = captureIo();
    expect(await auditCommand(['pubkey'], io, { dir })).toBe(0);
    await writeFile(pub, io.stdout);
    const out = captureIo();
    expect(
      await auditCommand(['verify', '--log', dir, '--pubkey', pub, '--checkpoint', join(dir, 'chains', '01', 'checkpoints.txt')], out, {
        dir: '/elsewhere',
      }),
    ).toBe(0);
    expect(out.stdout).toMatch(/^intact: .*: 60 records/);
  });

  it('pubkey prints the SPKI PEM', async () => {
    const io = captureIo();
    expect(await auditCommand(['pubkey', '--log', dir], io, { dir: '/x' })).toBe(0);
    expect(io.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);
  });

  it('export --since 24h writes the window as JSONL lines exactly as stored', async () => {
    const io = captureIo();
    expect(await auditCommand(['export', '--since', '24h'], io, { dir, clock: () => NOW })).toBe(0);
    const lines = io.stdout.trim().split('\n');
    const records = lines.map((l) => JSON.parse(l) as { ts: string; seq: number; chain: string });
    expect(records.filter((r) => r.ts < '2025-03-09T12:00:00.000Z' || r.chain !== '01')).toEqual([]);
    const all = await readAuditRecords({ dir });
    expect(records.length).toBe(all.filter((r) => r.ts >= '2025-03-09T12:00:00.000Z').length);
    expect(records.length).toBeGreaterThan(20);
    expect(records.length).toBeLessThan(all.length);
    const stored = (await readFile(segmentOf(dir), 'utf8')).split('\n');
    expect(stored).toEqual(expect.arrayContaining(lines));
    expect(io.stderr).toBe(`exported ${lines.length} records\n`);
  });

  it('export filters by --until, --user, --kind and writes CSV', async () => {
    const io = captureIo();
    const code = await auditCommand(
      ['export', '--since', '2025-03-09T00:00:00Z', '--until', '6h', '--user', 'bob', '--kind', 'tool_call', '--format', 'csv'],
      io,
      { dir, clock: () => NOW },
    );
    expect(code).toBe(0);
    const [header, ...rows] = io.stdout.trim().split('\n');
    expect(header).toBe('chain,seq,ts,kind,principal,channel,requestId,payload,prev,hash');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(row).toMatch(/^01,\d+,2025-03-(09T|10T0[0-5])[^,]+,tool_call,bob,web,q\d+,"\{""i"":\d+,""rows"":\d+,""sql"":""SELECT /);
    const direct = await readAuditRecords({
      dir,
      since: new Date('2025-03-09T00:00:00Z'),
      until: new Date('2025-03-10T06:00:00Z'),
      user: 'bob',
      kind: 'tool_call',
    });
    expect(rows.length).toBe(direct.length);
    expect((await readAuditRecords({ dir, limit: 3 })).map((r) => r.seq)).toEqual([1, 2, 3]);
  });

  it('rejects bad arguments with exit 2 and a message that says what to do', async () => {
    const cases: [string[], RegExp][] = [
      [['export'], /--since is required/],
      [['export', '--since', 'yesterday'], /--since "yesterday" is neither a duration/],
      [['export', '--since', '1h', '--kind', 'chat'], /--kind chat is not a record kind/],
      [['export', '--since', '1h', '--format', 'xml'], /use jsonl or csv/],
      [['export', '--since', '1h', '--chain', 'a'], /--chain a: a chain id is two to six digits/],
      [['verify', '--bogus', 'x'], /unknown argument --bogus/],
      [['rotate'], /expected verify, export, prove, pubkey or rotate-key/],
      [['prove'], /expected one sequence number/],
      [['prove', 'x1'], /"x1" is not a sequence number \(42\) or an evidence id \(01:42\)/],
      [['verify', '--log', '/nonexistent/otq'], /no audit log directory/],
    ];
    for (const [args, message] of cases) {
      const io = captureIo();
      expect(await auditCommand(args, io, { dir }), args.join(' ')).toBe(2);
      expect(io.stderr).toMatch(message);
    }
    const missing = captureIo();
    expect(await auditCommand(['prove', '9999'], missing, { dir })).toBe(1);
    expect(missing.stderr).toMatch(/no record with sequence number 9999/);
    expect(parseTimeSpec('30m', NOW, '--since').toISOString()).toBe('2025-03-10T11:30:00.000Z');
    expect(parseTimeSpec('7d', NOW, '--since').toISOString()).toBe('2025-03-03T12:00:00.000Z');
  });

  it('export --bundle writes an evidence folder that sha256sum, openssl, jq and the bundled script re-verify', async () => {
    const bundle = join(dirname(dir), 'bundle');
    const io = captureIo();
    expect(
      await auditCommand(['export', '--since', '24h', '--until', '3h', '--user', 'alice', '--bundle', bundle], io, {
        dir,
        clock: () => NOW,
      }),
    ).toBe(0);
    expect(io.stderr).toMatch(/wrote \d+ records to .*bundle \(proven against signed heads: chain 01 at size 59; log intact\)/);
    expect(io.stdout).toMatch(/^bundle intact: \d+ records proven against the signed heads of chain 01 \(size 59, signed /);
    const sh = (cmd: string): string => execFileSync('sh', ['-c', cmd], { cwd: bundle, encoding: 'utf8' });
    expect(sh('sha256sum -c SHA256SUMS')).toMatch(/records\.jsonl: OK/);
    expect(sh(OPENSSL_HEADS)).toMatch(/^Signature Verified Successfully\n$/);
    const jqHash = sh(`head -n 1 records.jsonl | jq -cjS 'del(.hash)' | sha256sum | cut -d' ' -f1`).trim();
    expect(jqHash).toBe(sh('head -n 1 records.jsonl | jq -r .hash').trim());
    expect(sh('node verify-bundle.mjs .')).toMatch(/^bundle intact: \d+ records proven against the signed heads of chain 01/);
    const report = JSON.parse(await readFile(join(bundle, 'verify-report.json'), 'utf8')) as { ok: boolean };
    expect(report.ok).toBe(true);
    // An edited record (checksums recomputed, as a forger would) is caught by the bundled script.
    const records = join(bundle, 'records.jsonl');
    await writeFile(records, (await readFile(records, 'utf8')).replace('"principal":"alice"', '"principal":"mallory"'));
    expect(bundleFailure(bundle)).toMatch(/^bundle NOT intact: records\.jsonl does not match its SHA256SUMS line/);
    sh('sha256sum $(cut -d" " -f3 SHA256SUMS) > SUMS.new && mv SUMS.new SHA256SUMS');
    expect(bundleFailure(bundle)).toMatch(
      /^bundle NOT intact: records\.jsonl: record 01:\d+ has hash [0-9a-f]{64} but its content hashes to/,
    );
    const again = captureIo();
    expect(await auditCommand(['export', '--since', '24h', '--bundle', bundle], again, { dir, clock: () => NOW })).toBe(2);
    expect(again.stderr).toMatch(/is not empty/);
  });

  it('export --bundle does not report success for a bundle that fails its own verifier (heads not signed by the trusted key)', async () => {
    const stranger = join(dirname(dir), 'stranger.pem');
    await writeFile(stranger, generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }) as string);
    const bundle = join(dirname(dir), 'bundle-untrusted');
    const io = captureIo();
    expect(await auditCommand(['export', '--since', '24h', '--pubkey', stranger, '--bundle', bundle], io, { dir, clock: () => NOW })).toBe(
      1,
    );
    expect(io.stdout).toBe('');
    const untrusted = /heads\/01\.txt is signed by key [0-9a-f]{8}, which is neither audit-pubkey\.pem nor announced in rotations\.jsonl/;
    expect(io.stderr).toMatch(new RegExp(`^otq audit: the bundle written to .*bundle-untrusted does not verify: ${untrusted.source}`));
    expect(bundleFailure(bundle)).toMatch(new RegExp(`^bundle NOT intact: ${untrusted.source}`));
  });

  it('prove SEQ prints an inclusion proof, and --bundle writes one the bundle verifier checks', async () => {
    const io = captureIo();
    expect(await auditCommand(['prove', '15'], io, { dir })).toBe(0);
    const proof = JSON.parse(io.stdout) as { chain: string; seq: number; record: string; treeSize: number; path: string[]; head: string };
    expect(proof).toMatchObject({ chain: '01', seq: 15, treeSize: 59 });
    expect(proof.record).toMatch(/^\{"chain":"01",.*"seq":15,/);
    expect(proof.head).toMatch(/^otq\.audit\/v1\/01\n59\n/);
    expect(proof.path.length).toBeGreaterThan(3);
    const bundle = join(dirname(dir), 'proof-15');
    const out = captureIo();
    expect(await auditCommand(['prove', '01:15', '--bundle', bundle], out, { dir })).toBe(0);
    expect(out.stdout).toMatch(/^bundle intact: 1 records proven against the signed heads of chain 01 \(size 59/);
    expect(execFileSync('node', ['verify-bundle.mjs', '.'], { cwd: bundle, encoding: 'utf8' })).toMatch(/^bundle intact: 1 records/);
    expect(execFileSync('sh', ['-c', OPENSSL_HEADS], { cwd: bundle, encoding: 'utf8' })).toMatch(/Verified Successfully/);
  });
});

/** The README's OpenSSL loop over heads/*.txt. */
const OPENSSL_HEADS = `for head in heads/*.txt; do
  sed '/^$/,$d' "$head" > body.txt
  tail -n 1 "$head" | cut -d' ' -f3 | base64 -d > blob.bin
  tail -c 64 blob.bin > sig.bin
  keyid=$(head -c 4 blob.bin | od -An -tx1 | tr -d ' \\n')
  openssl pkeyutl -verify -pubin -inkey "keys/$keyid.pem" -rawin -in body.txt -sigfile sig.bin
done`;

function bundleFailure(bundle: string): string {
  try {
    execFileSync('node', ['verify-bundle.mjs', '.'], { cwd: bundle, encoding: 'utf8' });
    return 'verified';
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}
