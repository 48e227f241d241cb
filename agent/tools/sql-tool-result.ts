// Runs one guarded statement for a tool and turns the outcome into what the model reads: rows, a denial, or the engine's error.
import { OtqError } from '../../core/errors.ts';
import type { ResolvedWindow } from '../answer.ts';
import { runGuardedSql } from '../guarded-sql.ts';
import { fenceRows } from './fence-data.ts';
import type { AgentToolDeps, ToolContext } from './tool-context.ts';

/** The model-facing text of one guarded SQL run. Aborts (time budget, user cancel) propagate; everything else is text. */
export async function runSqlForModel(
  deps: AgentToolDeps,
  ctx: ToolContext,
  tool: string,
  source: string,
  sql: string,
  window?: ResolvedWindow,
): Promise<string> {
  let outcome;
  try {
    outcome = await runGuardedSql({ connectors: deps.connectors, guard: deps.guard, audit: deps.audit }, ctx.principal, ctx.auditContext, {
      tool,
      source,
      sql,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(deps.sqlTimeoutMs ? { timeoutMs: deps.sqlTimeoutMs } : {}),
    });
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    const message = error instanceof OtqError || error instanceof Error ? error.message : String(error);
    ctx.onSql?.({ kind: 'error', tool, source, sql, message });
    if (error instanceof OtqError && error.code === 'SOURCE_UNKNOWN') return `${message}. Use one of the listed sources.`;
    return `SQL error from ${source}: ${message}\nFix the statement (check table and column names with describe_table) and call ${tool} again.`;
  }
  ctx.onSql?.({ kind: 'outcome', tool, outcome, ...(window ? { window } : {}) });
  if (outcome.kind === 'denied') {
    return `DENIED by policy rule ${outcome.decision.rule}: ${outcome.decision.reason}\nDo not retry the same statement. Query something you are allowed to read, or tell the user what was denied and why.`;
  }
  const { result } = outcome;
  return fenceRows({
    tool,
    source: outcome.source,
    columns: result.columns,
    rows: result.rows,
    truncated: result.truncated,
    maxRows: deps.maxRowsToModel ?? 50,
    notes: outcome.notes,
  });
}
