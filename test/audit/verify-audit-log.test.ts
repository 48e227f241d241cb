// verify finds every kind of tampering: byte flips, deletions, swaps, truncation, rewrites, forged checkpoints, wrong keys.
import { generateKeyPairSync } from 'node:crypto';
import { copyFile, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../audit/audit-record.ts';
import { signCheckpoint } from '../../audit/checkpoint-note.ts';
import { parseCheckpointFile } from '../../audit/checkpoint-note.ts';
import { createFileAuditLog } from '../../audit/file-audit-log.ts';
import { createLogVerifier } from '../../audit/log-verifier.ts';
import { encodeRecord, ZERO_HASH } from '../../audit/record-codec.ts';
import { parsePublicKey } from '../../audit/signing-key.ts';
import { formatSyslogLine } from '../../audit/syslog-forwarder.ts';
import { verifyAuditLog } from '../../audit/verify-audit-log.ts';
import { CONTEXT, readRecords, tempLogDir } from './helpers.ts';

const SEGMENT = 'segment-000001.jsonl';

/** A small closed log: `count` records, checkpoints every 3, one at close (8 records -> 11 lines, 3 checkpoints). */
async function smallLog(count = 8): Promise<string> {
  const dir = await tempLogDir();
  let tick = Date.parse('2025-03-01T00:00:00Z');
  const log = await createFileAuditLog({ dir, checkpointEvery: 3, clock: () => new Date((tick += 1000)) });
  for (let i = 0; i < count; i++) {
    await log.record(
      i % 2 ? 'data_access' : 'tool_call',
      { ...CONTEXT, requestId: `r${i}` },
      { i, sql: `SELECT ${i}`, rows: i * 10, note: 'ü€😀 "quoted" \\ \u000f' },
    );
  }
  await log.close();
  return dir;
}

async function lines(dir: string): Promise<string[]> {
  return (await readFile(join(dir, SEGMENT), 'utf8')).split('\n').slice(0, -1);
}
async function writeLines(dir: string, list: string[]): Promise<void> {
  await writeFile(join(dir, SEGMENT), `${list.join('\n')}\n`);
}

/** Re-chains records with recomputed hashes, as an attacker without the signing key could. */
function rechain(records: AuditRecord[]): string[] {
  let prev = ZERO_HASH;
  return records.map((r, i) => {
    const { record, line } = encodeRecord({
      seq: i + 1,
      ts: r.ts,
      prev,
      kind: r.kind,
      principal: r.principal,
      channel: r.channel,
      requestId: r.requestId,
      payload: r.payload,
    });
    prev = record.hash;
    return line;
  });
}

describe('verifyAuditLog', () => {
  let pristine: string;
  beforeAll(async () => {
    pristine = await smallLog();
  });

  it('reports an intact log', async () => {
    expect(await verifyAuditLog({ dir: pristine })).toMatchObject({ ok: true, records: 11, checkpoints: 3, warnings: [] });
  });

  it('catches a change of any single byte anywhere in the records or the checkpoints file', async () => {
    const dir = await smallLog(4);
    const publicKey = parsePublicKey(await readFile(join(dir, 'audit-pubkey.pem'), 'utf8'));
    const files = { segment: await readFile(join(dir, SEGMENT)), checkpoints: await readFile(join(dir, 'checkpoints.txt')) };
    // Same core as verifyAuditLog, fed from memory so every byte position can be tried quickly.
    const verifyBytes = (segment: Buffer, checkpoints: Buffer): boolean => {
      const verifier = createLogVerifier(publicKey, parseCheckpointFile(checkpoints.toString('utf8'), 'checkpoints.txt'));
      verifier.segment(SEGMENT, true);
      const whole = segment.lastIndexOf(0x0a) + 1;
      if (whole > 0 && !verifier.lines(segment.subarray(0, whole))) return false;
      if (whole < segment.length) verifier.tail(segment.subarray(whole));
      return verifier.finish().ok;
    };
    expect(verifyBytes(files.segment, files.checkpoints)).toBe(true);
    for (const which of ['segment', 'checkpoints'] as const) {
      const original = files[which];
      const missed: number[] = [];
      for (let at = 0; at < original.length; at++) {
        const changed = Buffer.from(original);
        changed[at] = (changed[at] as number) ^ (at % 7 === 0 ? 0x20 : 0x01);
        const ok = which === 'segment' ? verifyBytes(changed, files.checkpoints) : verifyBytes(files.segment, changed);
        if (ok) missed.push(at);
        if (at % 401 === 0) {
          // and through the files on disk, for a sample of positions
          await writeFile(join(dir, which === 'segment' ? SEGMENT : 'checkpoints.txt'), changed);
          expect((await verifyAuditLog({ dir })).ok, `${which} byte ${at} on disk`).toBe(false);
          await writeFile(join(dir, which === 'segment' ? SEGMENT : 'checkpoints.txt'), original);
        }
      }
      expect(missed, `${which}: ${original.length} bytes`).toEqual([]);
    }
    expect((await verifyAuditLog({ dir })).ok).toBe(true);
  }, 60_000);

  it('catches a deleted record with its sequence number', async () => {
    const dir = await smallLog();
    const list = await lines(dir);
    await writeLines(dir, [...list.slice(0, 4), ...list.slice(5)]);
    const report = await verifyAuditLog({ dir });
    expect(report).toMatchObject({ ok: false, firstBadSeq: 5 });
    expect(report.problem).toMatch(/seq 6 where 5 was expected.*records missing/);
  });

  it('catches two swapped records', async () => {
    const dir = await smallLog();
    const list = await lines(dir);
    [list[1], list[2]] = [list[2] as string, list[1] as string];
    await writeLines(dir, list);
    expect(await verifyAuditLog({ dir })).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('catches a truncated tail through the checkpoints file, and through an external copy when that file is cut too', async () => {
    const dir = await smallLog();
    const external = join(dirname(dir), 'shipped-checkpoints.txt');
    await copyFile(join(dir, 'checkpoints.txt'), external);
    await writeLines(dir, (await lines(dir)).slice(0, 9));
    const report = await verifyAuditLog({ dir });
    expect(report).toMatchObject({ ok: false, records: 9, firstBadSeq: 10 });
    expect(report.problem).toMatch(/ends at seq 9.*covers 10 records: seq 10\.\.10 were removed/);
    const notes = (await readFile(join(dir, 'checkpoints.txt'), 'utf8')).split('\n\notq.audit');
    await writeFile(join(dir, 'checkpoints.txt'), `${notes.slice(0, 2).join('\n\notq.audit')}\n\n`);
    expect((await verifyAuditLog({ dir })).ok).toBe(true);
    expect(await verifyAuditLog({ dir, checkpointFile: external })).toMatchObject({ ok: false, firstBadSeq: 10 });
  });

  it('catches a log rewritten with recomputed hashes by the signed checkpoints inside it', async () => {
    const dir = await smallLog();
    const records = await readRecords(dir);
    (records[1] as AuditRecord).payload = { ...(records[1] as AuditRecord).payload, rows: 0 };
    await writeLines(dir, rechain(records));
    const report = await verifyAuditLog({ dir });
    expect(report).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(report.problem).toMatch(/differs from the checkpoint of size 3 .*checkpoints\.txt.*between seq 1 and 3/);
    await rm(join(dir, 'checkpoints.txt'));
    const inLog = await verifyAuditLog({ dir });
    expect(inLog).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(inLog.problem).toMatch(/checkpoint record seq 4: signed Merkle root does not match records 1\.\.3/);
  });

  it('catches a rewrite re-signed with the stolen key only with the checkpoint copy kept outside', async () => {
    const dir = await smallLog();
    const external = join(dirname(dir), 'siem-copy.txt');
    await copyFile(join(dir, 'checkpoints.txt'), external);
    const records = (await readRecords(dir)).filter((r) => r.kind !== 'checkpoint');
    (records[1] as AuditRecord).payload = { ...(records[1] as AuditRecord).payload, rows: 0 };
    for (const name of await readdir(dir)) if (name.startsWith('segment-') || name === 'checkpoints.txt') await rm(join(dir, name));
    const forger = await createFileAuditLog({ dir, checkpointEvery: 3 });
    for (const r of records) await forger.record(r.kind, r, r.payload);
    await forger.close();
    expect((await verifyAuditLog({ dir })).ok).toBe(true);
    const report = await verifyAuditLog({ dir, checkpointFile: external });
    expect(report).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(report.problem).toMatch(/differs from the checkpoint of size 3 .*siem-copy\.txt.*Merkle root mismatch/);
  });

  it('refuses a forged checkpoint: signed by another key, or with an altered signature', async () => {
    const dir = await smallLog();
    const records = await readRecords(dir);
    const other = generateKeyPairSync('ed25519');
    const forged = signCheckpoint(other.privateKey, other.publicKey, {
      size: 12,
      root: 'aa'.repeat(32),
      head: (records[records.length - 1] as AuditRecord).hash,
      time: '2025-03-02T00:00:00.000Z',
    });
    const path = join(dir, 'checkpoints.txt');
    const original = await readFile(path, 'utf8');
    await writeFile(path, `${original}${forged.note}\n`);
    expect((await verifyAuditLog({ dir })).problem).toMatch(/signed by key id [0-9a-f]{8}, not by the given public key/);
    const lastSig = original.lastIndexOf('— otq-audit ') + '— otq-audit '.length + 20;
    const flipped = original.slice(0, lastSig) + (original[lastSig] === 'A' ? 'B' : 'A') + original.slice(lastSig + 1);
    await writeFile(path, flipped);
    expect((await verifyAuditLog({ dir })).problem).toMatch(/signature does not verify/);
  });

  it('fails with the wrong public key', async () => {
    const wrong = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }) as string;
    const report = await verifyAuditLog({ dir: pristine, publicKeyPem: wrong });
    expect(report.ok).toBe(false);
    expect(report.problem).toMatch(/not by the given public key/);
  });

  it('accepts checkpoints shipped as syslog lines as the external copy', async () => {
    const dir = await smallLog();
    const records = (await readRecords(dir)).filter((r) => r.kind === 'checkpoint');
    const syslog = records
      .map((r) =>
        formatSyslogLine({
          size: r.payload.size as number,
          root: r.payload.root as string,
          head: r.payload.head as string,
          time: r.payload.time as string,
          keyId: r.payload.keyId as string,
          note: r.payload.note as string,
        }),
      )
      .join('\n');
    const external = join(dirname(dir), 'syslog.log');
    await writeFile(external, `${syslog}\n`);
    expect(await verifyAuditLog({ dir, checkpointFile: external })).toMatchObject({ ok: true, checkpoints: 3 });
    await writeLines(dir, (await lines(dir)).slice(0, 5));
    await rm(join(dir, 'checkpoints.txt'));
    expect(await verifyAuditLog({ dir, checkpointFile: external })).toMatchObject({ ok: false, firstBadSeq: 6 });
  });

  it('reports a torn last line that no writer has repaired yet, and passes once a writer quarantined it', async () => {
    const dir = await smallLog();
    await writeFile(join(dir, SEGMENT), `${(await lines(dir)).join('\n')}\n{"chan`);
    const report = await verifyAuditLog({ dir });
    expect(report).toMatchObject({ ok: false, records: 11, firstBadSeq: 12 });
    expect(report.problem).toMatch(/line 12: line has no final newline \(a crashed write/);
    await (await createFileAuditLog({ dir })).close();
    expect(await verifyAuditLog({ dir })).toMatchObject({ ok: true, records: 13 });
  });
});
