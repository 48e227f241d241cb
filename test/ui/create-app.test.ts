// Routes of the HTTP API through app.request(): answers, the SQL path, denials, downloads, streaming, errors, metrics, audit.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../ui/create-app.ts';
import { askResponseSchema, deniedResponseSchema, errorResponseSchema, sqlResponseSchema } from '../../ui/api-schemas.ts';
import { createFakeRuntime } from './fake-runtime.ts';
import { call, parseSse } from './http-helpers.ts';

const clock = () => new Date('2026-03-02T08:00:00Z');
const setup = (options: Parameters<typeof createApp>[1] = {}, rows?: number) => {
  const runtime = createFakeRuntime(rows === undefined ? {} : { seriesRows: rows });
  return { runtime, app: createApp(runtime, { clock, rateLimit: false, auditReader: runtime.auditReader, log: () => {}, ...options }) };
};

describe('POST /api/sql', () => {
  it('runs an allowed statement and returns the rows, the decision and the evidence ids', async () => {
    const { app, runtime } = setup();
    const res = await call(app, '/api/sql', { json: { source: 'historian', sql: 'SELECT ts, flow_m3h FROM samples' } });
    expect(res.status).toBe(200);
    const body = sqlResponseSchema.parse(await res.json());
    expect(body.rows).toHaveLength(120);
    expect(body.decision.kind).toBe('allow');
    expect(body.auditSeq).toEqual(runtime.records.filter((r) => r.requestId === body.requestId).map((r) => r.seq));
    expect(runtime.records.map((r) => r.kind)).toEqual(['tool_call', 'policy_decision', 'data_access']);
    expect(runtime.records[0]!.principal).toBe('engineer');
  });

  it('says where the time of a call went in a Server-Timing header (guard, query, audit wait, ...)', async () => {
    const { app } = setup();
    const phasesOf = (res: Response) =>
      (res.headers.get('server-timing') ?? '').split(', ').map((part) => {
        const [name, dur] = part.split(';dur=');
        return { name, ms: Number(dur) };
      });
    const ok = phasesOf(await call(app, '/api/sql', { json: { source: 'historian', sql: 'SELECT ts, flow_m3h FROM samples' } }));
    expect(ok.map((p) => p.name)).toEqual(['pre', 'body', 'guard', 'query', 'hash', 'record', 'audit', 'respond', 'total']);
    for (const p of ok) expect(p.ms).toBeGreaterThanOrEqual(0);
    const total = ok.find((p) => p.name === 'total')!.ms;
    const parts = ok.filter((p) => p.name !== 'total').reduce((sum, p) => sum + p.ms, 0);
    // The phases follow each other: together they are the total (each is rounded to 0.01 ms).
    expect(Math.abs(total - parts)).toBeLessThan(0.1);
    const denied = await call(app, '/api/sql', { json: { source: 'historian', sql: 'SELECT * FROM shift_log' } });
    expect(denied.status).toBe(403);
    expect(phasesOf(denied).map((p) => p.name)).toEqual(['pre', 'body', 'guard', 'query', 'hash', 'record', 'audit', 'respond', 'total']);
  });

  it('answers a denial with 403, the rule, the reason and the audit sequence numbers', async () => {
    const { app, runtime } = setup();
    const res = await call(app, '/api/sql', { json: { source: 'historian', sql: 'SELECT * FROM shift_log' } });
    expect(res.status).toBe(403);
    const body = deniedResponseSchema.parse(await res.json());
    expect(body.decision.rule).toBe('tables.shift_log');
    expect(body.error.message).toContain('shift_log is not available');
    expect(body.auditSeq).toHaveLength(2);
    expect(runtime.records.some((r) => r.kind === 'data_access')).toBe(false);
  });

  it.each([
    ['a missing field', { json: { sql: 'SELECT 1' } }, /source/],
    ['an unknown field', { json: { source: 'historian', sql: 'SELECT 1', user: 'root' } }, /unknown field\(s\) user/],
    [
      'a non-JSON content type',
      { body: 'source=historian&sql=SELECT 1', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      /Content-Type: application\/json/,
    ],
    ['malformed JSON', { body: '{"source":', headers: { 'content-type': 'application/json' } }, /not valid JSON/],
  ])('rejects %s with 400 and says what is wrong', async (_name, options, message) => {
    const { app } = setup();
    const res = await call(app, '/api/sql', options);
    expect(res.status).toBe(400);
    const body = errorResponseSchema.parse(await res.json());
    expect(body.error.code).toBe('USAGE');
    expect(body.error.message).toMatch(message);
  });

  it('rejects a body over the limit with 413', async () => {
    const { app } = setup({ maxBodyBytes: 1024 });
    const res = await call(app, '/api/sql', { json: { source: 'historian', sql: `SELECT '${'x'.repeat(2000)}'` } });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('TOO_LARGE');
  });

  it('answers an unknown source with 404', async () => {
    const { app } = setup();
    const res = await call(app, '/api/sql', { json: { source: 'nope', sql: 'SELECT 1' } });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: 'SOURCE_UNKNOWN' });
  });

  it('answers an unexpected failure with 500 and no internals, but the request id', async () => {
    const logged: unknown[] = [];
    const { app } = setup({ log: (_m, e) => logged.push(e) });
    const res = await call(app, '/api/sql', { json: { source: 'historian', sql: 'SELECT boom' } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('/secret/path');
    expect(text).toContain(res.headers.get('x-request-id'));
    expect(logged).toHaveLength(1);
  });
});

describe('POST /api/ask', () => {
  it('answers with the sentence, window, chart data and a CSV the asker can download', async () => {
    const { app } = setup();
    const res = await call(app, '/api/ask', { json: { question: 'flow of pump 1 today' } });
    expect(res.status).toBe(200);
    const body = askResponseSchema.parse(await res.json());
    expect(body.answer).toContain('m³/h');
    expect(body.window?.label).toContain('1 March');
    expect(body.chartData?.series.map((s) => s.unit)).toEqual(['m³/h', 'bar']);
    expect(body.chartData?.x).toHaveLength(120);
    const csv = await call(app, `/api/results/${body.resultId}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="otq-historian-.*\.csv"/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('ts,flow_m3h,pressure_bar');
    expect(lines).toHaveLength(121);
    // Instants in plant time (Europe/Berlin) with the offset, numbers at full precision.
    expect(lines[1]).toBe('2026-03-01T01:00:00+01:00,100,4');
    expect(body.timezone).toBe('Europe/Berlin');
    expect(body.display.map((d) => d.kind)).toEqual(['instant', 'number', 'number']);
    expect(body.display[1]).toEqual({ kind: 'number', decimals: 1, unit: 'm³/h' });
    expect(body.display[2]).toEqual({ kind: 'number', decimals: 2, unit: 'bar' });
  });

  it('passes the conversation history and the injected clock to the agent', async () => {
    const { app, runtime } = setup();
    const turn = { question: 'flow yesterday', sql: 'SELECT 1', source: 'historian', answer: '100 m³/h' };
    const res = await call(app, '/api/ask', { json: { question: 'and the day before?', history: [turn, turn] } });
    expect(res.status).toBe(200);
    expect(runtime.asked).toEqual([{ question: 'and the day before?', historyLength: 2, channel: 'web' }]);
  });

  it('rejects an empty question with 400', async () => {
    const { app } = setup();
    const res = await call(app, '/api/ask', { json: { question: '   ' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain('type a question');
  });

  it.each([
    ['/api/ask/stream', {}],
    ['/api/ask', { accept: 'text/event-stream' }],
  ])('streams progress events and then the answer from %s', async (path, headers) => {
    const { app } = setup();
    const res = await call(app, path, { json: { question: 'flow of pump 1' }, headers });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const frames = parseSse(await res.text());
    expect(frames.map((f) => f.event)).toEqual(['progress', 'progress', 'progress', 'answer']);
    expect(JSON.parse(frames[2]!.data)).toEqual({ kind: 'rows', source: 'historian', rowCount: 120, truncated: false });
    expect(askResponseSchema.parse(JSON.parse(frames[3]!.data)).rows).toHaveLength(120);
  });

  it('returns a denial as an answer with the plain reason', async () => {
    const { app } = setup();
    const body = askResponseSchema.parse(await (await call(app, '/api/ask', { json: { question: 'show the shift log' } })).json());
    expect(body.decision).toMatchObject({ kind: 'deny', rule: 'tables.shift_log' });
    expect(body.answer).toContain('shift_log is not available');
    expect(body.resultId).toBeNull();
  });

  it('downsamples a long series to at most 2000 points and keeps the peaks', async () => {
    const { app } = setup({}, 20_000);
    const body = askResponseSchema.parse(await (await call(app, '/api/ask', { json: { question: 'flow this month' } })).json());
    expect(body.rows).toHaveLength(20_000);
    expect(body.chartData!.x.length).toBeLessThanOrEqual(2000);
    expect(body.chartData!.downsampled).toBe(true);
    const flows = body.rows.map((r) => r[1] as number);
    expect(Math.max(...(body.chartData!.series[0]!.values as number[]))).toBe(Math.max(...flows));
    expect(Math.min(...(body.chartData!.series[0]!.values as number[]))).toBe(Math.min(...flows));
  });
});

describe('other routes', () => {
  it('lists the catalog with tags and units', async () => {
    const { app } = setup();
    const body = (await (await call(app, '/api/catalog')).json()) as { sources: { name: string; tags: { unit: string }[] }[] };
    expect(body.sources[0]!.name).toBe('historian');
    expect(body.sources[0]!.tags.map((t) => t.unit)).toEqual(['m³/h', 'bar']);
  });

  it('says who the server thinks you are', async () => {
    const { app } = setup();
    expect(await (await call(app, '/api/me')).json()).toMatchObject({
      user: 'engineer',
      roles: ['engineer'],
      displayName: 'Eve Engineer',
      authConfigured: false,
      // The page hides the Audit tab when the guard would refuse the audit log to this principal.
      canReadAudit: false,
    });
  });

  it('keeps results private: an unknown or foreign result id is 404', async () => {
    const { app } = setup();
    const res = await call(app, '/api/results/AAAAAAAAAAAAAAAAAAAAAA.csv');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('NOT_FOUND');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const { app } = setup();
    const res = await call(app, '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no route GET /api/nothing-here' } });
  });

  it('reports requests, decisions and queries in Prometheus text to a role granted metrics_read', async () => {
    const runtime = createFakeRuntime({ server: { auth: { tokens: [], proxy: { header: 'x-user', trustedAddresses: ['127.0.0.1'] } } } });
    const app = createApp(runtime, { clock, rateLimit: false, log: () => {} });
    const as = (user: string) => ({ 'x-user': user });
    await call(app, '/api/sql', { json: { source: 'historian', sql: 'SELECT ts FROM samples' }, headers: as('engineer') });
    await call(app, '/api/sql', { json: { source: 'historian', sql: 'SELECT * FROM shift_log' }, headers: as('engineer') });
    const refused = await call(app, '/metrics', { headers: as('engineer') });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toContain('metrics_read');
    expect(runtime.records.filter((r) => r.kind === 'auth' && r.payload['path'] === '/metrics')).toHaveLength(1);
    const text = await (await call(app, '/metrics', { headers: as('auditor') })).text();
    expect(text).toContain('otq_http_requests_total{route="/api/sql",method="POST",status="200"} 1');
    expect(text).toContain('otq_http_requests_total{route="/api/sql",method="POST",status="403"} 1');
    expect(text).toContain('otq_decisions_total{kind="deny",rule="tables.shift_log"} 1');
    expect(text).toContain('otq_queries_total{source="historian"} 1');
    expect(text).toMatch(/otq_http_request_duration_seconds_count\{route="\/api\/sql"\} 2/);
  });

  it('serves health without auth', async () => {
    const { app } = setup();
    const res = await call(app, '/healthz', { remote: '10.1.2.3' });
    expect(res.status).toBe(200);
  });
});
