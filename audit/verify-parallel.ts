// Verifies a chain's segments on worker threads, one segment per task, and joins the parts on the calling thread.
import { Worker } from 'node:worker_threads';
import { parseCheckpointNote, type ParsedNote } from './checkpoint-note.ts';
import type { ChainDir } from './log-layout.ts';
import { createChainVerifier, type ChainReport, type HeadClaim, type PartJoin, type ResumePoint } from './log-verifier.ts';
import { createCompactTree, type RangeTree, type SubtreeRoot } from './merkle.ts';
import { ZERO_HASH } from './record-codec.ts';
import { listSegments, scanBlocks } from './segment-files.ts';

type GoodNote = Extract<ParsedNote, { ok: true }>;
type FileNotes = readonly { where: string; note: GoodNote }[];

/** One segment to verify on a worker: notes travel as their text, as everything between threads is copied. */
export interface PartTask {
  chain: string;
  /** Position in the chain's segment list, and the file's name and path. */
  index: number;
  name: string;
  path: string;
  last: boolean;
  fileNotes: { where: string; note: string }[];
}

/** A part's report as a worker sends it: notes as text, the resume point's tree as its subtrees. */
export type WirePart = Omit<ChainReport, 'claims' | 'resume'> & {
  claims: { where: string; seq: number | null; note: string }[];
  resume: (Omit<ResumePoint, 'tree'> & { subtrees: SubtreeRoot[] }) | null;
};

/** Verifies one segment as a part of its chain (runs on a worker thread). */
export async function verifyPart(task: PartTask): Promise<WirePart> {
  const fileNotes = task.fileNotes.flatMap(({ where, note }) => {
    const parsed = parseCheckpointNote(note);
    return parsed.ok ? [{ where, note: parsed }] : [];
  });
  const verifier = createChainVerifier(task.chain, { fileNotes, part: { last: task.last } });
  verifier.segment(task.index, task.name);
  let offset = 0;
  await scanBlocks(task.path, (block, complete) => {
    if (!complete) {
      verifier.tail(block, task.last, offset);
      return true;
    }
    const ok = verifier.lines(block, offset);
    offset += block.length;
    return ok;
  });
  const { claims, resume, ...rest } = verifier.finish();
  return {
    ...rest,
    claims: claims.map((c) => ({ where: c.where, seq: c.seq, note: c.note.checkpoint.note })),
    resume: resume && {
      segment: resume.segment,
      offset: resume.offset,
      lineNo: resume.lineNo,
      seq: resume.seq,
      head: resume.head,
      subtrees: (resume.tree as RangeTree).subtrees(),
    },
  };
}

/** Worker threads that verify parts; tasks queue until a worker is free. */
export interface VerifyPool {
  run(task: PartTask): Promise<WirePart>;
  close(): Promise<void>;
}

/** Starts `size` worker threads (each loads the verifier through tsx, as the CLI's fallback does). */
export function createVerifyPool(size: number): VerifyPool {
  const queue: { task: PartTask; resolve: (part: WirePart) => void; reject: (error: Error) => void }[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, (typeof queue)[number]>();
  const workers: Worker[] = [];
  /** Why the pool stopped (a worker failed, or close): every task, queued or new, is refused with it. */
  let broken: Error | null = null;
  const stop = (error: Error): void => {
    broken ??= error;
    for (const job of [...busy.values(), ...queue.splice(0)]) job.reject(broken);
    busy.clear();
  };
  const next = (worker: Worker): void => {
    const job = queue.shift();
    if (!job) {
      idle.push(worker);
      return;
    }
    busy.set(worker, job);
    worker.postMessage(job.task);
  };
  for (let i = 0; i < size; i++) {
    const worker = new Worker(new URL('./verify-worker.mjs', import.meta.url));
    workers.push(worker);
    worker.on('message', (message: { part?: WirePart; error?: string }) => {
      const job = busy.get(worker);
      busy.delete(worker);
      if (message.part) job?.resolve(message.part);
      else job?.reject(new Error(message.error ?? 'verify worker sent no result'));
      next(worker);
    });
    worker.on('error', stop);
    worker.on('exit', (code) => stop(new Error(`verify worker exited with code ${code}`)));
    idle.push(worker);
  }
  return {
    run(task) {
      return new Promise((resolve, reject) => {
        if (broken) return reject(broken);
        queue.push({ task, resolve, reject });
        const worker = idle.pop();
        if (worker) next(worker);
      });
    },
    async close() {
      stop(new Error('verify pool closed'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/**
 * The fast pass over a chain, its segments verified in parallel. Each part checks its records alone; here, in order,
 * each part must start where the one before ended (seq and prev), and the Merkle roots it met are computed from the
 * tree of the parts before. Returns what `verifyChainFiles` would, or null when any check fails or something is
 * unusual (records under no head, a torn line, a checkpoint of size 0): the caller then runs the single-threaded pass,
 * which words the problem exactly as it always has.
 */
export async function verifyChainParallel(c: ChainDir, fileNotes: FileNotes, pool: VerifyPool): Promise<ChainReport | null> {
  if (fileNotes.some((n) => n.note.checkpoint.size === 0)) return null;
  const segments = await listSegments(c.path);
  const wireNotes = fileNotes.map((n) => ({ where: n.where, note: n.note.checkpoint.note }));
  let parts: WirePart[];
  try {
    parts = await Promise.all(
      segments.map((s, index) =>
        pool.run({ chain: c.id, index, name: s.name, path: s.path, last: index === segments.length - 1, fileNotes: wireNotes }),
      ),
    );
  } catch {
    return null;
  }
  const tree = createCompactTree();
  let head = ZERO_HASH;
  let heads = 0;
  const seen = new Set<string>();
  const claims: HeadClaim[] = [];
  const announcements: ChainReport['announcements'] = [];
  let resume: ResumePoint | null = null;
  for (const p of parts) {
    const join: PartJoin | undefined = p.part;
    if (p.problem !== undefined || p.uncovered.tornBytes > 0 || !join) return null;
    heads += p.heads;
    announcements.push(...p.announcements);
    if (join.firstSeq === null) continue;
    if (join.firstSeq !== tree.size + 1 || join.firstPrev !== head) return null;
    for (const d of join.deferred) {
      const at = tree.clone();
      for (const s of d.subtrees) at.appendSubtree(s);
      if (at.size !== d.size || at.root().toString('hex') !== d.root) return null;
    }
    if (p.resume) {
      const at = tree.clone();
      for (const s of p.resume.subtrees) at.appendSubtree(s);
      const { subtrees: _, ...point } = p.resume;
      resume = { ...point, tree: at };
    }
    for (const claim of p.claims) {
      if (seen.has(claim.note)) continue;
      const note = parseCheckpointNote(claim.note);
      if (!note.ok) return null;
      claims.push({ where: claim.where, seq: claim.seq, note });
    }
    for (const note of join.notes) seen.add(note);
    for (const s of join.subtrees) tree.appendSubtree(s);
    if (tree.size !== p.records) return null;
    head = join.lastHash;
  }
  const records = tree.size;
  if (fileNotes.some((n) => n.note.checkpoint.size > records) || records > (resume?.seq ?? 0)) return null;
  return {
    chain: c.id,
    records,
    heads,
    checkpoints: seen.size,
    uncovered: { records: 0, firstSeq: null, tornBytes: 0, tornAt: null },
    claims,
    announcements,
    resume,
  };
}
