// Runs one guarded statement for a tool and turns the outcome into what the model reads: rows, a denial, or the engine's error.
import { OtqError } from '../../core/errors.ts';
import type { Answer, ResolvedWindow } from '../answer.ts';
import { runGuardedSql, type GuardedSqlOutcome } from '../guarded-sql.ts';
import { fenceData, fenceRows } from './fence-data.ts';
import type { AgentToolDeps, ToolContext } from './tool-context.ts';

export interface SqlForModelOptions {
  /** The window the statement was compiled for (tag and plan tools). */
  window?: ResolvedWindow;
  /** Renders a plan's answer from the rows: its sentence leads the model's text, and the final answer takes its chart and notes. */
  render?: (outcome: Extract<GuardedSqlOutcome, { kind: 'ok' }>) => Answer;
}

const COMPUTED_PART = 'computed answer';

/** The computed answer sentence in a plan tool's result text (what a faithful model repeats), or null. */
export function computedAnswerIn(toolText: string): string | null {
  const lines = toolText.split('\n');
  const start = lines.findIndex((l) => l.startsWith('<data ') && l.includes(`part="${COMPUTED_PART}"`));
  // Line start + 1 is the fence's note; the sentence follows it.
  const sentence = start >= 0 ? lines[start + 2] : undefined;
  return sentence && !sentence.startsWith('</data>') ? sentence : null;
}

/** The model-facing text of one guarded SQL run. Aborts (time budget, user cancel) propagate; everything else is text. */
export async function runSqlForModel(
  deps: AgentToolDeps,
  ctx: ToolContext,
  tool: string,
  source: string,
  sql: string,
  options: SqlForModelOptions = {},
): Promise<string> {
  const { window } = options;
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
  const rendered = outcome.kind === 'ok' && options.render ? options.render(outcome) : undefined;
  ctx.onSql?.({ kind: 'outcome', tool, outcome, ...(window ? { window } : {}), ...(rendered ? { rendered } : {}) });
  if (outcome.kind === 'denied') {
    return `DENIED by policy rule ${outcome.decision.rule}: ${outcome.decision.reason}\nDo not retry the same statement. Query something you are allowed to read, or tell the user what was denied and why.`;
  }
  const { result } = outcome;
  const rows = fenceRows({
    tool,
    source: outcome.source,
    columns: result.columns,
    rows: result.rows,
    truncated: result.truncated,
    maxRows: deps.maxRowsToModel ?? 50,
    notes: outcome.notes,
  });
  if (!rendered) return rows;
  // The sentence quotes catalog text (tag descriptions), so it is fenced as data like the rows.
  const computed = fenceData({ tool, part: COMPUTED_PART }, [rendered.answer, ...rendered.notes.map((n) => `note: ${n}`)]);
  return `The first block is the answer otq computed from the rows in the second (historian maths): state its numbers and window, do not recompute them.\n${computed}\n${rows}`;
}
