// The verification core, fed line by line: hashes, chain, seq, checkpoint signatures and Merkle roots. No I/O.
import { isUtf8 } from 'node:buffer';
import type { KeyObject } from 'node:crypto';
import { createFastLineCheck } from './canonical-line.ts';
import { checkpointSignatureProblem, parseCheckpointNote, type Checkpoint, type FileCheckpoint } from './checkpoint-note.ts';
import { createCompactTree } from './merkle.ts';
import { checkLine, ZERO_HASH } from './record-codec.ts';
import { keyIdOf } from './signing-key.ts';

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
  /** Non-fatal findings (none yet; kept for forward compatibility of the report). */
  warnings: string[];
}

export interface LogVerifier {
  /** Starts the next segment file: its lines are named `<name> line <n>` in problems; `last` for the newest segment. */
  segment(name: string, last: boolean): void;
  /**
   * Feeds the next whole lines of the current segment: one or more lines, each ending in `\n`. The
   * bytes are only read during the call. Returns false once a problem was found (stop reading).
   */
  lines(block: Uint8Array): boolean;
  /** Feeds the final bytes of the current segment that have no newline (a torn or cut write): always a problem. */
  tail(bytes: Uint8Array): boolean;
  /** The report after the last line (also checks that no checkpoint covers more records than were read). */
  finish(): VerifyReport;
}

const SUB_BLOCK_BYTES = 64 * 1024;

/** What the chain and checkpoint checks need of a line; `payload` only for checkpoint records. */
interface LineFields {
  seq: number;
  prev: string;
  hash: string;
  kind: string;
  payload?: Record<string, unknown>;
}

interface Expected {
  where: string;
  checkpoint: Checkpoint;
}

/**
 * A verifier for one pass over the log. Checkpoints from files are checked for their signature up front
 * and compared with the incremental Merkle tree when the log reaches their size; checkpoint records in
 * the log are checked where they stand. The first problem ends the pass.
 */
export function createLogVerifier(publicKey: KeyObject, fileCheckpoints: readonly FileCheckpoint[]): LogVerifier {
  const keyId = keyIdOf(publicKey);
  const warnings: string[] = [];
  const seen = new Set<string>();
  const tree = createCompactTree();
  let head = ZERO_HASH;
  let count = 0;
  let lastGoodSize = 0;
  let bad: VerifyReport | null = null;
  const fail = (problem: string, firstBadSeq?: number): VerifyReport => ({
    ok: false,
    records: count,
    checkpoints: seen.size,
    problem,
    keyId,
    warnings,
    ...(firstBadSeq === undefined ? {} : { firstBadSeq }),
  });

  const expected = new Map<number, Expected[]>();
  for (const { where, parsed } of fileCheckpoints) {
    if (!parsed.ok) {
      bad = fail(`${where}: ${parsed.problem}`);
      break;
    }
    const problem = checkpointSignatureProblem(parsed, publicKey);
    if (problem) {
      bad = fail(`${where}: ${problem}`);
      break;
    }
    const list = expected.get(parsed.checkpoint.size) ?? [];
    list.push({ where, checkpoint: parsed.checkpoint });
    expected.set(parsed.checkpoint.size, list);
  }

  const checkExpected = (): VerifyReport | null => {
    const list = expected.get(count);
    if (!list) return null;
    const root = tree.root().toString('hex');
    for (const { where, checkpoint } of list) {
      seen.add(checkpoint.note);
      if (checkpoint.root !== root || checkpoint.head !== head) {
        return fail(
          `the log differs from the checkpoint of size ${count} signed ${checkpoint.time} (${where}): Merkle root mismatch, records between seq ${lastGoodSize + 1} and ${count} were changed, inserted, removed or rewritten`,
          lastGoodSize + 1,
        );
      }
    }
    lastGoodSize = count;
    return null;
  };
  if (!bad) bad = checkExpected();

  const fastCheck = createFastLineCheck();
  let segmentName = '';
  let lastSegment = true;
  let lineNo = 0;
  const where = (): string => `${segmentName} line ${lineNo}`;

  /** Checks line [start, end) of `block` (fast path, else the full check); returns its fields or null after a problem. */
  const readLine = (block: Buffer, start: number, end: number): LineFields | null => {
    lineNo++;
    // Checkpoint records (their payload is needed) and anything the fast path is unsure of go through the
    // full parse and JCS check, which also words the problem.
    const fields = fastCheck.line(start, end, head);
    if (fields !== null && fields.kind !== 'checkpoint') return fields;
    const bytes = block.subarray(start, end);
    if (!isUtf8(bytes)) {
      bad = fail(`${where()}: line is not valid UTF-8 (bytes were changed)`, count + 1);
      return null;
    }
    const check = checkLine(bytes.toString('utf8'));
    if (!check.ok) {
      bad = fail(`${where()}: ${check.problem}`, check.seq ?? count + 1);
      return null;
    }
    return check.record;
  };

  /** Chain, seq and checkpoint checks of one well-formed record, then adds it to the tree. */
  const accept = (record: LineFields): boolean => {
    if (record.seq !== count + 1) {
      bad = fail(
        `${where()}: seq ${record.seq} where ${count + 1} was expected (${record.seq > count + 1 ? 'records missing' : 'records repeated or reordered'})`,
        count + 1,
      );
      return false;
    }
    if (record.prev !== head) {
      bad = fail(
        `${where()}: seq ${record.seq}: prev does not match the hash of seq ${count} (chain broken: record deleted, inserted or reordered)`,
        record.seq,
      );
      return false;
    }
    if (record.kind === 'checkpoint') {
      const payload = record.payload ?? {};
      const problem = inLogCheckpointProblem(payload, record.seq, tree.root().toString('hex'), head, publicKey);
      if (problem) {
        const firstBad = problem.mismatch ? lastGoodSize + 1 : record.seq;
        const range = problem.mismatch ? `; records between seq ${firstBad} and ${count} were changed, inserted, removed or rewritten` : '';
        bad = fail(`${where()}: checkpoint record seq ${record.seq}: ${problem.text}${range}`, firstBad);
        return false;
      }
      seen.add(typeof payload.note === 'string' ? payload.note : '');
      lastGoodSize = count;
    }
    head = record.hash;
    count++;
    tree.appendRecord(record.hash);
    if (expected.has(count)) bad = checkExpected();
    return bad === null;
  };

  return {
    segment(name, last) {
      segmentName = name;
      lastSegment = last;
      lineNo = 0;
    },
    tail() {
      if (bad) return false;
      lineNo++;
      const hint = lastSegment ? ' (a crashed write, or a cut: the writer quarantines it at its next start; verify again after that)' : '';
      bad = fail(`${where()}: line has no final newline${hint}`, count + 1);
      return false;
    },
    lines(data) {
      if (bad) return false;
      const block = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.length);
      // Sub-blocks of about 64 KiB: their latin1 view is a small young-generation string, cheaper than one
      // string of the whole read.
      for (let from = 0; from < block.length;) {
        let to = from + SUB_BLOCK_BYTES >= block.length ? block.length : block.lastIndexOf(0x0a, from + SUB_BLOCK_BYTES) + 1;
        if (to <= from) to = block.indexOf(0x0a, from + SUB_BLOCK_BYTES) + 1 || block.length;
        const sub = block.subarray(from, to);
        fastCheck.load(sub);
        for (let start = 0, end = fastCheck.lineEnd(0); end >= 0; start = end + 1, end = fastCheck.lineEnd(start)) {
          const record = readLine(sub, start, end);
          if (record === null || !accept(record)) return false;
        }
        from = to;
      }
      return true;
    },
    finish() {
      if (bad) return bad;
      const beyond = [...expected.keys()].filter((size) => size > count).sort((a, b) => b - a);
      const longest = beyond[0];
      if (longest !== undefined) {
        const first = (expected.get(longest) as Expected[])[0] as Expected;
        return fail(
          `the log ends at seq ${count}, but the checkpoint signed ${first.checkpoint.time} (${first.where}) covers ${longest} records: seq ${count + 1}..${longest} were removed (truncated log)`,
          count + 1,
        );
      }
      return { ok: true, records: count, checkpoints: seen.size, keyId, warnings };
    },
  };
}

/** A problem with a checkpoint record; `mismatch` when the note is genuine but the records before it differ. */
function inLogCheckpointProblem(
  payload: Record<string, unknown>,
  seq: number,
  root: string,
  head: string,
  publicKey: KeyObject,
): { text: string; mismatch: boolean } | undefined {
  const wrong = (text: string, mismatch = false) => ({ text, mismatch });
  if (typeof payload.note !== 'string') return wrong('no signed note in the payload');
  const parsed = parseCheckpointNote(payload.note);
  if (!parsed.ok) return wrong(parsed.problem);
  const signatureProblem = checkpointSignatureProblem(parsed, publicKey);
  if (signatureProblem) return wrong(signatureProblem);
  const c = parsed.checkpoint;
  if (c.size !== seq - 1) return wrong(`note covers ${c.size} records but sits at seq ${seq}`);
  if (payload.size !== c.size || payload.root !== c.root || payload.head !== c.head)
    return wrong('payload fields differ from the signed note');
  if (c.root !== root) return wrong(`signed Merkle root does not match records 1..${c.size}`, true);
  if (c.head !== head) return wrong(`signed head does not match the hash of seq ${c.size}`, true);
  return undefined;
}
