// GET /api/catalog/latest over the real runtime on the reference dataset: each visible tag's newest sample, through the
// guard and the audit log like any query, and nothing of tags a row-filtered role may not see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditRecords } from '../../audit/read-audit-records.ts';
import { createApp } from '../../ui/create-app.ts';
import { CATALOG_LATEST_TOOL } from '../../ui/routes/catalog-routes.ts';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime.ts';
import { call } from './http-helpers.ts';

interface LatestBody {
  sources: Record<string, { values?: { tag: string; time: string | null; value: number | null }[]; error?: string }>;
  timezone: string;
}

let rt: TestRuntime;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  rt = await createTestRuntime({
    server: { auth: { tokens: [], proxy: { header: 'x-user', trustedAddresses: ['127.0.0.1'] } } },
  });
  app = createApp(rt.runtime, { rateLimit: false, log: () => {}, clock: () => new Date('2026-10-30T08:00:00Z') });
}, 120_000);
afterAll(async () => {
  await rt?.runtime.close();
});

async function latestAs(user: string): Promise<LatestBody> {
  const res = await call(app, '/api/catalog/latest', { headers: { 'x-user': user } });
  expect(res.status).toBe(200);
  return (await res.json()) as LatestBody;
}

describe('latest values for the catalog tree', () => {
  it('gives every historian tag its newest sample before now, and records the query as catalog_latest', async () => {
    const body = await latestAs('engineer');
    const values = body.sources['historian']?.values ?? [];
    const catalog = await rt.runtime.catalog({ id: 'engineer', roles: ['engineer'] });
    const tags = catalog.find((s) => s.name === 'historian')!.tags!;
    expect(values.length).toBe(tags.length);
    for (const v of values) {
      expect(v.time).not.toBeNull();
      expect(Date.parse(v.time!)).toBeLessThanOrEqual(Date.parse('2026-10-30T08:00:00Z'));
    }
    const level = values.find((v) => v.tag === 'T1/Tank/Level');
    expect(typeof level?.value).toBe('number');
    const records = await readAuditRecords({ dir: rt.auditDir });
    const calls = records.filter((r) => r.kind === 'tool_call' && r.payload.tool === CATALOG_LATEST_TOOL);
    expect(calls.length).toBeGreaterThan(0);
    expect(records.some((r) => r.kind === 'data_access' && r.requestId === calls[0]!.requestId)).toBe(true);
  });

  it('shows a row-filtered operator the tags of their station in the catalog, and no other tag in latest values', async () => {
    const res = await call(app, '/api/catalog', { headers: { 'x-user': 'operator-bps03' } });
    const sources = (await res.json()).sources as { name: string; tags?: { name: string; description?: string }[] }[];
    const tags = sources.find((s) => s.name === 'historian')?.tags ?? [];
    expect(tags.length).toBeGreaterThan(10);
    expect(tags.filter((t) => !t.name.startsWith('BPS03/'))).toEqual([]);
    expect(tags.find((t) => t.name === 'BPS03/Header/DischargePressure')?.description).toBe('BPS03 discharge header pressure');
    // The operator's look-back (31 days before the real clock) may end before the test data does: values can be few or none.
    const latest = await latestAs('operator-bps03');
    expect(latest.sources['historian']?.error).toBeUndefined();
    expect((latest.sources['historian']?.values ?? []).filter((v) => !v.tag.startsWith('BPS03/'))).toEqual([]);
  });
});
