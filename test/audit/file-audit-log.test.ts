// The evidence log writer: durable signed records, group commit, one writer per chain, checkpoints, keys, recovery.
import { createHash } from 'node:crypto';
import { appendFile, chmod, readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileAuditLog, type FileAuditLog } from '../../audit/file-audit-log.ts';
import type { AuditRecord } from '../../audit/audit-record.ts';
import { canonicalize } from '../../audit/jcs.ts';
import { encodeRecord } from '../../audit/record-codec.ts';
import { verifyAuditLog } from '../../audit/verify-audit-log.ts';
import type { JsonValue } from '../../core/json.ts';
import { CONTEXT, chainDir, exited, readRecords, spawnChild, tempLogDir } from './helpers.ts';

const open: FileAuditLog[] = [];
async function openLog(options: Parameters<typeof createFileAuditLog>[0]): Promise<FileAuditLog> {
  const log = await createFileAuditLog(options);
  open.push(log);
  return log;
}
afterEach(async () => {
  await Promise.allSettled(open.splice(0).map((l) => l.close()));
});

async function listAll(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('createFileAuditLog', () => {
  it('writes each record with the contract fields, its chain, and a JCS SHA-256 hash, under a signed head when record() resolves', async () => {
    const dir = await tempLogDir();
    const log = await openLog({ dir, clock: () => new Date('2025-03-01T10:00:00.123Z') });
    expect(log.chain).toBe('01');
    const first = await log.record('tool_call', CONTEXT, { tool: 'run_sql', args: { sql: 'SELECT 1' } });
    const onDisk = await readRecords(dir);
    expect(onDisk[0]).toEqual(first);
    expect(first).toMatchObject({
      chain: '01',
      seq: 1,
      ts: '2025-03-01T10:00:00.123Z',
      prev: '0'.repeat(64),
      kind: 'tool_call',
      principal: 'alice',
      channel: 'cli',
      requestId: 'req-1',
    });
    const { hash, ...rest } = first;
    expect(hash).toBe(
      createHash('sha256')
        .update(canonicalize(rest as unknown as JsonValue))
        .digest('hex'),
    );
    // the batch ends in a signed head over the record: nothing acknowledged is outside a signature
    expect(onDisk[1]).toMatchObject({ seq: 2, kind: 'checkpoint', prev: first.hash });
    expect(onDisk[1]?.payload.note as string).toMatch(/^otq\.audit\/v1\/01\n1\n/);
    const second = await log.record('policy_decision', { ...CONTEXT, principal: null }, { decision: 'allow' });
    expect(second).toMatchObject({ seq: 3, prev: (onDisk[1] as { hash: string }).hash });
    expect(await verifyAuditLog({ dir })).toMatchObject({ ok: true, records: 4, heads: 2, uncovered: 0 });
  });

  it('group-commits 16 concurrent records into one write, one fsync and one signature', async () => {
    const dir = await tempLogDir();
    const log = await openLog({ dir });
    await log.record('config', CONTEXT, { version: '0.1.0' });
    const before = log.stats();
    const records = await Promise.all(Array.from({ length: 16 }, (_, i) => log.record('answer', CONTEXT, { i })));
    expect(log.stats().fsyncs - before.fsyncs).toBe(1);
    expect(log.stats().heads - before.heads).toBe(1);
    expect(new Set(records.map((r) => r.seq)).size).toBe(16);
    expect((await readRecords(dir)).map((r) => r.kind)).toEqual(['config', 'checkpoint', ...Array(16).fill('answer'), 'checkpoint']);
    // one at a time: one fsync each
    for (let i = 0; i < 4; i++) await log.record('answer', CONTEXT, { i });
    expect(log.stats().fsyncs - before.fsyncs).toBe(5);
  });

  it('masks secrets in payloads before hashing, so they never reach the disk', async () => {
    const dir = await tempLogDir();
    const log = await openLog({ dir });
    const record = await log.record('data_access', CONTEXT, {
      source: 'pg',
      dsn: 'postgres://reader:Sup3rS3cret@db:5432/ot',
      password: 'Sup3rS3cret',
      headers: { authorization: 'Bearer Sup3rS3cret' },
    });
    await log.close();
    for (const path of await listAll(dir)) expect(await readFile(path, 'utf8')).not.toContain('Sup3rS3cret');
    expect(record.payload).toEqual({
      source: 'pg',
      dsn: 'postgres://reader:***@db:5432/ot',
      password: '***',
      headers: { authorization: '***' },
    });
    expect((await verifyAuditLog({ dir })).ok).toBe(true);
  });

  it('gives a second writer in the same process a chain of its own, and refuses a chain that is taken', async () => {
    const dir = await tempLogDir();
    const first = await openLog({ dir });
    const second = await openLog({ dir });
    expect([first.chain, second.chain]).toEqual(['01', '02']);
    await Promise.all([first.record('answer', CONTEXT, { w: 1 }), second.record('answer', CONTEXT, { w: 2 })]);
    await expect(createFileAuditLog({ dir, chain: '01' })).rejects.toMatchObject({
      code: 'AUDIT_LOCKED',
      message: expect.stringMatching(/chain 01 .*another live process/),
    });
    await first.close();
    const again = await openLog({ dir });
    expect(again.chain).toBe('01');
    await again.record('answer', CONTEXT, {});
    await again.close();
    await second.close();
    expect(await verifyAuditLog({ dir })).toMatchObject({ ok: true, chains: [{ chain: '01' }, { chain: '02' }], uncovered: 0 });
  });

  it('writes beside a process that holds a chain, and takes over that chain once the process died', async () => {
    const dir = await tempLogDir();
    const child = await spawnChild(dir, 'hold');
    try {
      expect(await child.firstLine).toBe(`ready ${child.pid} chain 01`);
      const beside = await openLog({ dir });
      expect(beside.chain).toBe('02');
      await beside.close();
      await expect(createFileAuditLog({ dir, chain: '01' })).rejects.toMatchObject({ code: 'AUDIT_LOCKED' });
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
    const log = await openLog({ dir });
    expect(log.chain).toBe('01');
    const recovery = (await readRecords(dir)).find((r) => r.kind === 'recovery');
    expect(recovery?.payload).toMatchObject({ chain: '01', staleLock: { pid: child.pid } });
    await log.close();
    expect((await verifyAuditLog({ dir })).ok).toBe(true);
  }, 30_000);

  it('writes a full checkpoint every N records, at close, and when idle past the interval (injected clock)', async () => {
    const dir = await tempLogDir();
    let now = new Date('2025-03-01T00:00:00Z');
    const log = await openLog({ dir, checkpointEvery: 5, checkpointIntervalMs: 3_600_000, clock: () => now });
    for (let i = 0; i < 6; i++) await log.record('answer', CONTEXT, { i });
    const full = async () =>
      (await readRecords(dir)).filter((r) => r.kind === 'checkpoint' && r.payload.merkle !== undefined).map((r) => r.payload.size);
    // each record and its light head count: the 3rd batch brings 5 since the last full one
    expect(await full()).toEqual([5, 11]);
    now = new Date('2025-03-01T00:59:00Z');
    expect(await log.checkpointIfDue()).toBeNull();
    now = new Date('2025-03-01T01:00:01Z');
    const idle = await log.checkpointIfDue();
    expect(idle?.size).toBe(12);
    expect(idle?.time).toBe('2025-03-01T01:00:01.000Z');
    await log.record('answer', CONTEXT, {});
    await log.close();
    expect(await full()).toEqual([5, 11, 12, 15]);
    const notes = (await readFile(join(chainDir(dir), 'checkpoints.txt'), 'utf8')).split('otq.audit/v1/01\n').length - 1;
    expect(notes).toBe(4);
    expect(await verifyAuditLog({ dir })).toMatchObject({ ok: true, records: 16, checkpoints: 4, heads: 9 });
  });

  it('generates the key with mode 0600 next to the log, and refuses a key readable by others', async () => {
    const dir = await tempLogDir();
    const log = await openLog({ dir });
    const keyFile = join(dirname(dir), 'audit-key.pem');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(log.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(await readFile(join(dir, 'audit-pubkey.pem'), 'utf8')).toBe(log.publicKeyPem);
    await log.close();
    await chmod(keyFile, 0o644);
    await expect(createFileAuditLog({ dir })).rejects.toThrow(/mode 0644: group\/others can access it.*chmod 600/);
    const otherDir = await tempLogDir();
    const custom = join(dirname(otherDir), 'custom-key.pem');
    const withKeyFile = await openLog({ dir: otherDir, keyFile: custom });
    expect((await stat(custom)).mode & 0o777).toBe(0o600);
    await withKeyFile.close();
    await chmod(keyFile, 0o600);
    await expect(createFileAuditLog({ dir, keyFile: custom })).rejects.toThrow(
      /does not match .*audit-pubkey.pem and no key rotation announced it/,
    );
  });

  it('quarantines a torn last line at start-up and says so in a recovery record', async () => {
    const dir = await tempLogDir();
    const log = await openLog({ dir });
    for (let i = 0; i < 3; i++) await log.record('answer', CONTEXT, { i });
    await log.close();
    const segment = join(chainDir(dir), 'segment-000001.jsonl');
    const torn = '{"chain":"01","channel":"cli","hash":"abc';
    await appendFile(segment, torn);
    expect(await verifyAuditLog({ dir })).toMatchObject({ ok: false, problem: expect.stringMatching(/torn line .*no live writer/) });
    const reopened = await openLog({ dir });
    const recovery = (await readRecords(dir)).find((r) => r.kind === 'recovery');
    expect(recovery?.payload.uncovered).toMatchObject({
      records: 0,
      removedBytes: torn.length,
      removedSha256: createHash('sha256').update(torn).digest('hex'),
      reason: expect.stringContaining('no newline'),
    });
    const quarantine = (await readdir(chainDir(dir))).filter((n) => n.startsWith('quarantine-'));
    expect(quarantine).toHaveLength(1);
    expect(await readFile(join(chainDir(dir), quarantine[0] as string), 'utf8')).toBe(torn);
    await reopened.close();
    expect((await verifyAuditLog({ dir })).ok).toBe(true);
  });

  it('quarantines records that a crash left without their signed head, naming them, and keeps everything acknowledged', async () => {
    const dir = await tempLogDir();
    const log = await openLog({ dir });
    const acknowledged = await log.record('answer', CONTEXT, { i: 1 });
    await log.close();
    // a batch of two records whose head never reached the disk
    const last = (await readRecords(dir)).at(-1) as AuditRecord;
    const unsigned = (seq: number, prev: string) =>
      encodeRecord({
        chain: '01',
        seq,
        ts: last.ts,
        prev,
        kind: 'answer',
        principal: 'alice',
        channel: 'cli',
        requestId: 'r',
        payload: { seq },
      });
    const a = unsigned(last.seq + 1, last.hash);
    const b = unsigned(last.seq + 2, a.record.hash);
    await appendFile(join(chainDir(dir), 'segment-000001.jsonl'), `${a.line}\n${b.line}\n`);
    expect(await verifyAuditLog({ dir })).toMatchObject({
      ok: false,
      firstBadChain: '01',
      firstBadSeq: last.seq + 1,
      problem: expect.stringContaining(
        `2 record(s) at the end of chain 01 (seq ${last.seq + 1}..${last.seq + 2}) are under no signed head`,
      ),
    });
    const reopened = await openLog({ dir });
    const records = await readRecords(dir);
    expect(records.find((r) => r.seq === acknowledged.seq)).toEqual(acknowledged);
    expect(records.some((r) => r.hash === a.record.hash || r.hash === b.record.hash)).toBe(false);
    const recovery = records.find((r) => r.kind === 'recovery');
    expect(recovery?.payload.uncovered).toMatchObject({
      records: 2,
      firstSeq: last.seq + 1,
      lastSeq: last.seq + 2,
      removedBytes: Buffer.byteLength(`${a.line}\n${b.line}\n`),
      note: expect.stringContaining('never acknowledged'),
    });
    await reopened.close();
    expect(await verifyAuditLog({ dir })).toMatchObject({ ok: true, uncovered: 0 });
  });

  it('rotates segments at the size limit and continues the chain across restarts', async () => {
    const dir = await tempLogDir();
    let log = await openLog({ dir, segmentBytes: 4096, checkpointEvery: 7 });
    for (let i = 0; i < 30; i++) await log.record('answer', CONTEXT, { i, text: 'y'.repeat(100) });
    await log.close();
    log = await openLog({ dir, segmentBytes: 4096, checkpointEvery: 7 });
    for (let i = 0; i < 10; i++) await log.record('answer', CONTEXT, { i });
    await log.close();
    expect((await readdir(chainDir(dir))).filter((n) => n.startsWith('segment-')).length).toBeGreaterThan(3);
    const report = await verifyAuditLog({ dir });
    expect(report).toMatchObject({ ok: true, uncovered: 0 });
    expect(report.records).toBe((await readRecords(dir)).length);
  });
});
