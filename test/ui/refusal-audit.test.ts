// Every refusal at the door is an audit record with its reason (400, 413, 401/403, 429, bot signatures), recorded once;
// the auditor reads error texts that may quote plant data masked.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../ui/create-app.ts';
import { createApiToken } from '../../ui/auth/api-token.ts';
import { createFakeRuntime, type FakeRuntimeOptions } from './fake-runtime.ts';
import { call } from './http-helpers.ts';

const auditorToken = createApiToken();
const setup = (options: FakeRuntimeOptions = {}, appOptions: Parameters<typeof createApp>[1] = {}) => {
  const runtime = createFakeRuntime(options);
  const app = createApp(runtime, { rateLimit: false, auditReader: runtime.auditReader, log: () => {}, ...appOptions });
  const refusals = () => runtime.records.filter((r) => r.kind === 'auth');
  return { runtime, app, refusals };
};

describe('refusals in the audit log', () => {
  it('records a body that is not JSON (400) with the reason and the principal', async () => {
    const { app, refusals } = setup();
    const res = await call(app, '/api/sql', { body: '{"source": "historian", "sql":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(refusals()).toHaveLength(1);
    expect(refusals()[0]).toMatchObject({
      principal: 'engineer',
      payload: { outcome: 'refused', status: 400, code: 'USAGE', reason: 'the request body is not valid JSON', path: '/api/sql' },
    });
  });

  it('records a body that fails the schema (400) without copying the body', async () => {
    const { app, refusals } = setup();
    const res = await call(app, '/api/sql', { json: { source: 'historian', sql: 'SELECT 1', secret: 'pump-password-123' } });
    expect(res.status).toBe(400);
    expect(refusals()).toHaveLength(1);
    expect(refusals()[0]!.payload['reason']).toContain('unknown field(s) secret');
    expect(JSON.stringify(refusals())).not.toContain('pump-password-123');
  });

  it('records a body over the limit (413)', async () => {
    const { app, refusals } = setup({}, { maxBodyBytes: 1024 });
    const res = await call(app, '/api/ask', { json: { question: 'x'.repeat(5000) } });
    expect(res.status).toBe(413);
    expect(refusals()).toHaveLength(1);
    expect(refusals()[0]!.payload).toMatchObject({ outcome: 'refused', status: 413, code: 'TOO_LARGE' });
  });

  it('records a 403 from the auth layer once, and a guard denial of /api/audit as its policy decision only', async () => {
    const { app, runtime, refusals } = setup();
    expect((await call(app, '/api/catalog', { base: 'http://evil.example:8080' })).status).toBe(403);
    expect(refusals()).toHaveLength(1);
    expect((await call(app, '/api/audit')).status).toBe(403);
    expect(refusals()).toHaveLength(1);
    expect(runtime.records.filter((r) => r.kind === 'policy_decision' && r.payload['decision'] === 'deny')).toHaveLength(1);
  });

  it('records 14 rate-limited refusals as 14 records', async () => {
    const { app, refusals } = setup(
      {},
      { rateLimit: { capacity: 1, refillPerSecond: 0.001 }, clock: () => new Date(Date.UTC(2026, 2, 2)) },
    );
    const ask = () => call(app, '/api/sql', { json: { source: 'historian', sql: 'SELECT ts FROM samples' } });
    expect((await ask()).status).toBe(200);
    for (let i = 0; i < 14; i++) expect((await ask()).status).toBe(429);
    expect(refusals().filter((r) => r.payload['outcome'] === 'rate_limited')).toHaveLength(14);
  });

  it('records the socket address, not X-Forwarded-For, when no proxy is trusted', async () => {
    const { app, refusals } = setup();
    await call(app, '/api/catalog', { remote: '192.168.1.20', headers: { 'x-forwarded-for': '127.0.0.1' } });
    expect(refusals()[0]!.payload['remoteAddress']).toBe('192.168.1.20');
  });

  it('records the client a trusted proxy names (the rightmost untrusted hop)', async () => {
    const { app, refusals } = setup({ server: { trustedProxies: ['10.0.0.5'] } });
    await call(app, '/api/catalog', { remote: '10.0.0.5', headers: { 'x-forwarded-for': '6.6.6.6, 192.168.1.20' } });
    expect(refusals()[0]!.payload['remoteAddress']).toBe('192.168.1.20');
  });
});

describe('what the auditor reads', () => {
  it('gets engine error texts with their values masked; the log keeps the full text', async () => {
    const options: FakeRuntimeOptions = { server: { auth: { tokens: [{ sha256: auditorToken.sha256, user: 'auditor' }] } } };
    const { app, runtime } = setup(options);
    await runtime.audit.record(
      'data_access',
      { principal: 'engineer', channel: 'web', requestId: 'r1' },
      { sql: 'SELECT 1', error: { code: 'QUERY_FAILED', message: `Could not convert string 'Anna Berger' to INT32` } },
    );
    await runtime.audit.record(
      'model_invocation',
      { principal: 'engineer', channel: 'web', requestId: 'r1' },
      { error: `value 4711.5 is out of range` },
    );
    const res = await call(app, '/api/audit', { headers: { authorization: `Bearer ${auditorToken.token}` } });
    expect(res.status).toBe(200);
    const text = JSON.stringify(await res.json());
    expect(text).not.toContain('Anna Berger');
    expect(text).not.toContain('4711.5');
    expect(text).toContain(`Could not convert string '…' to INT32`);
    expect(JSON.stringify(runtime.records)).toContain('Anna Berger');
  });
});
