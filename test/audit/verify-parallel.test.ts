// The parallel verifier (segments on worker threads, joined on the caller's) gives the single-threaded verifier's report, intact or tampered.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpointFile, type ParsedNote } from '../../audit/checkpoint-note.ts';
import { createFileAuditLog } from '../../audit/file-audit-log.ts';
import type { ChainReport } from '../../audit/log-verifier.ts';
import { createVerifyPool, verifyChainParallel, type VerifyPool } from '../../audit/verify-parallel.ts';
import { verifyAuditLog, verifyChainFiles } from '../../audit/verify-audit-log.ts';
import { CONTEXT, chainDir, tempLogDir } from './helpers.ts';

type GoodNote = Extract<ParsedNote, { ok: true }>;

/** A closed log of 600 records in batches of 1 to 12, full checkpoints every 50, segments of about 8 KiB (some 30 files). */
async function segmentedLog(): Promise<string> {
  const dir = await tempLogDir();
  let tick = Date.parse('2025-03-01T00:00:00Z');
  const log = await createFileAuditLog({ dir, checkpointEvery: 50, segmentBytes: 8192, clock: () => new Date((tick += 1000)) });
  for (let done = 0, batch = 1; done < 600; done += batch, batch = (batch % 12) + 1) {
    await Promise.all(
      Array.from({ length: Math.min(batch, 600 - done) }, (_, i) =>
        log.record('data_access', { ...CONTEXT, requestId: `r${done + i}` }, { i: done + i, sql: `SELECT ${done + i}`, note: 'ü€ "q"' }),
      ),
    );
  }
  await log.close();
  return dir;
}

let pristine: string;
let pool: VerifyPool;
beforeAll(async () => {
  pristine = await segmentedLog();
  pool = createVerifyPool(2);
}, 60_000);
afterAll(async () => {
  await pool?.close();
  if (pristine) await rm(join(pristine, '..'), { recursive: true, force: true });
});

const segmentsOf = async (dir: string) => (await readdir(chainDir(dir))).filter((n) => n.startsWith('segment-')).sort();
async function fileNotes(dir: string): Promise<{ where: string; note: GoodNote }[]> {
  const text = await readFile(join(chainDir(dir), 'checkpoints.txt'), 'utf8');
  return parseCheckpointFile(text, 'chain 01 checkpoints.txt').map((n) => ({ where: n.where, note: n.parsed as GoodNote }));
}
/** A report without the resume point's tree object, which is compared by its root and size. */
const plain = ({ resume, ...rest }: ChainReport) => ({
  ...rest,
  resume: resume && { ...resume, tree: { size: resume.tree.size, root: resume.tree.root().toString('hex') } },
});
const both = (dir: string) => Promise.all([verifyAuditLog({ dir, workers: 0 }), verifyAuditLog({ dir, workers: 2, parallelMinBytes: 0 })]);

/** A copy of the pristine log with one change made to its files. */
async function tampered(change: (chain: string, segments: string[]) => Promise<void>): Promise<string> {
  const dir = await tempLogDir();
  const { cp } = await import('node:fs/promises');
  await cp(join(pristine, '..'), join(dir, '..'), { recursive: true });
  await change(chainDir(dir), await segmentsOf(dir));
  return dir;
}
const editLines = async (path: string, edit: (lines: string[]) => string[]) => {
  const lines = (await readFile(path, 'utf8')).split('\n').slice(0, -1);
  await writeFile(path, `${edit(lines).join('\n')}\n`);
};

describe('verifying the segments of a chain in parallel', () => {
  it('confirms an intact chain with the same report as one pass, from some 30 segments', async () => {
    expect((await segmentsOf(pristine)).length).toBeGreaterThan(20);
    const notes = await fileNotes(pristine);
    const chain = { id: '01', path: chainDir(pristine) };
    const parallel = await verifyChainParallel(chain, notes, pool);
    expect(parallel).not.toBeNull();
    expect(plain(parallel!)).toEqual(plain(await verifyChainFiles(chain, { fileNotes: notes })));
    const [single, threaded] = await both(pristine);
    expect(threaded).toEqual(single);
    expect(single).toMatchObject({ ok: true, uncovered: 0, checkpoints: 13 });
    expect(single.records).toBeGreaterThan(600);
  });

  it('accepts a line moved to the next segment (the records are unchanged), as one pass does', async () => {
    const dir = await tampered(async (c, s) => {
      const moved = (await readFile(join(c, s[4]!), 'utf8')).split('\n').slice(0, -1).at(-1)!;
      await editLines(join(c, s[4]!), (l) => l.slice(0, -1));
      await editLines(join(c, s[5]!), (l) => [moved, ...l]);
    });
    const [single, threaded] = await both(dir);
    expect(single.ok).toBe(true);
    expect(threaded).toEqual(single);
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it.each<[string, (chain: string, segments: string[]) => Promise<void>]>([
    ['a changed value in a middle segment', (c, s) => editLines(join(c, s[10]!), (l) => [l[0]!.replace('"i":', '"i":1'), ...l.slice(1)])],
    ['a deleted first line of a segment', (c, s) => editLines(join(c, s[7]!), (l) => l.slice(1))],
    ['a deleted last line of a segment', (c, s) => editLines(join(c, s[7]!), (l) => l.slice(0, -1))],
    ['a removed middle segment', (c, s) => rm(join(c, s[12]!))],
    [
      'two segments swapped',
      async (c, s) => {
        const [a, b] = [await readFile(join(c, s[3]!)), await readFile(join(c, s[4]!))];
        await writeFile(join(c, s[3]!), b);
        await writeFile(join(c, s[4]!), a);
      },
    ],
    ['the last segment cut', (c, s) => editLines(join(c, s.at(-1)!), (l) => l.slice(0, 2))],
    ['a torn last line', async (c, s) => writeFile(join(c, s.at(-1)!), '{"chain":"01","seq', { flag: 'a' })],
    [
      'a cut middle segment (no final newline)',
      async (c, s) => {
        const bytes = await readFile(join(c, s[9]!));
        await writeFile(join(c, s[9]!), bytes.subarray(0, bytes.length - 20));
      },
    ],
  ])('reports %s exactly as one pass does', async (_, change) => {
    const dir = await tampered(change);
    const [single, threaded] = await both(dir);
    expect(single.ok).toBe(false);
    expect(threaded).toEqual(single);
    await rm(join(dir, '..'), { recursive: true, force: true });
  });
});
