// startServer: binds loopback by default, refuses a network address without auth, and closes cleanly.
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
});
