// The page and its assets, all served by otq itself (air-gapped): ui/static/* and the uPlot build from node_modules.
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';

const STATIC_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'static');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/** Every asset is read once at start-up into memory: a fixed allowlist, so no path from a URL ever reaches the file system. */
export function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const add = (urlPath: string, file: string) => {
    const body = readFileSync(file);
    assets.set(urlPath, {
      body,
      type: TYPES[extname(file)] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    });
  };
  for (const name of readdirSync(STATIC_DIR)) if (TYPES[extname(name)]) add(`/static/${name}`, join(STATIC_DIR, name));
  const uplotDist = dirname(createRequire(import.meta.url).resolve('uplot/dist/uPlot.esm.js'));
  add('/vendor/uplot.esm.js', join(uplotDist, 'uPlot.esm.js'));
  add('/vendor/uplot.min.css', join(uplotDist, 'uPlot.min.css'));
  const index = assets.get('/static/index.html');
  if (index) assets.set('/', index);
  return assets;
}

export function staticRoutes(): Hono<AppEnv> {
  const assets = loadAssets();
  const app = new Hono<AppEnv>();
  app.get('*', async (c, next) => {
    const asset = assets.get(c.req.path);
    if (!asset) return next();
    c.header('Cache-Control', 'no-cache');
    c.header('ETag', asset.etag);
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
    c.header('Content-Type', asset.type);
    return c.body(new Uint8Array(asset.body));
  });
  return app;
}
