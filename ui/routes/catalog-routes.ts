// GET /api/catalog (sources, tables, tags this principal may see) and GET /api/me (who the server thinks you are).
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { authConfigured } from '../auth/authenticate.ts';
import { VERIFY_TOOL } from './feedback-routes.ts';

export function catalogRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/catalog', async (c) => c.json({ sources: await deps.runtime.catalog(c.get('principal')) }));
  app.get('/api/me', async (c) => {
    const principal = c.get('principal');
    // A capability probe, not a read: the page hides the Audit tab from roles the guard would refuse (each read is still checked and recorded).
    const audit = await deps.runtime.guard.check(principal, { tool: 'audit_read', args: { action: 'read' } });
    const verify = await deps.runtime.guard.check(principal, { tool: VERIFY_TOOL, args: { action: 'verify' } });
    return c.json({
      user: principal.id,
      roles: principal.roles,
      displayName: principal.displayName ?? principal.id,
      channel: c.get('audit').channel,
      authConfigured: authConfigured(deps.runtime.config.server),
      timezone: deps.runtime.config.timezone,
      canReadAudit: audit.kind !== 'deny',
      canVerify: verify.kind !== 'deny',
    });
  });
  return app;
}
