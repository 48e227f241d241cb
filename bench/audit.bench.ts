// Evidence log benchmark: fsynced append rate one-at-a-time vs 16 concurrent writers and vs a server's 20 clients of guarded calls (group commit, alternating rounds), and verify rate (1 thread and worker threads) on 1,000,000 records.
import { hash } from 'node:crypto';
import { open, mkdtemp, readdir, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditContext } from '../audit/audit-record.ts';
import { createFileAuditLog, type FileAuditLog } from '../audit/file-audit-log.ts';
import { listChains } from '../audit/log-layout.ts';
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

/** Records one guarded call writes (tool_call, policy_decision, data_access: agent/guarded-sql.ts). */
const RECORDS_PER_CALL = 3;

/**
 * One client of a server making `calls` guarded calls one after the other, with the log calls of runGuardedSql: the
 * tool_call and policy_decision records are enqueued without waiting, the data_access record follows, and the call
 * waits once for all three to be durable and signed before its next call. The guard and the query between them are left
 * out: this measures the log under that arrival pattern, not the server.
 */
async function guardedCalls(log: FileAuditLog, client: number, calls: number): Promise<void> {
  const context: AuditContext = { principal: 'bench', channel: 'web', requestId: `c${client}` };
  for (let i = 0; i < calls; i++) {
    const sql = payload(i).sql;
    const written = [
      log.record('tool_call', context, { tool: 'run_sql', args: { source: 'plant', sql } }),
      log.record('policy_decision', context, {
        tool: 'run_sql',
        decision: 'allow',
        rule: null,
        reason: null,
        policyBundle: 'ab'.repeat(32),
      }),
      log.record('data_access', context, payload(i)),
    ];
    await Promise.all(written);
  }
}

/**
 * The floor verify is compared with ("disk + hash speed"): read every segment of one chain directory with 4 MiB
 * reads, split on newlines and SHA-256 each line once. No parsing, no chain, no Merkle tree, no checks. Returns
 * lines hashed.
 */
async function readAndHashLines(dir: string): Promise<number> {
  const buffer = Buffer.allocUnsafe(4 << 20);
  let lines = 0;
  for (const name of (await readdir(dir)).filter((n) => n.startsWith('segment-')).sort()) {
    const handle = await open(join(dir, name), 'r');
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      const end = filled + bytesRead;
      let start = 0;
      for (let nl = buffer.indexOf(0x0a, filled); nl >= 0 && nl < end; nl = buffer.indexOf(0x0a, start)) {
        hash('sha256', buffer.subarray(start, nl), 'hex');
        lines++;
        start = nl + 1;
      }
      filled = end - start;
      buffer.copyWithin(0, start, end);
    }
    await handle.close();
  }
  return lines;
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Runs the audit benchmark and reports one line per figure. */
export default async function run(report: (line: string) => void): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'otq-audit-bench-'));
  try {
    // One writer and 16 writers alternate, three rounds: fsync latency on a shared disk drifts by 10x within a minute,
    // so each round's ratio compares figures measured a second apart, and the median of the rounds is reported.
    const log = await createFileAuditLog({ dir: join(root, 'append') });
    const single = 200;
    const writers = 16;
    const perWriter = 200;
    const clients = 20;
    const callsPerClient = 60;
    const rounds: { single: number; group: number; fsyncs: number; server: number; serverFsyncs: number }[] = [];
    for (let round = 0; round < 3; round++) {
      let started = performance.now();
      for (let i = 0; i < single; i++) await log.record('data_access', CONTEXT, payload(i));
      const singleRate = rate(single, performance.now() - started);
      let fsyncsBefore = log.stats().fsyncs;
      started = performance.now();
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < perWriter; i++) await log.record('data_access', { ...CONTEXT, requestId: `w${w}` }, payload(i));
        }),
      );
      const group = rate(writers * perWriter, performance.now() - started);
      const fsyncs = log.stats().fsyncs - fsyncsBefore;
      fsyncsBefore = log.stats().fsyncs;
      started = performance.now();
      await Promise.all(Array.from({ length: clients }, (_, c) => guardedCalls(log, c, callsPerClient)));
      rounds.push({
        single: singleRate,
        group,
        fsyncs,
        server: rate(clients * callsPerClient * RECORDS_PER_CALL, performance.now() - started),
        serverFsyncs: log.stats().fsyncs - fsyncsBefore,
      });
    }
    await log.close();
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const list = (values: number[], digits = 0): string => values.map((v) => v.toFixed(digits)).join(', ');
    const ratios = rounds.map((r) => r.group / r.single);
    report(
      `audit append, 1 writer awaiting each record (fsync each): median ${median(rounds.map((r) => r.single))} records/s (rounds: ${list(rounds.map((r) => r.single))})`,
    );
    report(
      `audit append, ${writers} concurrent writers (group commit): median ${median(rounds.map((r) => r.group))} records/s (rounds: ${list(rounds.map((r) => r.group))}), ${list(rounds.map((r) => r.fsyncs))} fsyncs for ${writers * perWriter} records`,
    );
    report(`audit group commit speed-up, ${writers} writers: median ${median(ratios).toFixed(1)}x (rounds: ${list(ratios, 1)}x)`);
    const serverRatios = rounds.map((r) => r.server / r.single);
    report(
      `audit append under a server's load, ${clients} clients each making guarded calls (${RECORDS_PER_CALL} records a call, one durable wait): median ${median(rounds.map((r) => r.server))} records/s (rounds: ${list(rounds.map((r) => r.server))}), ${list(rounds.map((r) => r.serverFsyncs))} fsyncs for ${clients * callsPerClient * RECORDS_PER_CALL} records`,
    );
    report(
      `audit group commit speed-up under a server's load: median ${median(serverRatios).toFixed(1)}x over 1 writer (rounds: ${list(serverRatios, 1)}x; target >= 10x)`,
    );

    const total = 1_000_000;
    const big = await createFileAuditLog({ dir: join(root, 'verify') });
    let started = performance.now();
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

    // Baseline and verify interleaved, twice each, best of each kept: the machine is shared, so the ratio
    // of the two (measured seconds apart) says more than either figure alone.
    const dir = join(root, 'verify');
    const chainDirs = (await listChains(dir)).map((c) => c.path);
    let baseMs = Infinity;
    let baseCpuMs = Infinity;
    let verifyMs = Infinity;
    let verifyCpuMs = Infinity;
    let singleMs = Infinity;
    let singleCpuMs = Infinity;
    // `otq audit verify` runs the compiled CLI, whose verifier threads start without a TypeScript loader: so here too.
    const { buildCli, freshBuild } = (await import(new URL('../bin/cli-build.mjs', import.meta.url).href)) as {
      buildCli: () => Promise<string>;
      freshBuild: () => string | null;
    };
    if (!freshBuild()) await buildCli();
    const threads = Math.min(availableParallelism(), 4);
    let lines = 0;
    let records = 0;
    let checkpoints = 0;
    for (let round = 0; round < 2; round++) {
      let cpu = process.cpuUsage();
      started = performance.now();
      lines = 0;
      for (const chainDir of chainDirs) lines += await readAndHashLines(chainDir);
      baseMs = Math.min(baseMs, performance.now() - started);
      baseCpuMs = Math.min(baseCpuMs, cpuMs(cpu));
      cpu = process.cpuUsage();
      started = performance.now();
      const result = await verifyAuditLog({ dir });
      verifyMs = Math.min(verifyMs, performance.now() - started);
      verifyCpuMs = Math.min(verifyCpuMs, cpuMs(cpu));
      if (!result.ok) throw new Error(`bench fixture did not verify: ${result.problem ?? ''}`);
      cpu = process.cpuUsage();
      started = performance.now();
      const single = await verifyAuditLog({ dir, workers: 0 });
      singleMs = Math.min(singleMs, performance.now() - started);
      singleCpuMs = Math.min(singleCpuMs, cpuMs(cpu));
      if (!single.ok || single.records !== result.records) throw new Error('single-threaded verify disagrees with the parallel one');
      ({ records, checkpoints } = result);
    }
    if (lines !== records)
      throw new Error(`baseline read ${lines} lines but verify ${records} records: the baseline reads the wrong files`);
    const baseRate = rate(lines, baseMs);
    const verifyRate = rate(records, verifyMs);
    report(
      `audit read + sha256 per line (baseline, disk + hash speed): ${lines} lines in ${(baseMs / 1000).toFixed(2)} s = ${baseRate} lines/s (CPU ${rate(lines, baseCpuMs)} lines per CPU-s)`,
    );
    report(
      `audit verify, 1 thread: ${records} records in ${(singleMs / 1000).toFixed(2)} s = ${rate(records, singleMs)} records/s, CPU ${rate(records, singleCpuMs)} records per CPU-s`,
    );
    report(
      `audit verify, ${threads} worker threads (default): ${records} records, ${checkpoints} checkpoints in ${(verifyMs / 1000).toFixed(2)} s = ${verifyRate} records/s (target >= 200000), CPU ${rate(records, verifyCpuMs)} records per CPU-s (process CPU, all threads)`,
    );
    report(
      `audit verify / baseline: ${(verifyRate / baseRate).toFixed(2)}x wall, ${(rate(records, verifyCpuMs) / rate(lines, baseCpuMs)).toFixed(2)}x CPU (verify also checks canonical form, chain, Merkle tree, ${checkpoints} signatures)`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
