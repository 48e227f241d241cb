// Verifies an evidence log on disk: every chain, every record, the signed heads against the anchor key and its rotations.
import type { KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { OtqError } from '../core/errors.ts';
import { lockHolder, type HolderState } from './audit-lock.ts';
import { checkpointSignatureProblem, parseCheckpointFile, type FileCheckpoint, type ParsedNote } from './checkpoint-note.ts';
import { trustedKeys } from './key-ring.ts';
import { listChains, refuseOldLayout, type ChainDir } from './log-layout.ts';
import { createChainVerifier, type ChainReport, type ChainVerifierOptions } from './log-verifier.ts';
import { CHECKPOINTS_FILE, PUBLIC_KEY_FILE, listSegments, scanBlocks } from './segment-files.ts';
import { keyIdOf, parsePublicKey } from './signing-key.ts';
import { createVerifyPool, verifyChainParallel, type VerifyPool } from './verify-parallel.ts';

export interface VerifyOptions {
  dir: string;
  /** The trusted public key (SPKI PEM). Default: `<dir>/audit-pubkey.pem`, which an attacker with write access could replace. */
  publicKeyPem?: string;
  /** A copy of checkpoints kept elsewhere (checkpoints.txt copy, or syslog lines with `note=`). */
  checkpointFile?: string;
  /**
   * Worker threads for the first pass over the segments (default: the machine's cores, at most 4; 0 or 1: none).
   * Used when the log holds at least `parallelMinBytes` (default 32 MiB) and a chain has more than one segment.
   */
  workers?: number;
  parallelMinBytes?: number;
}

/** Below this much log, starting worker threads costs more than it saves. */
const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/** One chain's part of the report. */
export interface ChainSummary {
  chain: string;
  records: number;
  heads: number;
  checkpoints: number;
  /** Records at its end under no signed head yet (a batch in flight), 0 after clean operation. */
  uncovered: number;
  /** Who holds the chain's lock: a live writer, a dead one (stale lock), one on another host, or nobody. */
  writer: HolderState | 'none';
}

export interface VerifyReport {
  ok: boolean;
  /** Records in all chains (signed heads included). */
  records: number;
  /** Distinct full checkpoints whose Merkle root, head and signature were checked. */
  checkpoints: number;
  /** Signed tree heads (one per committed batch). */
  heads: number;
  /** Records no signature covers yet, over all chains (only a live writer's batch in flight may be). */
  uncovered: number;
  chains: ChainSummary[];
  /** Chain and seq of the first record that is wrong or missing (for a rewritten range: the first seq it may start at). */
  firstBadChain?: string;
  firstBadSeq?: number;
  problem?: string;
  /** Key id (hex) of the anchor key used. */
  keyId: string;
  /** Every key the log's heads may be signed with: the anchor and the keys announced by rotations. */
  keyIds: string[];
  /** Non-fatal findings. */
  warnings: string[];
}

type GoodNote = Extract<ParsedNote, { ok: true }>;

/**
 * Checks every chain of the log: each record's hash and canonical form, seq continuity and the hash chain, every
 * full checkpoint (in the chain, its checkpoints.txt and the external file) against the Merkle tree at its size,
 * the last signed head of each chain, and every signature against the anchor key and the keys it announced.
 * Records after a chain's last head are allowed only while a live writer holds the chain and only for a batch in
 * flight: they are read once more at the end and must be covered by then.
 */
export async function verifyAuditLog(options: VerifyOptions): Promise<VerifyReport> {
  const dir = resolve(options.dir);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new OtqError('USAGE', `no audit log directory at ${dir}; pass --log DIR`);
  await refuseOldLayout(dir);
  let pem = options.publicKeyPem;
  if (pem === undefined) {
    pem = await readFile(join(dir, PUBLIC_KEY_FILE), 'utf8').catch(() => undefined);
    if (pem === undefined)
      throw new OtqError('USAGE', `no public key given and ${join(dir, PUBLIC_KEY_FILE)} is missing; pass --pubkey FILE`);
  }
  const anchor = parsePublicKey(pem);
  const report: VerifyReport = {
    ok: true,
    records: 0,
    checkpoints: 0,
    heads: 0,
    uncovered: 0,
    chains: [],
    keyId: keyIdOf(anchor),
    keyIds: [keyIdOf(anchor)],
    warnings: [],
  };
  const failed = (problem: string, chain?: string, seq?: number): VerifyReport => ({
    ...report,
    ok: false,
    problem,
    ...(chain === undefined ? {} : { firstBadChain: chain }),
    ...(seq === undefined ? {} : { firstBadSeq: seq }),
  });

  const chains = await listChains(dir);
  const notes = new Map<string, { where: string; note: GoodNote }[]>(chains.map((c) => [c.id, []]));
  const fileProblem = (files: FileCheckpoint[]): string | null => {
    for (const { where, parsed } of files) {
      if (!parsed.ok) return `${where}: ${parsed.problem}`;
      const list = notes.get(parsed.checkpoint.chain);
      if (!list)
        return `${where}: a checkpoint of chain ${parsed.checkpoint.chain} (size ${parsed.checkpoint.size}), but the log has no such chain (removed?)`;
      list.push({ where, note: parsed });
    }
    return null;
  };
  if (options.checkpointFile) {
    const external = await readFile(options.checkpointFile, 'utf8').catch((error: Error) => {
      throw new OtqError('USAGE', `cannot read checkpoint file ${options.checkpointFile}: ${error.message}`);
    });
    const parsed = parseCheckpointFile(external, basename(options.checkpointFile));
    if (parsed.length === 0) return failed(`${options.checkpointFile} holds no checkpoint`);
    const problem = fileProblem(parsed);
    if (problem) return failed(problem);
  }
  for (const c of chains) {
    const text = await readFile(join(c.path, CHECKPOINTS_FILE), 'utf8').catch(() => '');
    const problem = fileProblem(parseCheckpointFile(text, `chain ${c.id} ${CHECKPOINTS_FILE}`));
    if (problem) return failed(problem, c.id);
  }

  const results = new Map<string, ChainReport>();
  const pool = await parallelPool(chains, options);
  try {
    const fast = pool ? await Promise.all(chains.map((c) => verifyChainParallel(c, notes.get(c.id) ?? [], pool))) : chains.map(() => null);
    // A chain the parallel pass could not confirm gets the single-threaded pass, which words any problem.
    for (const [i, c] of chains.entries()) results.set(c.id, fast[i] ?? (await verifyChainFiles(c, { fileNotes: notes.get(c.id) ?? [] })));
  } finally {
    await pool?.close();
  }
  const keys = trustedKeys(
    anchor,
    [...results.values()].flatMap((r) => r.announcements.map((a) => a.payload)),
  );
  report.keyIds = [...keys.keys()];

  for (const c of chains) {
    let r = results.get(c.id) as ChainReport;
    // A problem found by the fast pass (light heads checked only at the end) is located exactly by an eager pass.
    if (r.problem !== undefined) r = await preciseProblem(c, r, keys, notes.get(c.id) ?? []);
    else r = await checkClaims(c, r, keys, notes.get(c.id) ?? []);
    const holder = await lockHolder(c.path);
    const writer = holder?.state ?? 'none';
    if (r.problem === undefined && (r.uncovered.records > 0 || r.uncovered.tornBytes > 0)) r = await settleTail(c, r, keys, writer);
    report.records += r.records;
    report.heads += r.heads;
    report.checkpoints += r.checkpoints;
    report.uncovered += r.uncovered.records;
    report.chains.push({
      chain: c.id,
      records: r.records,
      heads: r.heads,
      checkpoints: r.checkpoints,
      uncovered: r.uncovered.records,
      writer,
    });
    if (r.problem !== undefined) return failed(r.problem, c.id, r.firstBadSeq);
    if (r.uncovered.records > 0 || r.uncovered.tornBytes > 0)
      report.warnings.push(
        `chain ${c.id}: ${r.uncovered.records} record(s) at its end are not yet under a signed head (the batch of its live writer pid ${holder?.holder.pid} was being written)`,
      );
  }
  return report;
}

type FileNotes = { where: string; note: GoodNote }[];

/** Worker threads for a log large enough and split in segments, else null. */
async function parallelPool(chains: ChainDir[], options: VerifyOptions): Promise<VerifyPool | null> {
  const workers = Math.min(options.workers ?? Math.min(availableParallelism(), 4), 16);
  if (workers < 2) return null;
  let bytes = 0;
  let split = false;
  for (const c of chains) {
    const segments = await listSegments(c.path);
    if (segments.length > 1) split = true;
    for (const s of segments) bytes += (await stat(s.path).catch(() => null))?.size ?? 0;
  }
  return split && bytes >= (options.parallelMinBytes ?? PARALLEL_MIN_BYTES) ? createVerifyPool(workers) : null;
}

/** Checks the signatures a pass collected; on a bad one, runs the chain again with the keys to say exactly where. */
async function checkClaims(c: ChainDir, r: ChainReport, keys: ReadonlyMap<string, KeyObject>, fileNotes: FileNotes): Promise<ChainReport> {
  for (const claim of r.claims) {
    const problem = checkpointSignatureProblem(claim.note, keys);
    if (!problem) continue;
    return preciseProblem(
      c,
      { ...r, problem: `${claim.where}: ${problem}`, ...(claim.seq === null ? {} : { firstBadSeq: claim.seq }) },
      keys,
      fileNotes,
    );
  }
  return r;
}

/** Runs the chain again checking every head where it stands; its first problem is the earliest one. */
async function preciseProblem(
  c: ChainDir,
  r: ChainReport,
  keys: ReadonlyMap<string, KeyObject>,
  fileNotes: FileNotes,
): Promise<ChainReport> {
  const precise = await verifyChainFiles(c, { keys, fileNotes });
  return precise.problem !== undefined ? precise : r;
}

/**
 * Records after the last head of a chain. Without a live writer nobody will ever sign them: a crash (the next
 * writer quarantines them) or an edit after the last head. With one, they are read again now: a batch that was
 * in flight is complete by then, and records still not under a head are a problem too.
 */
async function settleTail(
  c: ChainDir,
  r: ChainReport,
  keys: ReadonlyMap<string, KeyObject>,
  writer: ChainSummary['writer'],
): Promise<ChainReport> {
  const first = r.uncovered.firstSeq ?? r.records + 1;
  const what =
    r.uncovered.records > 0
      ? `${r.uncovered.records} record(s) at the end of chain ${c.id} (seq ${first}..${r.records}) are under no signed head`
      : `chain ${c.id} ends in a torn line (${r.uncovered.tornBytes} bytes without a newline)`;
  if (writer === 'none' || writer === 'dead') {
    return {
      ...r,
      problem: `${what} and no live writer holds the chain: either a writer crashed (the next writer of the chain moves them to a quarantine file and records what it removed) or they were edited or added after the last head`,
      firstBadSeq: first,
    };
  }
  const again = r.resume ? await verifyChainFiles(c, { keys, from: r.resume }) : await verifyChainFiles(c, { keys });
  if (again.problem !== undefined) return again;
  const stillFrom = again.uncovered.firstSeq;
  // A torn line at the same place with the same length did not move on: not a write in progress.
  const stillTorn =
    r.uncovered.tornAt !== null && again.uncovered.tornAt === r.uncovered.tornAt && again.uncovered.tornBytes === r.uncovered.tornBytes;
  if ((stillFrom !== null && stillFrom <= r.records) || stillTorn) {
    return {
      ...again,
      problem: `${what}, and they still are on a second reading although a live writer (${writer}) holds the chain: they were edited or added after the last head, or the writer failed while writing them`,
      firstBadSeq: first,
    };
  }
  return {
    ...again,
    records: again.records,
    heads: r.heads + again.heads,
    checkpoints: r.checkpoints + again.checkpoints,
  };
}

/** One pass over a chain's segments (from a resume point if given). */
export async function verifyChainFiles(c: ChainDir, options: ChainVerifierOptions): Promise<ChainReport> {
  const segments = await listSegments(c.path);
  const verifier = createChainVerifier(c.id, options);
  const first = options.from?.segment ?? 0;
  for (let s = first; s < segments.length; s++) {
    const segment = segments[s] as { name: string; path: string };
    verifier.segment(s, segment.name);
    const last = s === segments.length - 1;
    let offset = s === first ? (options.from?.offset ?? 0) : 0;
    const goOn = await scanBlocks(
      segment.path,
      (block, complete) => {
        if (!complete) {
          verifier.tail(block, last, offset);
          return true;
        }
        const ok = verifier.lines(block, offset);
        offset += block.length;
        return ok;
      },
      4 << 20,
      offset,
    );
    if (!goOn) break;
  }
  return verifier.finish();
}
