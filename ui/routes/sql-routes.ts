// POST /api/sql: guarded, audited SQL without the model. A denial is 403 with the decision and the audit sequence numbers.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { httpStatusFor } from '../../core/errors.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { readJsonBody, sqlRequestSchema } from '../api-schemas.ts';
import { countDecision } from '../answer-response.ts';
import { columnDisplays } from '../display-format.ts';

export function sqlRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/api/sql', async (c) => {
    const body = await readJsonBody(c, sqlRequestSchema);
    const principal = c.get('principal');
    const requestId = c.get('requestId');
    const outcome = await deps.runtime.runSql(principal, c.get('audit'), {
      source: body.source,
      sql: body.sql,
      tool: 'run_sql',
      signal: c.req.raw.signal,
    });
    countDecision(deps, outcome.decision.kind === 'allow' ? { kind: 'allow' } : outcome.decision);
    if (outcome.kind === 'denied') {
      const { rule, reason } = outcome.decision;
      return c.json(
        { error: { code: 'POLICY_DENIED', message: reason }, decision: { kind: 'deny', rule, reason }, auditSeq: outcome.auditSeq },
        httpStatusFor('POLICY_DENIED') as ContentfulStatusCode,
      );
    }
    deps.metrics.inc('otq_queries_total', { source: outcome.source });
    const { result } = outcome;
    const decision =
      outcome.decision.kind === 'rewrite'
        ? { kind: 'rewrite' as const, rule: outcome.decision.rule, reason: outcome.decision.reason }
        : { kind: 'allow' as const };
    return c.json({
      requestId,
      sql: outcome.sql,
      source: outcome.source,
      columns: result.columns,
      rows: result.rows,
      truncated: result.truncated,
      decision,
      auditSeq: outcome.auditSeq,
      notes: outcome.notes,
      durationMs: result.durationMs,
      resultId: deps.results.put({ principalId: principal.id, columns: result.columns, rows: result.rows, source: outcome.source }),
      display: columnDisplays(result.columns, result.rows),
      timezone: deps.runtime.config.timezone,
    });
  });
  return app;
}
