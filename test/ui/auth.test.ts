// Who may call the API: loopback default user, bearer tokens, a trusted proxy header; every refusal is an `auth` audit record.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../ui/create-app.ts';
import { createApiToken, findTokenUser, hashApiToken } from '../../ui/auth/api-token.ts';
import { createAddressList, isLoopbackAddress, isLoopbackHost } from '../../ui/auth/address.ts';
import { CONTENT_SECURITY_POLICY } from '../../ui/security-headers.ts';
import { createFakeRuntime, type FakeRuntimeOptions } from './fake-runtime.ts';
import { call } from './http-helpers.ts';

const engineerToken = createApiToken();
const auditorToken = createApiToken();
const ghostToken = createApiToken();
const withTokens: FakeRuntimeOptions = {
  server: {
    auth: {
      tokens: [
        { sha256: engineerToken.sha256, user: 'engineer' },
        { sha256: auditorToken.sha256, user: 'auditor' },
        { sha256: ghostToken.sha256, user: 'ghost' },
      ],
      proxy: { header: 'x-forwarded-user', trustedAddresses: ['10.0.0.0/24', '::1'] },
    },
  },
};
const setup = (options: FakeRuntimeOptions = {}, appOptions: Parameters<typeof createApp>[1] = {}) => {
  const runtime = createFakeRuntime(options);
  const app = createApp(runtime, { rateLimit: false, auditReader: runtime.auditReader, log: () => {}, ...appOptions });
  const refusals = () => runtime.records.filter((r) => r.kind === 'auth');
  return { runtime, app, refusals };
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('without auth configured (loopback only)', () => {
  it('serves the local default user on loopback', async () => {
    const { app } = setup();
    expect(await (await call(app, '/api/me', { remote: '::ffff:127.0.0.1' })).json()).toMatchObject({ user: 'engineer' });
  });

  it('refuses a remote peer with 401 and records it', async () => {
    const { app, refusals } = setup();
    const res = await call(app, '/api/catalog', { remote: '192.168.1.20' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="otq"');
    expect((await res.json()).error.message).toContain('only answers requests from this machine');
    expect(refusals()).toHaveLength(1);
    expect(refusals()[0]!.payload).toMatchObject({ outcome: 'refused', path: '/api/catalog', remoteAddress: '192.168.1.20' });
  });

  it('refuses a request whose Host is not a loopback name (DNS rebinding) with 403', async () => {
    const { app, refusals } = setup();
    const res = await call(app, '/api/catalog', { base: 'http://evil.example:8080' });
    expect(res.status).toBe(403);
    expect(refusals()).toHaveLength(1);
  });

  it('refuses a request without a Host header with 403 (a raw client is no browser, but the check must not pass by default)', async () => {
    const { app, refusals } = setup();
    const res = await call(app, '/api/catalog', { noHost: true });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain('no Host header');
    expect(refusals()).toHaveLength(1);
  });

  it('judges the Host header, not the host of an absolute-form request line', async () => {
    const { app } = setup();
    const res = await call(app, '/api/catalog', { base: 'http://127.0.0.1:8080', headers: { host: 'evil.example:8080' } });
    expect(res.status).toBe(403);
  });

  it('refuses a cross-origin POST with 403', async () => {
    const { app } = setup();
    const res = await call(app, '/api/sql', { json: { source: 'historian', sql: 'SELECT 1' }, headers: { origin: 'http://evil.example' } });
    expect(res.status).toBe(403);
    const same = await call(app, '/api/sql', {
      json: { source: 'historian', sql: 'SELECT 1' },
      headers: { origin: 'http://127.0.0.1:8080' },
    });
    expect(same.status).toBe(200);
  });

  it('ignores a proxy identity header when no proxy is configured', async () => {
    const { app } = setup();
    expect(await (await call(app, '/api/me', { headers: { 'x-forwarded-user': 'auditor' } })).json()).toMatchObject({ user: 'engineer' });
  });

  it('refuses bearer tokens when none are configured', async () => {
    const { app } = setup();
    expect((await call(app, '/api/me', { headers: bearer(engineerToken.token) })).status).toBe(401);
  });
});

describe('with tokens and a trusted proxy', () => {
  it('maps a valid token to its user, from any address, on the api channel', async () => {
    const { app, runtime } = setup(withTokens);
    const res = await call(app, '/api/sql', {
      json: { source: 'historian', sql: 'SELECT ts FROM samples' },
      headers: bearer(auditorToken.token),
      remote: '172.16.0.9',
    });
    expect(res.status).toBe(200);
    expect(runtime.records[0]).toMatchObject({ principal: 'auditor', channel: 'api' });
  });

  it.each([
    ['no credentials, even on loopback', {}, 401],
    ['an unknown token', bearer(createApiToken().token), 401],
    ['a malformed Authorization header', { authorization: 'Basic ZW5naW5lZXI6eA==' }, 401],
    ['a token of a user missing from users:', bearer(ghostToken.token), 403],
  ])('refuses %s and records it', async (_name, headers, status) => {
    const { app, refusals } = setup(withTokens);
    const res = await call(app, '/api/catalog', { headers });
    expect(res.status).toBe(status);
    expect(refusals()).toHaveLength(1);
    expect(JSON.stringify(refusals()[0]!.payload)).not.toContain('otq_');
  });

  it('takes the identity header only from a trusted proxy address', async () => {
    const { app, refusals } = setup(withTokens);
    const trusted = await call(app, '/api/me', { headers: { 'x-forwarded-user': 'auditor' }, remote: '10.0.0.7' });
    expect(await trusted.json()).toMatchObject({ user: 'auditor', roles: ['auditor'] });
    const spoofed = await call(app, '/api/me', { headers: { 'x-forwarded-user': 'auditor' }, remote: '10.0.1.7' });
    expect(spoofed.status).toBe(401);
    expect(refusals()[0]!.payload).toMatchObject({ user: 'auditor', remoteAddress: '10.0.1.7' });
  });

  it('protects /metrics (signed in and granted metrics_read) but not /healthz or the page', async () => {
    const { app } = setup(withTokens);
    expect((await call(app, '/metrics')).status).toBe(401);
    expect((await call(app, '/metrics', { headers: bearer(engineerToken.token) })).status).toBe(403);
    expect((await call(app, '/metrics', { headers: bearer(auditorToken.token) })).status).toBe(200);
    expect((await call(app, '/healthz')).status).toBe(200);
  });
});

describe('the audit view', () => {
  it('is forbidden to an engineer (guard decision audit_read, recorded)', async () => {
    const { app, runtime } = setup(withTokens);
    const res = await call(app, '/api/audit', { headers: bearer(engineerToken.token) });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain('only the auditor role');
    expect(runtime.records.map((r) => r.kind)).toEqual(['tool_call', 'policy_decision']);
    expect(runtime.records[1]!.payload).toMatchObject({ tool: 'audit_read', decision: 'deny', rule: 'audit.read' });
  });

  it('lists records with filters and verifies the log for an auditor', async () => {
    const { app } = setup(withTokens);
    await call(app, '/api/sql', { json: { source: 'historian', sql: 'SELECT ts FROM samples' }, headers: bearer(engineerToken.token) });
    const res = await call(app, '/api/audit?kind=data_access&user=engineer&limit=10', { headers: bearer(auditorToken.token) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { records: { kind: string; principal: string }[] };
    expect(body.records).toHaveLength(1);
    expect(body.records[0]).toMatchObject({ kind: 'data_access', principal: 'engineer' });
    expect(await (await call(app, '/api/audit/verify', { headers: bearer(auditorToken.token) })).json()).toMatchObject({ ok: true });
  });

  it('rejects bad filters with 400', async () => {
    const { app } = setup(withTokens);
    const res = await call(app, '/api/audit?since=yesterday', { headers: bearer(auditorToken.token) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain('since');
  });

  it('answers 501 when no audit reader is wired', async () => {
    const runtime = createFakeRuntime(withTokens);
    const app = createApp(runtime, { rateLimit: false });
    expect((await call(app, '/api/audit/verify', { headers: bearer(auditorToken.token) })).status).toBe(501);
  });
});

describe('rate limit', () => {
  it('refuses the request over the burst with 429 and Retry-After, records every refusal, and recovers with time', async () => {
    let now = Date.UTC(2026, 2, 2);
    const { app, refusals } = setup({}, { rateLimit: { capacity: 2, refillPerSecond: 0.5 }, clock: () => new Date(now) });
    const ask = () => call(app, '/api/sql', { json: { source: 'historian', sql: 'SELECT ts FROM samples' } });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await limited.json()).error.code).toBe('RATE_LIMITED');
    for (let i = 0; i < 13; i++) expect((await ask()).status).toBe(429);
    expect(refusals()).toHaveLength(14);
    expect(refusals().every((r) => r.payload['outcome'] === 'rate_limited' && r.principal === 'engineer')).toBe(true);
    expect((await call(app, '/api/catalog')).status).toBe(200);
    now += 2000;
    expect((await ask()).status).toBe(200);
  });
});

describe('headers and helpers', () => {
  it('sends a strict CSP and the usual security headers', async () => {
    const { app } = setup();
    const res = await call(app, '/api/catalog');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('hashes tokens and finds their user', () => {
    const { token, sha256 } = createApiToken();
    expect(token).toMatch(/^otq_[A-Za-z0-9_-]{43}$/);
    expect(hashApiToken(token)).toBe(sha256);
    expect(findTokenUser([{ sha256, user: 'alice' }], token)).toBe('alice');
    expect(findTokenUser([{ sha256, user: 'alice' }], token + 'x')).toBeUndefined();
  });

  it('knows loopback addresses, hosts and proxy ranges', () => {
    expect(['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1'].every(isLoopbackAddress)).toBe(true);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', undefined].some(isLoopbackAddress)).toBe(false);
    expect(['localhost', '127.0.0.1', '[::1]', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', 'otq.plant.local'].some(isLoopbackHost)).toBe(false);
    const trusted = createAddressList(['10.0.0.0/24', '192.168.5.5']);
    expect([trusted('10.0.0.200'), trusted('::ffff:192.168.5.5'), trusted('10.0.1.1'), trusted(undefined)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
