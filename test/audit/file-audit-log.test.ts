// The evidence log writer: durable records, group commit, one writer, checkpoints, key handling, torn tails.
import { createHash } from 'node:crypto';
import { appendFile, chmod, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileAuditLog, type FileAuditLog } from '../../audit/file-audit-log.ts';
import { canonicalize } from '../../audit/jcs.ts';
import { verifyAuditLog } from '../../audit/verify-audit-log.ts';
import type { JsonValue } from '../../core/json.ts';
import { CONTEXT, exited, readRecords, spawnChild, tempLogDir } from './helpers.ts';

const open: FileAuditLog[] = [];
async function openLog(options: Parameters<typeof createFileAuditLog>[0]): Promise<FileAuditLog> {
  const log = await createFileAuditLog(options);
  open.push(log);
  return log;
}
afterEach(async () => {
  await Promise.allSettled(open.splice(0).map((l) => l.close()));
});

describe('createFileAuditLog', () => {
  it('writes each record with the contract fields, a chain, and a JCS SHA-256 hash, on disk when record() resolves', async () => {
    const dir = await tempLogDir();
    const log = await openLog({ dir, clock: () => new Date('2025-03-01T10:00:00.123Z') });
    const first = await log.record('tool_call', CONTEXT, { tool: 'run_sql', args: { sql: 'SELECT 1' } });
    const onDisk = await readRecords(dir);
    expect(onDisk).toEqual([first]);
    expect(first).toMatchObject({
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
    const second = await log.record('policy_decision', { ...CONTEXT, principal: null }, { decision: 'allow' });
    expect(second.prev).toBe(first.hash);
    expect(second.seq).toBe(2);
  });

  it('group-commits 16 concurrent records into one write and one fsync', async () => {
    const dir = await tempLogDir();
    const log = await openLog({ dir });
    await log.record('config', CONTEXT, { version: '0.1.0' });
    const before = log.stats().fsyncs;
    const records = await Promise.all(Array.from({ length: 16 }, (_, i) => log.record('answer', CONTEXT, { i })));
    expect(log.stats().fsyncs - before).toBe(1);
    expect(new Set(records.map((r) => r.seq)).size).toBe(16);
    expect((await readRecords(dir)).map((r) => r.seq)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    // one at a time: one fsync each
    for (let i = 0; i < 4; i++) await log.record('answer', CONTEXT, { i });
    expect(log.stats().fsyncs - before).toBe(5);
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
    const bytes = (await readdir(dir)).map((n) => n);
    for (const name of bytes) expect(await readFile(join(dir, name), 'utf8')).not.toContain('Sup3rS3cret');
    expect(record.payload).toEqual({
      source: 'pg',
      dsn: 'postgres://reader:***@db:5432/ot',
      password: '***',
      headers: { authorization: '***' },
    });
    expect((await verifyAuditLog({ dir })).ok).toBe(true);
  });

  it('refuses a second writer in the same process, naming the directory and the holder pid', async () => {
    const dir = await tempLogDir();
    const log = await openLog({ dir });
    const refused = createFileAuditLog({ dir });
    await expect(refused).rejects.toMatchObject({ code: 'AUDIT_LOCKED' });
    await expect(refused).rejects.toThrow(new RegExp(`${dir}.*pid ${process.pid}`));
    await log.close();
    const again = await openLog({ dir });
    await again.record('answer', CONTEXT, {});
  });

  it('refuses a writer while another process holds the log, and takes over its lock once it died', async () => {
    const dir = await tempLogDir();
    const child = await spawnChild(dir, 'hold');
    try {
      expect(await child.firstLine).toBe(`ready ${child.pid}`);
      await expect(createFileAuditLog({ dir })).rejects.toMatchObject({
        code: 'AUDIT_LOCKED',
        message: expect.stringContaining(`pid ${child.pid}`),
      });
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
    const log = await openLog({ dir });
    const records = await readRecords(dir);
    const recovery = records.find((r) => r.kind === 'recovery');
    expect(recovery?.payload).toMatchObject({ staleLock: { pid: child.pid } });
    await log.close();
    expect((await verifyAuditLog({ dir })).ok).toBe(true);
  }, 30_000);

  it('writes a signed checkpoint every N records, at close, and when idle past the interval (injected clock)', async () => {
    const dir = await tempLogDir();
    let now = new Date('2025-03-01T00:00:00Z');
    const log = await openLog({ dir, checkpointEvery: 5, checkpointIntervalMs: 3_600_000, clock: () => now });
    for (let i = 0; i < 12; i++) await log.record('answer', CONTEXT, { i });
    let records = await readRecords(dir);
    expect(records.filter((r) => r.kind === 'checkpoint').map((r) => r.payload.size)).toEqual([5, 11]);
    now = new Date('2025-03-01T00:59:00Z');
    expect(await log.checkpointIfDue()).toBeNull();
    now = new Date('2025-03-01T01:00:01Z');
    const idle = await log.checkpointIfDue();
    expect(idle?.size).toBe(14);
    expect(idle?.time).toBe('2025-03-01T01:00:01.000Z');
    await log.record('answer', CONTEXT, {});
    await log.close();
    records = await readRecords(dir);
    expect(records.filter((r) => r.kind === 'checkpoint').map((r) => r.payload.size)).toEqual([5, 11, 14, 16]);
    const notes = (await readFile(join(dir, 'checkpoints.txt'), 'utf8')).split('otq.audit/v1\n').length - 1;
    expect(notes).toBe(4);
    expect(await verifyAuditLog({ dir })).toMatchObject({ ok: true, records: 17, checkpoints: 4 });
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
    await expect(createFileAuditLog({ dir, keyFile: custom })).rejects.toThrow(/does not match .*audit-pubkey.pem/);
  });

  it('quarantines a torn last line at start-up and says so in a recovery record', async () => {
    const dir = await tempLogDir();
    const log = await openLog({ dir });
    for (let i = 0; i < 3; i++) await log.record('answer', CONTEXT, { i });
    await log.close();
    const segment = join(dir, 'segment-000001.jsonl');
    const torn = '{"channel":"cli","hash":"abc';
    await appendFile(segment, torn);
    const reopened = await openLog({ dir });
    const records = await readRecords(dir);
    const recovery = records[records.length - 1];
    expect(recovery?.kind).toBe('recovery');
    expect(recovery?.payload.tornTail).toMatchObject({
      removedBytes: torn.length,
      removedSha256: createHash('sha256').update(torn).digest('hex'),
      reason: expect.stringContaining('no newline'),
    });
    const quarantine = (await readdir(dir)).filter((n) => n.startsWith('quarantine-'));
    expect(quarantine).toHaveLength(1);
    expect(await readFile(join(dir, quarantine[0] as string), 'utf8')).toBe(torn);
    await reopened.close();
    expect((await verifyAuditLog({ dir })).ok).toBe(true);
  });

  it('quarantines a complete last line whose hash is wrong', async () => {
    const dir = await tempLogDir();
    const log = await openLog({ dir });
    await log.record('answer', CONTEXT, { i: 1 });
    await log.close();
    const segment = join(dir, 'segment-000001.jsonl');
    const lines = (await readFile(segment, 'utf8')).split('\n');
    const bad = `${(lines[lines.length - 2] as string).replace('"kind":"checkpoint"', '"kind":"answer"')}\n`;
    await writeFile(segment, `${lines.slice(0, -2).join('\n')}\n${bad}`);
    const reopened = await openLog({ dir });
    const records = await readRecords(dir);
    expect(records.map((r) => r.kind)).toEqual(['answer', 'recovery']);
    expect(records[1]?.payload.tornTail).toMatchObject({
      removedBytes: Buffer.byteLength(bad),
      reason: expect.stringContaining('hash mismatch'),
    });
    await reopened.close();
  });

  it('rotates segments at the size limit and continues the chain across restarts', async () => {
    const dir = await tempLogDir();
    let log = await openLog({ dir, segmentBytes: 4096, checkpointEvery: 7 });
    for (let i = 0; i < 30; i++) await log.record('answer', CONTEXT, { i, text: 'y'.repeat(100) });
    await log.close();
    log = await openLog({ dir, segmentBytes: 4096, checkpointEvery: 7 });
    for (let i = 0; i < 10; i++) await log.record('answer', CONTEXT, { i });
    await log.close();
    expect((await readdir(dir)).filter((n) => n.startsWith('segment-')).length).toBeGreaterThan(3);
    const report = await verifyAuditLog({ dir });
    expect(report).toMatchObject({ ok: true });
    expect(report.records).toBe((await readRecords(dir)).length);
  });
});
