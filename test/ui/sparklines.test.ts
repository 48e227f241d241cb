// GET /api/sparklines over the real runtime on the reference dataset: hourly time-weighted averages of every visible tag
// in one guarded, audited query per source, the same numbers as a one-tag query, and nothing of tags a row-filtered role
// may not see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditRecords } from '../../audit/read-audit-records.ts';
import { createApp } from '../../ui/create-app.ts';
import { SPARKLINE_TOOL } from '../../ui/routes/sparkline-routes.ts';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime.ts';
import { call } from './http-helpers.ts';

interface Line {
  tag: string;
  unit?: string;
  buckets: string[];
  values: (number | null)[];
}
interface SparklineBody {
  sources: Record<string, { from: string; to: string; bucket: string; lines?: Line[]; error?: string }>;
  timezone: string;
}

const NOW = '2026-10-30T08:00:00Z';
let rt: TestRuntime;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  rt = await createTestRuntime({
    server: { auth: { tokens: [], proxy: { header: 'x-user', trustedAddresses: ['127.0.0.1'] } } },
  });
  app = createApp(rt.runtime, { rateLimit: false, log: () => {}, clock: () => new Date(NOW) });
}, 120_000);
afterAll(async () => {
  await rt?.runtime.close();
});

async function sparklinesAs(user: string, query = ''): Promise<{ status: number; body: SparklineBody & { error?: { message: string } } }> {
  const res = await call(app, `/api/sparklines${query}`, { headers: { 'x-user': user } });
  return { status: res.status, body: (await res.json()) as SparklineBody & { error?: { message: string } } };
}

describe('sparklines for the catalog tree', () => {
  it('gives every visible historian tag 24 hourly time-weighted averages, in one recorded query per source', async () => {
    const before = (await readAuditRecords({ dir: rt.auditDir })).length;
    const { status, body } = await sparklinesAs('engineer');
    expect(status).toBe(200);
    const historian = body.sources['historian']!;
    expect(historian.error).toBeUndefined();
    expect(historian.bucket).toBe('hour');
    expect(historian.to).toBe(new Date(NOW).toISOString());
    const catalog = await rt.runtime.catalog({ id: 'engineer', roles: ['engineer'] });
    const tags = catalog.find((s) => s.name === 'historian')!.tags!;
    expect(historian.lines!.map((l) => l.tag)).toEqual(tags.map((t) => t.name));
    const level = historian.lines!.find((l) => l.tag === 'T1/Tank/Level')!;
    expect(level.buckets.length).toBe(24);
    expect(level.values.filter((v) => typeof v === 'number').length).toBe(24);
    const records = (await readAuditRecords({ dir: rt.auditDir })).slice(before);
    const calls = records.filter((r) => r.kind === 'tool_call' && r.payload.tool === SPARKLINE_TOOL);
    // The telemetry folder has no historian mapping: one query, for the historian, whatever its number of tags.
    expect(calls.length).toBe(1);
    expect(records.some((r) => r.kind === 'data_access' && r.requestId === calls[0]!.requestId)).toBe(true);
  });

  it('draws the same line for a tag asked alone as in the whole catalog (no column mix-up)', async () => {
    const all = (await sparklinesAs('engineer')).body.sources['historian']!.lines!;
    for (const name of ['BPS03/Header/DischargePressure', 'BPS01/P01/Running', 'T1/Tank/Level']) {
      const alone = await sparklinesAs('engineer', `?source=historian&tags=${encodeURIComponent(name)}`);
      expect(alone.status).toBe(200);
      const line = alone.body.sources['historian']!.lines!;
      expect(line.map((l) => l.tag)).toEqual([name]);
      const inAll = all.find((l) => l.tag === name)!;
      expect(line[0]!.buckets).toEqual(inAll.buckets);
      line[0]!.values.forEach((v, i) => expect(v).toBeCloseTo(inAll.values[i]!, 9));
    }
  });

  it('gives a row-filtered operator the lines of their own station only, and no line of another tag by name', async () => {
    const { status, body } = await sparklinesAs('operator-bps03');
    expect(status).toBe(200);
    const lines = body.sources['historian']?.lines ?? [];
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((l) => !l.tag.startsWith('BPS03/'))).toEqual([]);
    const other = await sparklinesAs('operator-bps03', `?tags=${encodeURIComponent('T1/Tank/Level')}`);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toMatch(/"values"/);
  });

  it('refuses a window that ends before it starts or spans more than 400 days, naming the problem', async () => {
    const backwards = await sparklinesAs('engineer', '?from=2026-10-30T00:00:00Z&to=2026-10-29T00:00:00Z');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error?.message).toMatch(/from must be before to/);
    const long = await sparklinesAs('engineer', '?from=2024-01-01T00:00:00Z&to=2026-10-29T00:00:00Z');
    expect(long.status).toBe(400);
    expect(long.body.error?.message).toMatch(/at most 400 days/);
  });
});
