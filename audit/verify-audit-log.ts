// Verifies an evidence log: every hash, the chain, seq continuity, every checkpoint's signature and Merkle root.
import type { KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { OtqError } from '../core/errors.ts';
import { checkpointSignatureProblem, parseCheckpointFile, parseCheckpointNote, type Checkpoint, type FileCheckpoint } from './checkpoint-note.ts';
import { createCompactTree, recordLeafHash } from './merkle.ts';
import { checkLine, ZERO_HASH } from './record-codec.ts';
import { CHECKPOINTS_FILE, PUBLIC_KEY_FILE, listSegments, scanLines } from './segment-files.ts';
import { keyIdOf, parsePublicKey } from './signing-key.ts';

export interface VerifyOptions {
  dir: string;
  /** The trusted public key (SPKI PEM). Default: `<dir>/audit-pubkey.pem`, which an attacker with write access could replace. */
  publicKeyPem?: string;
  /** A copy of checkpoints kept elsewhere (checkpoints.txt copy, or syslog lines with `note=`). */
  checkpointFile?: string;
}

export interface VerifyReport {
  ok: boolean;
  records: number;
  /** Distinct checkpoints whose signature and Merkle root were checked. */
  checkpoints: number;
  /** Seq of the first record that is wrong or missing (for a rewritten range: the first seq it may start at). */
  firstBadSeq?: number;
  problem?: string;
  /** Key id (hex) of the public key used. */
  keyId: string;
  /** Non-fatal findings, e.g. a torn last line that the next start will quarantine. */
  warnings: string[];
}

interface Expected {
  where: string;
  checkpoint: Checkpoint;
}

/**
 * Streams every segment once: checks each line (hash, canonical form), the chain and seq, feeds the
 * incremental Merkle tree, and compares it with every signed checkpoint (in the log, in checkpoints.txt
 * and in the external file) at that checkpoint's size. Stops at the first problem.
 */
export async function verifyAuditLog(options: VerifyOptions): Promise<VerifyReport> {
  const dir = resolve(options.dir);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new OtqError('USAGE', `no audit log directory at ${dir}; pass --log DIR`);
  let pem = options.publicKeyPem;
  if (pem === undefined) {
    pem = await readFile(join(dir, PUBLIC_KEY_FILE), 'utf8').catch(() => undefined);
    if (pem === undefined) throw new OtqError('USAGE', `no public key given and ${join(dir, PUBLIC_KEY_FILE)} is missing; pass --pubkey FILE`);
  }
  const publicKey = parsePublicKey(pem);
  const keyId = keyIdOf(publicKey);
  const warnings: string[] = [];
  const seen = new Set<string>();
  const fail = (records: number, problem: string, firstBadSeq?: number): VerifyReport => ({
    ok: false, records, checkpoints: seen.size, problem, keyId, warnings, ...(firstBadSeq === undefined ? {} : { firstBadSeq }),
  });

  const fileCheckpoints: FileCheckpoint[] = [];
  const local = await readFile(join(dir, CHECKPOINTS_FILE), 'utf8').catch(() => '');
  fileCheckpoints.push(...parseCheckpointFile(local, CHECKPOINTS_FILE));
  if (options.checkpointFile) {
    const external = await readFile(options.checkpointFile, 'utf8').catch((error: Error) => {
      throw new OtqError('USAGE', `cannot read checkpoint file ${options.checkpointFile}: ${error.message}`);
    });
    const parsed = parseCheckpointFile(external, basename(options.checkpointFile));
    if (parsed.length === 0) return fail(0, `${options.checkpointFile} holds no checkpoint`);
    fileCheckpoints.push(...parsed);
  }
  const expected = new Map<number, Expected[]>();
  for (const { where, parsed } of fileCheckpoints) {
    if (!parsed.ok) return fail(0, `${where}: ${parsed.problem}`);
    const problem = checkpointSignatureProblem(parsed, publicKey);
    if (problem) return fail(0, `${where}: ${problem}`);
    const list = expected.get(parsed.checkpoint.size) ?? [];
    list.push({ where, checkpoint: parsed.checkpoint });
    expected.set(parsed.checkpoint.size, list);
  }

  const tree = createCompactTree();
  let head = ZERO_HASH;
  let count = 0;
  let lastGoodSize = 0;
  let bad: VerifyReport | null = null;
  const checkExpected = (): VerifyReport | null => {
    const list = expected.get(count);
    if (!list) return null;
    const root = tree.root().toString('hex');
    for (const { where, checkpoint } of list) {
      seen.add(checkpoint.note);
      if (checkpoint.root !== root || checkpoint.head !== head) {
        return fail(count, `the log differs from the checkpoint of size ${count} signed ${checkpoint.time} (${where}): Merkle root mismatch, records between seq ${lastGoodSize + 1} and ${count} were changed, inserted, removed or rewritten`, lastGoodSize + 1);
      }
    }
    lastGoodSize = count;
    return null;
  };
  if ((bad = checkExpected())) return bad;

  const segments = await listSegments(dir);
  for (let s = 0; s < segments.length && !bad; s++) {
    const segment = segments[s] as { name: string; path: string };
    const isLast = s === segments.length - 1;
    let lineNo = 0;
    await scanLines(segment.path, (text, complete) => {
      lineNo++;
      const where = `${segment.name} line ${lineNo}`;
      if (!complete) {
        if (isLast) {
          warnings.push(`${where}: incomplete last line (${Buffer.byteLength(text)} bytes, a crashed write); the next start quarantines it`);
          return;
        }
        bad = fail(count, `${where}: segment ends without a newline`, count + 1);
        return false;
      }
      const check = checkLine(text);
      if (!check.ok) {
        bad = fail(count, `${where}: ${check.problem}`, check.seq ?? count + 1);
        return false;
      }
      const record = check.record;
      if (record.seq !== count + 1) {
        bad = fail(count, `${where}: seq ${record.seq} where ${count + 1} was expected (${record.seq > count + 1 ? 'records missing' : 'records repeated or reordered'})`, count + 1);
        return false;
      }
      if (record.prev !== head) {
        bad = fail(count, `${where}: seq ${record.seq}: prev does not match the hash of seq ${count} (chain broken: record deleted, inserted or reordered)`, record.seq);
        return false;
      }
      if (record.kind === 'checkpoint') {
        const problem = inLogCheckpointProblem(record.payload, record.seq, tree.root().toString('hex'), head, publicKey);
        if (problem) {
          bad = fail(count, `${where}: checkpoint record seq ${record.seq}: ${problem}`, record.seq);
          return false;
        }
        seen.add(String(record.payload.note));
        lastGoodSize = count;
      }
      head = record.hash;
      count++;
      tree.append(recordLeafHash(record.hash));
      if (expected.has(count)) bad = checkExpected();
      return bad ? false : undefined;
    });
  }
  if (bad) return bad;
  const beyond = [...expected.keys()].filter((size) => size > count).sort((a, b) => b - a);
  const longest = beyond[0];
  if (longest !== undefined) {
    const first = (expected.get(longest) as Expected[])[0] as Expected;
    return fail(count, `the log ends at seq ${count}, but the checkpoint signed ${first.checkpoint.time} (${first.where}) covers ${longest} records: seq ${count + 1}..${longest} were removed (truncated log)`, count + 1);
  }
  return { ok: true, records: count, checkpoints: seen.size, keyId, warnings };
}

function inLogCheckpointProblem(payload: Record<string, unknown>, seq: number, root: string, head: string, publicKey: KeyObject): string | undefined {
  if (typeof payload.note !== 'string') return 'no signed note in the payload';
  const parsed = parseCheckpointNote(payload.note);
  if (!parsed.ok) return parsed.problem;
  const signatureProblem = checkpointSignatureProblem(parsed, publicKey);
  if (signatureProblem) return signatureProblem;
  const c = parsed.checkpoint;
  if (c.size !== seq - 1) return `note covers ${c.size} records but sits at seq ${seq}`;
  if (payload.size !== c.size || payload.root !== c.root || payload.head !== c.head) return 'payload fields differ from the signed note';
  if (c.root !== root) return `signed Merkle root does not match records 1..${c.size}`;
  if (c.head !== head) return `signed head does not match the hash of seq ${c.size}`;
  return undefined;
}
