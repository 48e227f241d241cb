// Crash safety: a child appending in a loop is SIGKILLed at random moments; every acknowledged record survives, signed.
import { describe, expect, it } from 'vitest';
import { createFileAuditLog } from '../../audit/file-audit-log.ts';
import { verifyAuditLog } from '../../audit/verify-audit-log.ts';
import { exited, readRecords, spawnChild, tempLogDir } from './helpers.ts';

const ROUNDS = 24;
const BUDGET_MS = 60_000;

describe('crash safety', () => {
  it(`keeps every acknowledged record across ${ROUNDS} SIGKILLs at random moments, under a signature`, async () => {
    const dir = await tempLogDir();
    const started = Date.now();
    /** seq -> hash of every record a child saw acknowledged. */
    const acknowledged = new Map<number, string>();
    let rounds = 0;
    for (; rounds < ROUNDS && Date.now() - started < BUDGET_MS; rounds++) {
      const child = await spawnChild(dir, 'loop');
      await child.firstLine;
      // Kill somewhere in the next 0-60 ms of appending (the child writes from 4 concurrent loops).
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 60)));
      child.kill('SIGKILL');
      await exited(child);
      for (const line of child.lines) {
        const match = /^01:(\d+):([0-9a-f]{64})$/.exec(line);
        if (match) acknowledged.set(Number(match[1]), match[2] as string);
      }

      // The next writer of the chain takes over the dead writer's lock, quarantines what no signed head covers (a batch
      // is one write, so a kill leaves none; a power cut can: see file-audit-log.test.ts) and records what it repaired.
      const log = await createFileAuditLog({ dir, checkpointEvery: 25 });
      expect(log.chain).toBe('01');
      await log.close();
      const records = await readRecords(dir);
      const bySeq = new Map(records.map((r) => [r.seq, r.hash]));
      const lost = [...acknowledged].filter(([seq, hash]) => bySeq.get(seq) !== hash).map(([seq]) => seq);
      expect(lost, `round ${rounds}: acknowledged but missing or changed`).toEqual([]);
      const recovery = records.filter((r) => r.kind === 'recovery').at(-1);
      expect(recovery?.payload, `round ${rounds}`).toMatchObject({ staleLock: { pid: child.pid } });
      expect(await verifyAuditLog({ dir }), `round ${rounds}`).toMatchObject({ ok: true, uncovered: 0 });
    }
    expect(rounds).toBeGreaterThanOrEqual(20);
    expect(acknowledged.size).toBeGreaterThan(rounds);
  }, 120_000);
});
