// Report runs on the real runtime: guarded as their principal, rendered, delivered with retries, audited with hashes.
import { readdir, readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashRows } from '../../../agent/guarded-sql.ts';
import { readAuditRecords } from '../../../audit/read-audit-records.ts';
import { createEgress } from '../../../ui/bots/egress.ts';
import { reportDefinitionSchema } from '../../../ui/reports/report-config.ts';
import { definitionSha256, runReport, type ReportRunnerDeps } from '../../../ui/reports/report-runner.ts';
import { HttpReceiver } from '../../helpers/http-receiver.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let test: TestRuntime;
let receiver: HttpReceiver;
let deps: ReportRunnerDeps;
const sleeps: number[] = [];
const runFor = new Date('2026-10-31T06:00:00Z');

beforeAll(async () => {
  receiver = await HttpReceiver.start();
  test = await createTestRuntime({ users: { ops: { roles: ['engineer'] } }, egress: { allowedHosts: ['127.0.0.1'] } });
  deps = {
    runtime: test.runtime,
    egress: createEgress({ allowedHosts: ['127.0.0.1'] }),
    clock: () => runFor,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    newRequestId: () => `report-${Math.random()}`,
    retryBaseMs: 500,
  };
});

afterAll(async () => {
  await receiver?.close();
  await test?.runtime.close();
});

const sql =
  "SELECT t.tag_path, count(*) AS n FROM samples s JOIN tags t USING (tag_id) WHERE t.tag_path LIKE 'BPS03/%' AND s.ts >= TIMESTAMPTZ '2026-10-30 00:00:00+00' AND s.ts < TIMESTAMPTZ '2026-10-31 00:00:00+00' GROUP BY t.tag_path ORDER BY t.tag_path";

describe('runReport', () => {
  it('delivers CSV, Markdown and HTML to a folder and JSON to a webhook after a retry, and audits the hashes', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'otq-report-'));
    const def = reportDefinitionSchema.parse({
      name: 'bps03-samples',
      cron: '0 7 * * *',
      user: 'ops',
      sql,
      source: 'historian',
      formats: ['csv', 'markdown', 'html'],
      destinations: [{ folder }, { webhook: `${receiver.url}/report` }],
    });
    receiver.failures = [500];
    const run = await runReport(deps, def, 'manual', runFor);
    expect(run.answer.rows.length).toBeGreaterThan(3);
    expect(run.warnings).toEqual([]);
    expect(run.deliveries).toEqual([
      { destination: `folder:${folder}`, ok: true, attempts: 1 },
      { destination: `webhook:${new URL(receiver.url).host}`, ok: true, attempts: 2 },
    ]);
    expect(sleeps).toContain(500);
    const files = (await readdir(folder)).sort();
    expect(files.map((f) => f.replace(/^.*\./, ''))).toEqual(['csv', 'html', 'md']);
    const csv = await readFile(join(folder, files[0]!), 'utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(run.answer.rows.length + 1);
    expect(csv.split('\r\n')[1]).toBe(run.answer.rows[0]!.join(','));
    const html = await readFile(join(folder, files[1]!), 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const posted = receiver.received.at(-1)!.json as { report: string; rows: unknown[] };
    expect(posted.report).toBe('bps03-samples');
    expect(posted.rows).toEqual(run.answer.rows);

    const record = (await readAuditRecords({ dir: test.auditDir })).find((r) => r.seq === run.auditSeq)!;
    expect(record.kind).toBe('report');
    expect(record.principal).toBe('ops');
    expect(record.channel).toBe('schedule');
    expect(record.payload).toMatchObject({
      report: 'bps03-samples',
      definitionSha256: definitionSha256(def),
      resultSha256: hashRows(run.answer),
      rowCount: run.answer.rows.length,
    });
  });

  it('reports a denial to the destination instead of dropping it', async () => {
    const def = reportDefinitionSchema.parse({
      name: 'shift-notes',
      cron: '0 7 * * *',
      user: 'ops',
      sql: 'SELECT * FROM shift_log',
      source: 'historian',
      destinations: [{ webhook: `${receiver.url}/denied` }],
    });
    const run = await runReport(deps, def, 'manual', runFor);
    expect(run.warnings[0]).toMatch(/denied by policy/);
    const posted = receiver.received.at(-1)!.json as { warnings: string[] };
    expect(posted.warnings[0]).toMatch(/shift_log/);
  });

  it('reports an empty result and flags stale data', async () => {
    const def = reportDefinitionSchema.parse({
      name: 'future',
      cron: '0 7 * * *',
      user: 'ops',
      sql: "SELECT * FROM samples WHERE ts > TIMESTAMPTZ '2030-01-01 00:00:00+00'",
      source: 'historian',
      staleAfterMinutes: 60,
      destinations: [{ webhook: `${receiver.url}/empty` }],
    });
    const run = await runReport(deps, def, 'manual', new Date('2026-11-26T06:00:00Z'));
    expect(run.warnings[0]).toBe('The report returned no rows.');
    expect(run.warnings[1]).toMatch(/^Stale data: the newest sample is from 2026-1[01]/);
  });

  it('gives up after the configured retries and says so', async () => {
    const def = reportDefinitionSchema.parse({
      name: 'flaky',
      cron: '0 7 * * *',
      user: 'ops',
      sql: 'SELECT 1 AS one',
      source: 'historian',
      retries: 2,
      destinations: [{ webhook: `${receiver.url}/flaky` }],
    });
    receiver.failures = [500, 502, 503];
    const run = await runReport(deps, def, 'manual', runFor);
    expect(run.deliveries[0]).toMatchObject({ ok: false, attempts: 3 });
    expect(run.deliveries[0]!.error).toMatch(/HTTP 503/);
  });
});
