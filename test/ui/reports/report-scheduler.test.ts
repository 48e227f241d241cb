// The report scheduler with an injected clock: cron across DST, overlap skip, missed-run policy.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditContext, AuditKind, AuditLog, AuditRecord } from '../../../audit/audit-record.ts';
import type { JsonObject } from '../../../core/json.ts';
import { reportDefinitionSchema, type ReportDefinition } from '../../../ui/reports/report-config.ts';
import type { ReportRun, ReportTrigger } from '../../../ui/reports/report-runner.ts';
import { createReportScheduler } from '../../../ui/reports/report-scheduler.ts';
import { createRunClaims } from '../../../ui/reports/run-claims.ts';
import { ManualTimers } from '../../helpers/manual-timers.ts';

/** An in-memory AuditLog: the scheduler's own records are what these tests look at. */
class MemoryAudit implements AuditLog {
  readonly records: AuditRecord[] = [];
  record(kind: AuditKind, context: AuditContext, payload: JsonObject): Promise<AuditRecord> {
    const record = { seq: this.records.length + 1, ts: new Date().toISOString(), prev: '', kind, ...context, payload, hash: '' };
    this.records.push(record);
    return Promise.resolve(record);
  }
  async close(): Promise<void> {}
}

function definition(partial: Partial<ReportDefinition>): ReportDefinition {
  return reportDefinitionSchema.parse({
    name: 'pump-hours',
    cron: '0 7 * * *',
    user: 'ops',
    sql: 'SELECT 1',
    source: 'historian',
    destinations: [{ folder: '/tmp/x' }],
    ...partial,
  });
}

async function setup(
  defs: ReportDefinition[],
  start: string,
  state?: Record<string, string>,
  shared?: { dir: string; timers: ManualTimers },
) {
  const dir = shared?.dir ?? (await mkdtemp(join(tmpdir(), 'otq-sched-')));
  const stateFile = join(dir, 'reports-state.json');
  if (state) await writeFile(stateFile, JSON.stringify(state));
  const timers = shared?.timers ?? new ManualTimers(new Date(start));
  const audit = new MemoryAudit();
  const runs: { name: string; trigger: ReportTrigger; runFor: string }[] = [];
  const gates: (() => void)[] = [];
  let blocking = false;
  const scheduler = createReportScheduler(defs, {
    audit,
    clock: timers.clock,
    timezone: 'Europe/Berlin',
    stateFile,
    timers,
    ...(shared ? { claims: createRunClaims(join(dir, 'report-claims'), timers.clock) } : {}),
    run: async (def, trigger, runFor) => {
      runs.push({ name: def.name, trigger, runFor: runFor.toISOString() });
      if (blocking) await new Promise<void>((resolve) => gates.push(resolve));
      return { name: def.name, trigger, runFor: runFor.toISOString() } as ReportRun;
    },
  });
  return { scheduler, timers, audit, runs, stateFile, dir, gates, block: (on: boolean) => (blocking = on) };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('report scheduler', () => {
  it('keeps 07:00 plant time across the end of summer time', async () => {
    const { scheduler } = await setup([definition({})], '2026-10-24T00:00:00Z');
    const next = scheduler.nextRuns('pump-hours', 3).map((d) => d.toISOString());
    expect(next).toEqual(['2026-10-24T05:00:00.000Z', '2026-10-25T06:00:00.000Z', '2026-10-26T06:00:00.000Z']);
  });

  it('keeps 07:00 plant time across the start of summer time, with the definition time zone', async () => {
    const { scheduler } = await setup([definition({ cron: '0 7 * * 1-5', timezone: 'Europe/Berlin' })], '2026-03-27T00:00:00Z');
    expect(scheduler.nextRuns('pump-hours', 2).map((d) => d.toISOString())).toEqual([
      '2026-03-27T06:00:00.000Z',
      '2026-03-30T05:00:00.000Z',
    ]);
  });

  it('runs at each scheduled time as the clock moves', async () => {
    const { scheduler, timers, runs } = await setup([definition({})], '2026-10-24T04:00:00Z');
    await scheduler.start();
    timers.advance(2 * 3600_000);
    await flush();
    await scheduler.idle();
    timers.advance(25 * 3600_000);
    await flush();
    await scheduler.idle();
    expect(runs.map((r) => r.runFor)).toEqual(['2026-10-24T05:00:00.000Z', '2026-10-25T06:00:00.000Z']);
    expect(runs.every((r) => r.trigger === 'schedule')).toBe(true);
    scheduler.stop();
  });

  it('skips a tick while the previous run is still going, and records the skip', async () => {
    const { scheduler, timers, runs, audit, gates, block } = await setup([definition({ cron: '*/5 * * * *' })], '2026-10-24T04:00:00Z');
    await scheduler.start();
    block(true);
    timers.advance(5 * 60_000);
    await flush();
    timers.advance(5 * 60_000);
    await flush();
    expect(runs).toHaveLength(1);
    const skip = audit.records.find((r) => r.payload['event'] === 'skipped_overlap');
    expect(skip?.payload).toMatchObject({ report: 'pump-hours', runFor: '2026-10-24T04:10:00.000Z' });
    block(false);
    gates.splice(0).forEach((open) => open());
    await scheduler.idle();
    timers.advance(5 * 60_000);
    await flush();
    expect(runs).toHaveLength(2);
    await scheduler.idle();
    await expect(scheduler.runNow('pump-hours')).resolves.toMatchObject({ trigger: 'manual' });
    scheduler.stop();
  });

  it('runs a missed report once at start when its policy says run-once', async () => {
    const { scheduler, runs, stateFile } = await setup([definition({ missed: 'run-once' })], '2026-10-24T04:00:00Z', {
      'pump-hours': '2026-10-20T05:00:00.000Z',
    });
    await scheduler.start();
    await scheduler.idle();
    expect(runs).toEqual([{ name: 'pump-hours', trigger: 'missed', runFor: '2026-10-23T05:00:00.000Z' }]);
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toEqual({ 'pump-hours': '2026-10-23T05:00:00.000Z' });
    scheduler.stop();
  });

  it('skips a missed report when its policy says skip, and records that', async () => {
    const { scheduler, runs, audit } = await setup([definition({ missed: 'skip' })], '2026-10-24T04:00:00Z', {
      'pump-hours': '2026-10-20T05:00:00.000Z',
    });
    await scheduler.start();
    expect(runs).toHaveLength(0);
    expect(audit.records[0]?.payload).toMatchObject({ event: 'skipped_missed', missedSince: '2026-10-21T05:00:00.000Z' });
    scheduler.stop();
  });

  it('does not invent a missed run on the very first start', async () => {
    const { scheduler, runs } = await setup([definition({})], '2026-10-24T09:00:00Z');
    await scheduler.start();
    expect(runs).toHaveLength(0);
    scheduler.stop();
  });

  it('names the configured reports when asked for an unknown one', async () => {
    const { scheduler } = await setup([definition({})], '2026-10-24T09:00:00Z');
    await expect(scheduler.runNow('nope')).rejects.toThrow('configured: pump-hours');
  });

  it('runs each scheduled report once across two instances sharing the claims directory; the other records who ran it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'otq-sched-'));
    const timers = new ManualTimers(new Date('2026-10-24T04:00:00Z'));
    const a = await setup([definition({})], '', undefined, { dir, timers });
    const b = await setup([definition({})], '', undefined, { dir, timers });
    await a.scheduler.start();
    await b.scheduler.start();
    for (let day = 0; day < 3; day++) {
      timers.advance(24 * 3600_000);
      for (let i = 0; i < 5; i++) await flush();
      await a.scheduler.idle();
      await b.scheduler.idle();
    }
    const runs = [...a.runs, ...b.runs].map((r) => r.runFor).sort();
    expect(runs).toEqual(['2026-10-24T05:00:00.000Z', '2026-10-25T06:00:00.000Z', '2026-10-26T06:00:00.000Z']);
    const skips = [...a.audit.records, ...b.audit.records].filter((r) => r.payload['event'] === 'skipped_claimed');
    expect(skips).toHaveLength(3);
    expect(skips[0]?.payload).toMatchObject({ report: 'pump-hours', claimedBy: { pid: process.pid } });
    a.scheduler.stop();
    b.scheduler.stop();
  });
});
