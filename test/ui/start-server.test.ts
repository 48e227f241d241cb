// startServer: binds loopback by default, refuses a network address without auth, and closes cleanly.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../ui/start-server.ts';
import { createApiToken } from '../../ui/auth/api-token.ts';
import { createFakeRuntime } from './fake-runtime.ts';

describe('startServer', () => {
  it.each(['0.0.0.0', '::'])('refuses to listen on %s without auth, saying what to configure', async (host) => {
    await expect(startServer(createFakeRuntime(), { host, port: 0 })).rejects.toThrow(
      /refusing to listen on .*server\.auth\.tokens.*otq token create/s,
    );
  });

  it('listens on 0.0.0.0 when tokens are configured, and then requires one', async () => {
    const { token, sha256 } = createApiToken();
    const server = await startServer(createFakeRuntime({ server: { auth: { tokens: [{ sha256, user: 'engineer' }] } } }), {
      host: '0.0.0.0',
      port: 0,
    });
    try {
      const url = server.url.replace('0.0.0.0', '127.0.0.1');
      expect((await fetch(`${url}/api/me`)).status).toBe(401);
      expect((await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('serves the page, the chart library and the API on loopback', async () => {
    const server = await startServer(createFakeRuntime(), { host: '127.0.0.1', port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const page = await fetch(`${server.url}/`);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
      expect(html).not.toMatch(/\sstyle=|<style/);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
      const uplot = await fetch(`${server.url}/vendor/uplot.esm.js`);
      expect(uplot.headers.get('content-type')).toContain('text/javascript');
      expect(await uplot.text()).toContain('export { uPlot as default }');
      expect(await (await fetch(`${server.url}/api/me`)).json()).toMatchObject({ user: 'engineer' });
    } finally {
      await server.close();
    }
  });

  it('judges the Host header on a real socket: an absolute-form request line or a missing Host does not pass', async () => {
    const server = await startServer(createFakeRuntime(), { host: '127.0.0.1', port: 0 });
    try {
      const port = new URL(server.url).port;
      const statusOf = (request: string) =>
        new Promise<number>((resolve, reject) => {
          const socket = connect(Number(port), '127.0.0.1', () => socket.end(request));
          let text = '';
          socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
          socket.on('end', () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0)));
          socket.on('error', reject);
        });
      const rebound = `GET http://127.0.0.1:${port}/api/me HTTP/1.1\r\nHost: evil.example:${port}\r\nConnection: close\r\n\r\n`;
      expect(await statusOf(rebound)).toBe(403);
      expect(await statusOf(`GET /api/me HTTP/1.0\r\n\r\n`)).toBe(403);
      expect(await statusOf(`GET /api/me HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\n\r\n`)).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('sends the security headers on a real socket and keeps the JSON body intact; a route keeps its own Cache-Control', async () => {
    const server = await startServer(createFakeRuntime(), { host: '127.0.0.1', port: 0, rateLimit: false });
    try {
      const res = await fetch(`${server.url}/api/sql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ source: 'historian', sql: 'SELECT ts, flow_m3h FROM samples' }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-type')).toBe('application/json');
      const text = await res.text();
      expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
      expect((JSON.parse(text) as { rows: unknown[] }).rows).toHaveLength(120);
      const page = await fetch(`${server.url}/`);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await server.close();
    }
  });

  it('refuses a body over the limit with 413 whether it announces its length or arrives chunked', async () => {
    const server = await startServer(createFakeRuntime(), { host: '127.0.0.1', port: 0, rateLimit: false, maxBodyBytes: 1024 });
    try {
      const big = JSON.stringify({ source: 'historian', sql: `SELECT '${'x'.repeat(2000)}'` });
      const sized = await fetch(`${server.url}/api/sql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
      expect(sized.status).toBe(413);
      expect(((await sized.json()) as { error: { code: string } }).error.code).toBe('TOO_LARGE');
      const chunked = await fetch(`${server.url}/api/sql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Blob([big]).stream(),
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(413);
      const small = await fetch(`${server.url}/api/sql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Blob([JSON.stringify({ source: 'historian', sql: 'SELECT ts FROM samples' })]).stream(),
        duplex: 'half',
      } as RequestInit);
      expect(small.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
