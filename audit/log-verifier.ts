// The verification core of one chain, fed block by block: hashes, chain, seq, signed heads, Merkle roots. No I/O.
import { isUtf8 } from 'node:buffer';
import type { KeyObject } from 'node:crypto';
import { createFastLineCheck } from './canonical-line.ts';
import { checkpointSignatureProblem, parseCheckpointNote, type Checkpoint, type ParsedNote } from './checkpoint-note.ts';
import { createCompactTree, createRangeTree, type CompactTree, type RangeTree, type SubtreeRoot } from './merkle.ts';
import { checkLine, ZERO_HASH } from './record-codec.ts';

type GoodNote = Extract<ParsedNote, { ok: true }>;

/** A signature to check once the trusted keys are known (rotation records may sit in any chain). */
export interface HeadClaim {
  where: string;
  /** Seq of the head record in the chain, or null for a note from a checkpoints file. */
  seq: number | null;
  note: GoodNote;
}

/** Where a verifier can start again: right after a head record. */
export interface ResumePoint {
  segment: number;
  offset: number;
  lineNo: number;
  seq: number;
  head: string;
  tree: CompactTree;
}

export interface ChainReport {
  chain: string;
  records: number;
  /** Head records read (one per committed batch). */
  heads: number;
  /** Distinct full checkpoints whose Merkle root and head were compared (in the chain and in checkpoint files). */
  checkpoints: number;
  /** Records after the last valid signed head, and the bytes of a torn last line (and where it starts). */
  uncovered: { records: number; firstSeq: number | null; tornBytes: number; tornAt: string | null };
  problem?: string;
  firstBadSeq?: number;
  claims: HeadClaim[];
  announcements: { where: string; payload: unknown }[];
  /** Right after the last valid head (null before the first). */
  resume: ResumePoint | null;
  /** For a pass over one part of a chain (`ChainVerifierOptions.part`): what joining it to the parts before it needs. */
  part?: PartJoin;
}

/**
 * What the pass over one part of a chain could not check alone: how it joins the part before it (seq and prev of its
 * first record), and the Merkle roots it met, which need the tree of the records before it. `subtrees` lists the
 * part's records as perfect subtrees (see `RangeTree`); each deferred root is the root at `size` records.
 */
export interface PartJoin {
  /** Seq and prev of the part's first record; null seq for a part without records. */
  firstSeq: number | null;
  firstPrev: string;
  /** Hash of its last record. */
  lastHash: string;
  subtrees: SubtreeRoot[];
  deferred: { size: number; root: string; subtrees: SubtreeRoot[] }[];
  /** Every signed note the part met (a note counted in an earlier part is counted once). */
  notes: string[];
}

export interface ChainVerifier {
  /** Starts segment number `index` (position in the chain's segment list) named `name`. */
  segment(index: number, name: string): void;
  /** Feeds whole lines (each ending in `\n`) that start at byte `offset` of the segment. False once a problem was found. */
  lines(block: Uint8Array, offset: number): boolean;
  /** Feeds final bytes without a newline, starting at byte `offset`: a torn or in-flight write in the `last` segment, damage in any other. */
  tail(bytes: Uint8Array, last: boolean, offset: number): void;
  finish(): ChainReport;
}

export interface ChainVerifierOptions {
  /** Notes for this chain from checkpoints files (its checkpoints.txt, a SIEM copy). */
  fileNotes?: readonly { where: string; note: GoodNote }[];
  /** With keys, every head's signature and root are checked where it stands (to pinpoint a problem). */
  keys?: ReadonlyMap<string, KeyObject>;
  /** Continue after a head verified earlier. */
  from?: ResumePoint;
  /**
   * Verify one part of a chain (whole segments) without the records before it: its first record starts the chain
   * here, and Merkle roots are deferred to `ChainReport.part`, for the caller that joins the parts. `last`: the part
   * ends the chain (checkpoints beyond its end are then a truncation).
   */
  part?: { last: boolean };
}

const SUB_BLOCK_BYTES = 64 * 1024;

interface Fields {
  seq: number;
  prev: string;
  hash: string;
  kind: string;
  payloadText?: string;
}

/**
 * A verifier for one pass over a chain. Full checkpoints (in the chain and in files) are compared with the
 * incremental Merkle tree when the chain reaches their size; their signatures become claims. Light heads (one per
 * batch) are records under the next head's signature, so only the last one is checked (lazily, at `finish`);
 * with `keys`, every head is checked where it stands.
 */
export function createChainVerifier(chain: string, options: ChainVerifierOptions = {}): ChainVerifier {
  const from = options.from;
  const part = options.part;
  let tree: CompactTree = from ? from.tree.clone() : createCompactTree();
  /** In a part, false until its first record says where the chain stands. */
  let started = part === undefined;
  let firstSeq: number | null = null;
  let firstPrev = ZERO_HASH;
  const deferred: PartJoin['deferred'] = [];
  /** Compares the root of `t` with `expected` (hex); in a part, defers the comparison to the caller. */
  const rootIs = (t: CompactTree, expected: string): boolean => {
    if (!part) return t.root().toString('hex') === expected;
    deferred.push({ size: t.size, root: expected, subtrees: (t as RangeTree).subtrees() });
    return true;
  };
  let head = from?.head ?? ZERO_HASH;
  let count = from?.seq ?? 0;
  let lastGoodSize = count;
  /** Size of the last checkpoint from a file that matched: what a mismatch with another file note is counted from. */
  let lastFileGood = count;
  let heads = 0;
  let bad: { problem: string; firstBadSeq?: number } | null = null;
  const seen = new Set<string>();
  const claims: HeadClaim[] = [];
  const announcements: { where: string; payload: unknown }[] = [];
  let resume: ResumePoint | null = from ?? null;
  let pendingHead: { seq: number; prev: string; payloadText: string; tree: CompactTree; where: string; at: ResumePoint } | null = null;
  let tornBytes = 0;
  let tornAt: string | null = null;
  let segmentIndex = from?.segment ?? 0;
  let segmentName = '';
  let lineNo = from?.lineNo ?? 0;
  let blockOffset = 0;
  const where = (): string => `chain ${chain} ${segmentName} line ${lineNo}`;
  const fail = (problem: string, firstBadSeq?: number): false => {
    bad = firstBadSeq === undefined ? { problem } : { problem, firstBadSeq };
    return false;
  };

  const expected = new Map<number, { where: string; note: GoodNote }[]>();
  for (const n of options.fileNotes ?? []) {
    const list = expected.get(n.note.checkpoint.size) ?? [];
    list.push(n);
    expected.set(n.note.checkpoint.size, list);
  }
  const checkExpected = (): boolean => {
    const list = expected.get(count);
    if (!list) return true;
    for (const n of list) {
      // With keys, a forged note is reported as such before it is compared.
      const forged = options.keys ? checkpointSignatureProblem(n.note, options.keys) : undefined;
      if (forged) return fail(`${n.where}: ${forged}`);
      if (n.note.checkpoint.head !== head || !rootIs(tree, n.note.checkpoint.root)) {
        // Counted from the last file note that matched, not from heads in the log: their key may be the stolen one.
        return fail(
          `chain ${chain} differs from its checkpoint of size ${count} signed ${n.note.checkpoint.time} (${n.where}): Merkle root mismatch, records between seq ${lastFileGood + 1} and ${count} were changed, inserted, removed or rewritten`,
          lastFileGood + 1,
        );
      }
      if (!claimed(n.where, null, n.note)) return false;
    }
    lastGoodSize = count;
    lastFileGood = count;
    return true;
  };
  /** Records a signature to check (or checks it now, with keys). */
  const claimed = (at: string, seq: number | null, note: GoodNote): boolean => {
    if (seen.has(note.checkpoint.note)) return true;
    seen.add(note.checkpoint.note);
    if (!options.keys) {
      claims.push({ where: at, seq, note });
      return true;
    }
    const problem = checkpointSignatureProblem(note, options.keys);
    return problem ? fail(`${at}: ${problem}`, seq ?? lastGoodSize + 1) : true;
  };
  if (from === undefined && !part) checkExpected();

  /** Checks a head record's note against the tree as it was before the head (`before`) and the chain head `prev`. */
  const headProblem = (seq: number, prev: string, payloadText: string, before: CompactTree, at: string): boolean => {
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(payloadText) as Record<string, unknown>;
    } catch {
      return fail(`${at}: checkpoint record seq ${seq}: payload is not JSON`, seq);
    }
    if (typeof payload.note !== 'string') return fail(`${at}: checkpoint record seq ${seq}: no signed note in the payload`, seq);
    const parsed = parseCheckpointNote(payload.note);
    if (!parsed.ok) return fail(`${at}: checkpoint record seq ${seq}: ${parsed.problem}`, seq);
    const c: Checkpoint = parsed.checkpoint;
    if (c.chain !== chain) return fail(`${at}: checkpoint record seq ${seq} is a head of chain ${c.chain}, not ${chain}`, seq);
    if (c.size !== seq - 1)
      return fail(`${at}: checkpoint record seq ${seq}: the note covers ${c.size} records but sits at seq ${seq}`, seq);
    if (payload.merkle !== undefined && (payload.size !== c.size || payload.root !== c.root || payload.head !== c.head))
      return fail(`${at}: checkpoint record seq ${seq}: payload fields differ from the signed note`, seq);
    const range = `; records between seq ${lastGoodSize + 1} and ${seq - 1} were changed, inserted, removed or rewritten`;
    if (!rootIs(before, c.root))
      return fail(`${at}: checkpoint record seq ${seq}: signed Merkle root does not match records 1..${c.size}${range}`, lastGoodSize + 1);
    if (c.head !== prev)
      return fail(`${at}: checkpoint record seq ${seq}: signed head does not match the hash of seq ${c.size}${range}`, lastGoodSize + 1);
    if (!claimed(at, seq, parsed)) return false;
    // The head record itself is a signature, not a claim anyone could change: what may be wrong starts after it.
    lastGoodSize = seq;
    return true;
  };

  const fastCheck = createFastLineCheck(chain);
  const readLine = (block: Buffer, start: number, end: number): Fields | null => {
    lineNo++;
    const fast = fastCheck.line(start, end, head);
    if (fast !== null) {
      if (fast.kind !== 'checkpoint' && fast.kind !== 'key_rotation') return fast;
      return { ...fast, payloadText: block.toString('utf8', fast.payloadStart, fast.payloadEnd) };
    }
    const bytes = block.subarray(start, end);
    if (!isUtf8(bytes)) return fail(`${where()}: line is not valid UTF-8 (bytes were changed)`, count + 1) || null;
    const check = checkLine(bytes.toString('utf8'));
    if (!check.ok) return fail(`${where()}: ${check.problem}`, check.seq ?? count + 1) || null;
    if (check.record.chain !== chain)
      return (
        fail(`${where()}: a record of chain ${check.record.chain} in chain ${chain} (records moved between chains)`, check.record.seq) ||
        null
      );
    return { ...check.record, payloadText: JSON.stringify(check.record.payload) };
  };

  const accept = (r: Fields, lineEnd: number): boolean => {
    if (!started) {
      // The first record of a part: the caller checks that it follows the part before.
      started = true;
      count = r.seq - 1;
      head = r.prev;
      lastGoodSize = count;
      lastFileGood = count;
      tree = createRangeTree(count);
      firstSeq = r.seq;
      firstPrev = r.prev;
    }
    if (r.seq !== count + 1)
      return fail(
        `${where()}: seq ${r.seq} where ${count + 1} was expected (${r.seq > count + 1 ? 'records missing' : 'records repeated or reordered'})`,
        count + 1,
      );
    if (r.prev !== head)
      return fail(
        `${where()}: seq ${r.seq}: prev does not match the hash of seq ${count} (chain broken: record deleted, inserted or reordered)`,
        r.seq,
      );
    if (r.kind === 'key_rotation') announcements.push({ where: where(), payload: safeParse(r.payloadText ?? '') });
    const isHead = r.kind === 'checkpoint';
    if (isHead) {
      heads++;
      const text = r.payloadText ?? '';
      const at = where();
      const point = (): ResumePoint => ({
        segment: segmentIndex,
        offset: blockOffset + lineEnd + 1,
        lineNo,
        seq: r.seq,
        head: r.hash,
        tree: tree.clone(),
      });
      if (options.keys || !text.startsWith('{"note":')) {
        if (!headProblem(r.seq, r.prev, text, tree, at)) return false;
        pendingHead = null;
        head = r.hash;
        count++;
        tree.appendRecord(r.hash);
        resume = point();
      } else {
        // A light head: kept for `finish`, which checks only the last one.
        const before = tree.clone();
        head = r.hash;
        count++;
        tree.appendRecord(r.hash);
        pendingHead = { seq: r.seq, prev: r.prev, payloadText: text, tree: before, where: at, at: point() };
      }
    } else {
      head = r.hash;
      count++;
      tree.appendRecord(r.hash);
    }
    return expected.has(count) ? checkExpected() : true;
  };

  return {
    segment(index, name) {
      segmentIndex = index;
      segmentName = name;
      if (!(from && index === from.segment)) lineNo = 0;
    },
    lines(data, offset) {
      if (bad) return false;
      const block = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.length);
      // Sub-blocks of about 64 KiB: their latin1 view is a small young-generation string, cheaper than one of the whole read.
      for (let at = 0; at < block.length;) {
        let to = at + SUB_BLOCK_BYTES >= block.length ? block.length : block.lastIndexOf(0x0a, at + SUB_BLOCK_BYTES) + 1;
        if (to <= at) to = block.indexOf(0x0a, at + SUB_BLOCK_BYTES) + 1 || block.length;
        const sub = block.subarray(at, to);
        blockOffset = offset + at;
        fastCheck.load(sub);
        for (let start = 0, end = fastCheck.lineEnd(0); end >= 0; start = end + 1, end = fastCheck.lineEnd(start)) {
          const record = readLine(sub, start, end);
          if (record === null || !accept(record, end)) return false;
        }
        at = to;
      }
      return true;
    },
    tail(bytes, last, offset) {
      if (bad) return;
      lineNo++;
      if (last) {
        tornBytes += bytes.length;
        tornAt = `${segmentName}@${offset}`;
      } else fail(`${where()}: the segment ends inside a line, but it is not the last segment (bytes were cut)`, count + 1);
    },
    finish() {
      // In a part that does not end the chain, its last light head is under a later part's signature, as any other.
      if (!bad && pendingHead && (!part || part.last)) {
        const p = pendingHead;
        if (headProblem(p.seq, p.prev, p.payloadText, p.tree, p.where)) resume = p.at;
      }
      const coveredTo = resume?.seq ?? 0;
      if (!bad && (!part || part.last)) {
        const beyond = [...expected.keys()].filter((size) => size > count).sort((a, b) => b - a)[0];
        if (beyond !== undefined) {
          const n = (expected.get(beyond) as { where: string; note: GoodNote }[])[0] as { where: string; note: GoodNote };
          const unsigned = count > coveredTo ? `, and seq ${coveredTo + 1}..${count} are under no signed head` : '';
          fail(
            `chain ${chain} ends at seq ${count}, but its checkpoint signed ${n.note.checkpoint.time} (${n.where}) covers ${beyond} records: seq ${count + 1}..${beyond} were removed (truncated)${unsigned}`,
            Math.min(count, coveredTo) + 1,
          );
        }
      }
      const report: ChainReport = {
        chain,
        records: count,
        heads,
        checkpoints: seen.size,
        uncovered: { records: count - coveredTo, firstSeq: count > coveredTo ? coveredTo + 1 : null, tornBytes, tornAt },
        claims,
        announcements,
        resume,
        ...(part
          ? {
              part: {
                firstSeq,
                firstPrev,
                lastHash: head,
                subtrees: started ? (tree as RangeTree).subtrees() : [],
                deferred,
                notes: [...seen],
              },
            }
          : {}),
      };
      return bad ? { ...report, ...bad } : report;
    },
  };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
