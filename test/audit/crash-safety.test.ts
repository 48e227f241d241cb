// Crash safety: a child appending in a loop is SIGKILLed at 24 kill points; every acknowledged record survives, signed.
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createFileAuditLog } from '../../audit/file-audit-log.ts';
import { verifyAuditLog } from '../../audit/verify-audit-log.ts';
import { chainDir, exited, readRecords, spawnChild, tempLogDir } from './helpers.ts';

/**
 * The kill points: round r kills the child once it has printed KILL_AFTER[r] acknowledged records. The trigger is a
 * count, not a clock, so a loaded machine runs every round (slower, never fewer); where in the write path the signal
 * lands (between batches, in the write, in the fsync, in a segment rotation) is left to the scheduler.
 */
const KILL_AFTER = Array.from({ length: 24 }, (_, round) => 1 + ((round * 13) % 61));
/** Small segments, so that some kills land in or right after a segment rotation. */
const SEGMENT_BYTES = 16 * 1024;

describe('crash safety', () => {
  it(`keeps every acknowledged record across ${KILL_AFTER.length} SIGKILLs, under a signature`, async () => {
    const dir = await tempLogDir();
    /** seq -> hash of every record a child saw acknowledged. */
    const acknowledged = new Map<number, string>();
    let recoveries = 0;
    for (const [round, killAfter] of KILL_AFTER.entries()) {
      // Every other child writes on its I/O thread (what a long-running server does), the rest through libuv's pool.
      const child = await spawnChild(dir, 'loop', { segmentBytes: SEGMENT_BYTES, ioThread: round % 2 === 1 });
      // The child appends from 4 concurrent loops and prints each record once record() resolved.
      await child.untilLines(killAfter);
      child.kill('SIGKILL');
      await exited(child);
      for (const line of child.lines) {
        const match = /^01:(\d+):([0-9a-f]{64})$/.exec(line);
        if (match) acknowledged.set(Number(match[1]), match[2] as string);
      }
      expect(child.lines.length, `round ${round}`).toBeGreaterThanOrEqual(killAfter);

      // The next writer of the chain takes over the dead writer's lock, quarantines what no signed head covers (a batch
      // is one write, so a kill leaves none; a power cut can: see file-audit-log.test.ts) and records what it repaired.
      const log = await createFileAuditLog({ dir, checkpointEvery: 25 });
      expect(log.chain).toBe('01');
      await log.close();
      const records = await readRecords(dir);
      const bySeq = new Map(records.map((r) => [r.seq, r.hash]));
      const lost = [...acknowledged].filter(([seq, hash]) => bySeq.get(seq) !== hash).map(([seq]) => seq);
      expect(lost, `round ${round}: acknowledged but missing or changed`).toEqual([]);
      const recovery = records.filter((r) => r.kind === 'recovery');
      expect(recovery.length, `round ${round}: one recovery record per crash`).toBe(++recoveries);
      expect(recovery.at(-1)?.payload, `round ${round}`).toMatchObject({ staleLock: { pid: child.pid } });
      expect(await verifyAuditLog({ dir }), `round ${round}`).toMatchObject({ ok: true, uncovered: 0 });
    }
    const acks = KILL_AFTER.reduce((sum, n) => sum + n, 0);
    expect(acknowledged.size).toBeGreaterThanOrEqual(acks);
    // The small segments rotated many times, so kills also fell around rotations.
    const segments = (await readdir(chainDir(dir))).filter((name) => name.startsWith('segment-'));
    expect(segments.length).toBeGreaterThan(KILL_AFTER.length / 4);
  }, 600_000);
});
