// GET /api/results/:id.csv: the full result of an earlier answer as CSV, only for the principal who asked.
import { Hono } from 'hono';
import { OtqError } from '../../core/errors.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { toCsv } from '../csv.ts';

export function resultRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/results/:file', (c) => {
    const match = /^([A-Za-z0-9_-]{1,64})\.csv$/.exec(c.req.param('file'));
    const stored = match ? deps.results.get(match[1]!, c.get('principal').id) : undefined;
    if (!stored)
      throw new OtqError('NOT_FOUND', 'no such result: results are kept for an hour, for the user who asked; run the question again');
    const name = `otq-${stored.source ?? 'result'}-${new Date(stored.createdAtMs).toISOString().replace(/[:.]/g, '-')}.csv`;
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    return c.body(toCsv(stored.columns, stored.rows, deps.runtime.config.timezone));
  });
  return app;
}
