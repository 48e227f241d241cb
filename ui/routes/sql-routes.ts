// POST /api/sql: guarded, audited SQL without the model. A denial is 403 with the decision and the audit sequence numbers.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { GuardedSqlTiming } from '../../agent/guarded-sql.ts';
import { httpStatusFor } from '../../core/errors.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { readJsonBody, sqlRequestSchema } from '../api-schemas.ts';
import { countDecision } from '../answer-response.ts';
import { columnDisplays } from '../display-format.ts';

export function sqlRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/api/sql', async (c) => {
    const routeAt = performance.now();
    const body = await readJsonBody(c, sqlRequestSchema);
    const principal = c.get('principal');
    const requestId = c.get('requestId');
    const callAt = performance.now();
    const outcome = await deps.runtime.runSql(principal, c.get('audit'), {
      source: body.source,
      sql: body.sql,
      tool: 'run_sql',
      signal: c.req.raw.signal,
    });
    const respondAt = performance.now();
    countDecision(deps, outcome.decision.kind === 'allow' ? { kind: 'allow' } : outcome.decision);
    /** Encodes the answer once and says where the request's time went (Server-Timing, milliseconds). */
    const send = (answer: unknown, status: ContentfulStatusCode) => {
      const json = JSON.stringify(answer);
      const done = performance.now();
      const timing = serverTiming(c.get('startedAt'), routeAt, callAt, respondAt, done, outcome.timing);
      return c.body(json, status, { 'Content-Type': 'application/json', 'Server-Timing': timing });
    };
    if (outcome.kind === 'denied') {
      const { rule, reason } = outcome.decision;
      return send(
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
    return send(
      {
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
      },
      200,
    );
  });
  return app;
}

/**
 * The phases of one call as a Server-Timing header value (durations in ms): `pre` the middlewares before the route
 * (request id, auth, body limit, rate limit), `body` reading and validating the JSON body, then the guarded call's
 * own phases (`guard`, `query`, `hash`, `record`, `audit`: see GuardedSqlTiming), `respond` the response object and
 * its JSON encoding plus what the call spent outside its own phases (getting in and out of it), so the phases add up to
 * `total`, from arrival to the encoded body. Writing to the socket comes after and is not in it.
 */
function serverTiming(
  startedAt: number | undefined,
  routeAt: number,
  callAt: number,
  respondAt: number,
  done: number,
  timing: GuardedSqlTiming | undefined,
): string {
  const start = startedAt ?? routeAt;
  const phases: [string, number][] = [
    ['pre', routeAt - start],
    ['body', callAt - routeAt],
    ...(timing ? (Object.entries(timing) as [string, number][]) : [['call', respondAt - callAt] as [string, number]]),
    ['respond', done - callAt - (timing ? (Object.values(timing) as number[]).reduce((sum, ms) => sum + ms, 0) : respondAt - callAt)],
    ['total', done - start],
  ];
  return phases.map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`).join(', ');
}
