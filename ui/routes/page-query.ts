// One query a page route runs for a source on the caller's behalf (the catalog's latest values, sparklines): through the
// guard and the audit log like any query, its outcome as rows or as the one-line reason the page shows instead.
import type { Context } from 'hono';
import type { QueryResult } from '../../connectors/connector.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { describeError } from '../error-handler.ts';

export async function runPageQuery(
  deps: AppDeps,
  c: Context<AppEnv>,
  query: { source: string; sql: string; tool: string },
): Promise<{ result: QueryResult } | { error: string }> {
  try {
    const outcome = await deps.runtime.runSql(c.get('principal'), c.get('audit'), { ...query, signal: c.req.raw.signal });
    return outcome.kind === 'denied'
      ? { error: `denied (${outcome.decision.rule}): ${outcome.decision.reason}` }
      : { result: outcome.result };
  } catch (error) {
    return { error: describeError(error, c.get('requestId')).message };
  }
}
