// Evidence log benchmark: fsynced append rate one-at-a-time vs 16 concurrent writers (group commit), and verify rate on 1,000,000 records.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditContext } from '../audit/audit-record.ts';
import { createFileAuditLog } from '../audit/file-audit-log.ts';
import { verifyAuditLog } from '../audit/verify-audit-log.ts';

const CONTEXT: AuditContext = { principal: 'bench', channel: 'cli', requestId: 'bench' };
const payload = (i: number) => ({
  source: 'plant',
  sql: `SELECT tag, avg(value) FROM samples WHERE ts > now() - INTERVAL 1 DAY AND tag = 'P-${i % 500}' GROUP BY tag`,
  tables: ['samples'],
  rows: i % 1000,
  bytes: 1234,
  resultSha256: 'ab'.repeat(32),
  durationMs: 12.5,
  truncated: false,
});

const rate = (count: number, ms: number): number => Math.round((count / ms) * 1000);

/** Runs the audit benchmark and reports one line per figure. */
export default async function run(report: (line: string) => void): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'otq-audit-bench-'));
  try {
    const log = await createFileAuditLog({ dir: join(root, 'append') });
    const single = 300;
    let started = performance.now();
    for (let i = 0; i < single; i++) await log.record('data_access', CONTEXT, payload(i));
    const singleRate = rate(single, performance.now() - started);
    report(`audit append, 1 writer awaiting each record (fsync each): ${singleRate} records/s`);

    const writers = 16;
    const perWriter = 300;
    const fsyncsBefore = log.stats().fsyncs;
    started = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) await log.record('data_access', { ...CONTEXT, requestId: `w${w}` }, payload(i));
      }),
    );
    const groupRate = rate(writers * perWriter, performance.now() - started);
    const fsyncs = log.stats().fsyncs - fsyncsBefore;
    report(
      `audit append, ${writers} concurrent writers (group commit): ${groupRate} records/s, ${fsyncs} fsyncs for ${writers * perWriter} records`,
    );
    report(`audit group commit speed-up: ${(groupRate / singleRate).toFixed(1)}x (target >= 10x)`);
    await log.close();

    const total = 1_000_000;
    const big = await createFileAuditLog({ dir: join(root, 'verify') });
    started = performance.now();
    const batch = 5000;
    for (let done = 0; done < total; done += batch) {
      await Promise.all(
        Array.from({ length: Math.min(batch, total - done) }, (_, i) => big.record('data_access', CONTEXT, payload(done + i))),
      );
    }
    await big.close();
    report(
      `audit fixture: ${total} records written in ${((performance.now() - started) / 1000).toFixed(1)} s (batches of ${batch}, fsync per batch)`,
    );

    started = performance.now();
    const result = await verifyAuditLog({ dir: join(root, 'verify') });
    const verifyMs = performance.now() - started;
    if (!result.ok) throw new Error(`bench fixture did not verify: ${result.problem ?? ''}`);
    report(
      `audit verify: ${result.records} records, ${result.checkpoints} checkpoints in ${(verifyMs / 1000).toFixed(2)} s = ${rate(result.records, verifyMs)} records/s (target >= 200000)`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
