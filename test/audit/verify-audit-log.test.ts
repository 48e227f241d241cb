// verify finds every kind of tampering: byte flips, deletions, swaps, truncation, re-chained tails, rewrites, forged heads, wrong keys.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../audit/audit-record.ts';
import { checkpointSignatureProblem, parseCheckpointFile, parseCheckpointNote, signCheckpoint } from '../../audit/checkpoint-note.ts';
import { createFileAuditLog, type FileAuditLog } from '../../audit/file-audit-log.ts';
import { createChainVerifier } from '../../audit/log-verifier.ts';
import { encodeRecord, ZERO_HASH } from '../../audit/record-codec.ts';
import { keyIdOf, parsePublicKey } from '../../audit/signing-key.ts';
import { formatSyslogLine } from '../../audit/syslog-forwarder.ts';
import { verifyAuditLog } from '../../audit/verify-audit-log.ts';
import { CONTEXT, chainDir, exited, readRecords, spawnChild, tempLogDir } from './helpers.ts';

const SEGMENT = 'segment-000001.jsonl';

/** A small closed log: `count` records one at a time (each its own batch and head), full checkpoints every 3. */
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

const segmentPath = (dir: string) => join(chainDir(dir), SEGMENT);
const checkpointsPath = (dir: string) => join(chainDir(dir), 'checkpoints.txt');
async function lines(dir: string): Promise<string[]> {
  return (await readFile(segmentPath(dir), 'utf8')).split('\n').slice(0, -1);
}
async function writeLines(dir: string, list: string[]): Promise<void> {
  await writeFile(segmentPath(dir), `${list.join('\n')}\n`);
}
/** Keeps only the notes of checkpoints.txt that cover at most `size` records (an attacker hiding newer ones). */
async function keepNotesUpTo(dir: string, size: number): Promise<void> {
  const notes = parseCheckpointFile(await readFile(checkpointsPath(dir), 'utf8'), 'checkpoints.txt');
  const kept = notes.flatMap((n) => (n.parsed.ok && n.parsed.checkpoint.size <= size ? [`${n.parsed.checkpoint.note}\n`] : []));
  await writeFile(checkpointsPath(dir), kept.join(''));
}

/** Re-chains records with recomputed hashes from `from` on, as an attacker without the signing key could. */
function rechain(records: AuditRecord[], from = 0): string[] {
  let prev = from === 0 ? ZERO_HASH : (records[from - 1] as AuditRecord).hash;
  return records.slice(from).map(({ hash: _hash, ...r }, i) => {
    const { record, line } = encodeRecord({ ...r, chain: '01', seq: from + i + 1, prev });
    prev = record.hash;
    return line;
  });
}
const storedLines = (records: AuditRecord[]) => records.map(({ hash: _hash, ...r }) => encodeRecord({ ...r, chain: '01' }).line);

const writers: FileAuditLog[] = [];
afterEach(async () => {
  await Promise.allSettled(writers.splice(0).map((l) => l.close()));
});

describe('verifyAuditLog', () => {
  let pristine: string;
  beforeAll(async () => {
    pristine = await smallLog();
  });

  it('reports an intact log: every record under a signed head, none uncovered', async () => {
    expect(await verifyAuditLog({ dir: pristine })).toMatchObject({
      ok: true,
      records: 16,
      heads: 8,
      checkpoints: 4,
      uncovered: 0,
      chains: [{ chain: '01', records: 16, uncovered: 0, writer: 'none' }],
      warnings: [],
    });
  });

  it('catches a change of any single byte anywhere in the records or the checkpoints file', async () => {
    const dir = await smallLog(4);
    const publicKey = parsePublicKey(await readFile(join(dir, 'audit-pubkey.pem'), 'utf8'));
    const keys = new Map<string, KeyObject>([[keyIdOf(publicKey), publicKey]]);
    const files = { segment: await readFile(segmentPath(dir)), checkpoints: await readFile(checkpointsPath(dir)) };
    // Same steps as verifyAuditLog for a chain nobody writes, fed from memory so every byte position can be tried quickly.
    const verifyBytes = (segment: Buffer, checkpoints: Buffer): boolean => {
      const notes = parseCheckpointFile(checkpoints.toString('utf8'), 'checkpoints.txt');
      if (notes.some((n) => !n.parsed.ok || n.parsed.checkpoint.chain !== '01')) return false;
      const fileNotes = notes.map((n) => ({ where: n.where, note: n.parsed as Extract<typeof n.parsed, { ok: true }> }));
      const verifier = createChainVerifier('01', { fileNotes });
      verifier.segment(0, SEGMENT);
      const whole = segment.lastIndexOf(0x0a) + 1;
      if (whole > 0) verifier.lines(segment.subarray(0, whole), 0);
      if (whole < segment.length) verifier.tail(segment.subarray(whole), true, whole);
      const r = verifier.finish();
      if (r.problem !== undefined || r.uncovered.records > 0 || r.uncovered.tornBytes > 0) return false;
      return r.claims.every((c) => checkpointSignatureProblem(c.note, keys) === undefined);
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
          const path = which === 'segment' ? segmentPath(dir) : checkpointsPath(dir);
          await writeFile(path, changed);
          expect((await verifyAuditLog({ dir })).ok, `${which} byte ${at} on disk`).toBe(false);
          await writeFile(path, original);
        }
      }
      expect(missed, `${which}: ${original.length} bytes`).toEqual([]);
    }
    expect((await verifyAuditLog({ dir })).ok).toBe(true);
  }, 60_000);

  it('catches a deleted record with its chain and sequence number', async () => {
    const dir = await smallLog();
    const list = await lines(dir);
    await writeLines(dir, [...list.slice(0, 4), ...list.slice(5)]);
    const report = await verifyAuditLog({ dir });
    expect(report).toMatchObject({ ok: false, firstBadChain: '01', firstBadSeq: 5 });
    expect(report.problem).toMatch(/chain 01 segment-000001\.jsonl line 5: seq 6 where 5 was expected.*records missing/);
  });

  it('catches two swapped records', async () => {
    const dir = await smallLog();
    const list = await lines(dir);
    [list[2], list[4]] = [list[4] as string, list[2] as string];
    await writeLines(dir, list);
    expect(await verifyAuditLog({ dir })).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('catches records cut after a head through the checkpoints file, and through an external copy when that file is cut too', async () => {
    const dir = await smallLog();
    const external = join(dirname(dir), 'shipped-checkpoints.txt');
    await copyFile(checkpointsPath(dir), external);
    // cut right after the head at seq 10: the chain alone still ends on a valid signature
    await writeLines(dir, (await lines(dir)).slice(0, 10));
    const report = await verifyAuditLog({ dir });
    expect(report).toMatchObject({ ok: false, records: 10, firstBadSeq: 11 });
    expect(report.problem).toMatch(/chain 01 ends at seq 10.*covers 15 records: seq 11\.\.15 were removed/);
    const notes = (await readFile(checkpointsPath(dir), 'utf8')).split('\n\notq.audit');
    await writeFile(checkpointsPath(dir), `${notes.slice(0, 2).join('\n\notq.audit')}\n\n`);
    expect((await verifyAuditLog({ dir })).ok).toBe(true);
    expect(await verifyAuditLog({ dir, checkpointFile: external })).toMatchObject({ ok: false, firstBadSeq: 11 });
  });

  describe('an edit after the newest full checkpoint, with the chain re-hashed from there (no key)', () => {
    /** Edits the record at seq 13 (after the full checkpoint at 12) and re-chains what follows, keeping or dropping heads. */
    async function tamperTail(dir: string, keepHeads: boolean): Promise<void> {
      const records = await readRecords(dir);
      const index = records.findIndex((r) => r.seq === 13);
      (records[index] as AuditRecord).payload = { ...(records[index] as AuditRecord).payload, rows: 0 };
      const tail = keepHeads ? records : [...records.slice(0, index), ...records.slice(index).filter((r) => r.kind !== 'checkpoint')];
      await writeLines(dir, [...storedLines(tail.slice(0, index)), ...rechain(tail, index)]);
    }

    it('fails where the heads were kept: their signed root no longer matches', async () => {
      const dir = await smallLog();
      await tamperTail(dir, true);
      const report = await verifyAuditLog({ dir });
      expect(report).toMatchObject({ ok: false, firstBadChain: '01', firstBadSeq: 13 });
      expect(report.problem).toMatch(
        /checkpoint record seq 14: signed Merkle root does not match records 1\.\.13; records between seq 13 and 13/,
      );
    });

    it('fails where the heads were dropped: the records are under no signature and no writer is live', async () => {
      const dir = await smallLog();
      await tamperTail(dir, false);
      expect(await verifyAuditLog({ dir })).toMatchObject({ ok: false, firstBadSeq: 13, problem: expect.stringMatching(/truncated/) });
      await keepNotesUpTo(dir, 12);
      const report = await verifyAuditLog({ dir });
      expect(report).toMatchObject({ ok: false, firstBadSeq: 13 });
      expect(report.problem).toMatch(/2 record\(s\) at the end of chain 01 \(seq 13\.\.14\) are under no signed head and no live writer/);
    });

    it('fails on a running writer too: records still uncovered on a second reading are not a batch in flight', async () => {
      const dir = await smallLog();
      const live = await createFileAuditLog({ dir, chain: '01' });
      writers.push(live);
      await live.record('answer', CONTEXT, { after: 'restart' });
      const records = await readRecords(dir);
      const index = records.length - 2;
      (records[index] as AuditRecord).payload = { forged: true };
      await writeLines(dir, [...storedLines(records.slice(0, index)), ...rechain(records.slice(0, -1), index)]);
      await keepNotesUpTo(dir, index);
      const report = await verifyAuditLog({ dir });
      expect(report).toMatchObject({ ok: false, firstBadSeq: index + 1 });
      expect(report.problem).toMatch(/still are on a second reading although a live writer \(live\) holds the chain/);
    });
  });

  it('catches a log rewritten with recomputed hashes by the signed heads inside it', async () => {
    const dir = await smallLog();
    const records = await readRecords(dir);
    (records[2] as AuditRecord).payload = { ...(records[2] as AuditRecord).payload, rows: 0 };
    await writeLines(dir, rechain(records));
    const report = await verifyAuditLog({ dir });
    expect(report).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(report.problem).toMatch(/differs from its checkpoint of size 3 .*checkpoints\.txt.*between seq 1 and 3/);
    await rm(checkpointsPath(dir));
    const inLog = await verifyAuditLog({ dir });
    expect(inLog).toMatchObject({ ok: false, firstBadSeq: 3 });
    expect(inLog.problem).toMatch(/checkpoint record seq 4: signed Merkle root does not match records 1\.\.3; records between seq 3 and 3/);
  });

  it('catches a rewrite re-signed with the stolen key only with the checkpoint copy kept outside', async () => {
    const dir = await smallLog();
    const external = join(dirname(dir), 'siem-copy.txt');
    await copyFile(checkpointsPath(dir), external);
    const records = (await readRecords(dir)).filter((r) => r.kind !== 'checkpoint');
    (records[1] as AuditRecord).payload = { ...(records[1] as AuditRecord).payload, rows: 0 };
    await rm(chainDir(dir), { recursive: true });
    const forger = await createFileAuditLog({ dir, checkpointEvery: 3 });
    for (const r of records) await forger.record(r.kind, r, r.payload);
    await forger.close();
    expect((await verifyAuditLog({ dir })).ok).toBe(true);
    const report = await verifyAuditLog({ dir, checkpointFile: external });
    expect(report).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(report.problem).toMatch(/differs from its checkpoint of size 3 .*siem-copy\.txt.*Merkle root mismatch/);
  });

  it('refuses a forged checkpoint: signed by another key, or with an altered signature', async () => {
    const dir = await smallLog();
    const records = await readRecords(dir);
    const other = generateKeyPairSync('ed25519');
    const forged = signCheckpoint(other.privateKey, other.publicKey, {
      chain: '01',
      size: 16,
      root: 'aa'.repeat(32),
      head: (records[records.length - 1] as AuditRecord).hash,
      time: '2025-03-02T00:00:00.000Z',
    });
    const path = checkpointsPath(dir);
    const original = await readFile(path, 'utf8');
    await writeFile(path, `${original}${forged.note}\n`);
    expect((await verifyAuditLog({ dir })).problem).toMatch(
      /signed by key id [0-9a-f]{8}, which is neither the given public key nor announced/,
    );
    const lastSig = original.lastIndexOf('— otq-audit ') + '— otq-audit '.length + 20;
    const flipped = original.slice(0, lastSig) + (original[lastSig] === 'A' ? 'B' : 'A') + original.slice(lastSig + 1);
    await writeFile(path, flipped);
    expect((await verifyAuditLog({ dir })).problem).toMatch(/signature does not verify/);
  });

  it('fails with the wrong public key', async () => {
    const wrong = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }) as string;
    const report = await verifyAuditLog({ dir: pristine, publicKeyPem: wrong });
    expect(report.ok).toBe(false);
    expect(report.problem).toMatch(/neither the given public key nor announced/);
  });

  it('accepts checkpoints shipped as syslog lines as the external copy', async () => {
    const dir = await smallLog();
    const full = (await readRecords(dir)).filter((r) => r.kind === 'checkpoint' && r.payload.merkle !== undefined);
    const syslog = full.map((r) => {
      const parsed = parseCheckpointNote(r.payload.note as string);
      if (!parsed.ok) throw new Error(parsed.problem);
      return formatSyslogLine(parsed.checkpoint);
    });
    const external = join(dirname(dir), 'syslog.log');
    await writeFile(external, `${syslog.join('\n')}\n`);
    expect(await verifyAuditLog({ dir, checkpointFile: external })).toMatchObject({ ok: true, checkpoints: 4 });
    await writeLines(dir, (await lines(dir)).slice(0, 6));
    await rm(checkpointsPath(dir));
    expect(await verifyAuditLog({ dir, checkpointFile: external })).toMatchObject({ ok: false, firstBadSeq: 7 });
  });

  it('reports a torn last line that no writer has repaired yet, and passes once a writer quarantined it', async () => {
    const dir = await smallLog();
    await writeFile(segmentPath(dir), `${(await lines(dir)).join('\n')}\n{"chan`);
    const report = await verifyAuditLog({ dir });
    expect(report).toMatchObject({ ok: false, records: 16, firstBadSeq: 17 });
    expect(report.problem).toMatch(/chain 01 ends in a torn line \(6 bytes without a newline\) and no live writer holds the chain/);
    await (await createFileAuditLog({ dir })).close();
    expect(await verifyAuditLog({ dir })).toMatchObject({ ok: true, records: 18, uncovered: 0 });
  });

  it('verifies a chain while another process keeps appending to it (batches in flight are read again, not reported)', async () => {
    const dir = await tempLogDir();
    const child = await spawnChild(dir, 'loop');
    try {
      await child.firstLine;
      for (let i = 0; i < 8; i++) {
        const report = await verifyAuditLog({ dir });
        expect(report, `pass ${i}: ${report.problem ?? ''}`).toMatchObject({ ok: true, chains: [{ chain: '01', writer: 'live' }] });
      }
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
  }, 60_000);
});
