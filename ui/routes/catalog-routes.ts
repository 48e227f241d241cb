// GET /api/catalog (sources, tables, tags this principal may see) and GET /api/me (who the server thinks you are).
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { authConfigured } from '../auth/authenticate.ts';

export function catalogRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/catalog', async (c) => c.json({ sources: await deps.runtime.catalog(c.get('principal')) }));
  app.get('/api/me', (c) => {
    const principal = c.get('principal');
    return c.json({
      user: principal.id,
      roles: principal.roles,
      displayName: principal.displayName ?? principal.id,
      channel: c.get('audit').channel,
      authConfigured: authConfigured(deps.runtime.config.server),
      timezone: deps.runtime.config.timezone,
    });
  });
  return app;
}
