// GET /api/catalog (sources, tables, tags this principal may see), GET /api/catalog/latest (each tag's newest sample, through
// the guard and the audit log like any query) and GET /api/me (who the server thinks you are).
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { authConfigured } from '../auth/authenticate.ts';
import { VERIFY_TOOL } from './feedback-routes.ts';
import { compileLatestValues } from '../../agent/planner/latest-values.ts';
import { runPageQuery } from './page-query.ts';

/** The audit log's name for the catalog's latest-value query (judged by the guard as run_sql). */
export const CATALOG_LATEST_TOOL = 'catalog_latest';

export function catalogRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/catalog', async (c) => c.json({ sources: await deps.runtime.catalog(c.get('principal'), c.get('audit')) }));
  app.get('/api/catalog/latest', async (c) => {
    const principal = c.get('principal');
    const out: Record<string, { values?: { tag: string; time: string | null; value: number | string | null }[]; error?: string }> = {};
    for (const source of await deps.runtime.catalog(principal, c.get('audit'))) {
      const query = compileLatestValues(source, deps.clock(), deps.runtime.config.timezone);
      if (!query) continue;
      const ran = await runPageQuery(deps, c, { source: source.name, sql: query.sql, tool: CATALOG_LATEST_TOOL });
      out[source.name] =
        'error' in ran
          ? ran
          : {
              values: ran.result.rows.map((r) => ({
                tag: String(r[0]),
                time: typeof r[1] === 'string' ? r[1] : null,
                value: typeof r[2] === 'number' || typeof r[2] === 'string' ? r[2] : null,
              })),
            };
    }
    return c.json({ sources: out, timezone: deps.runtime.config.timezone });
  });
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
