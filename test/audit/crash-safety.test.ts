// Crash safety: a child appending in a loop is SIGKILLed at random moments; every acknowledged record survives.
import { describe, expect, it } from 'vitest';
import { createFileAuditLog } from '../../audit/file-audit-log.ts';
import { verifyAuditLog } from '../../audit/verify-audit-log.ts';
import { exited, readRecords, spawnChild, tempLogDir } from './helpers.ts';

const ROUNDS = 20;
const BUDGET_MS = 40_000;

describe('crash safety', () => {
  it(`keeps every acknowledged record across ${ROUNDS} SIGKILLs at random moments, and recovers at each start`, async () => {
    const dir = await tempLogDir();
    const started = Date.now();
    const acknowledged = new Set<number>();
    let rounds = 0;
    let recoveries = 0;
    for (; rounds < ROUNDS && Date.now() - started < BUDGET_MS; rounds++) {
      const child = await spawnChild(dir, 'loop');
      await child.firstLine;
      // Kill somewhere in the next 0-60 ms of appending (the child writes from 4 concurrent loops).
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 60)));
      child.kill('SIGKILL');
      await exited(child);
      for (const line of child.lines) if (/^\d+$/.test(line)) acknowledged.add(Number(line));

      const log = await createFileAuditLog({ dir, checkpointEvery: 25 });
      await log.close();
      const records = await readRecords(dir);
      const seqs = new Set(records.map((r) => r.seq));
      const lost = [...acknowledged].filter((seq) => !seqs.has(seq));
      expect(lost, `round ${rounds}: acknowledged but missing`).toEqual([]);
      recoveries = records.filter((r) => r.kind === 'recovery').length;
      const report = await verifyAuditLog({ dir });
      expect(report, `round ${rounds}`).toMatchObject({ ok: true });
    }
    expect(rounds).toBeGreaterThanOrEqual(ROUNDS);
    expect(recoveries).toBe(rounds);
    expect(acknowledged.size).toBeGreaterThan(ROUNDS);
  }, 90_000);
});
