// wrapToolCall: every tool call of the model goes through the guard and the evidence log; the tool-call limit lives here too.
import { ToolMessage } from '@langchain/core/messages';
import { createMiddleware } from 'langchain';
import type { AuditContext, AuditLog } from '../../audit/audit-record.ts';
import { isOtqError } from '../../core/errors.ts';
import type { JsonObject } from '../../core/json.ts';
import type { Principal } from '../../core/principal.ts';
import type { Guard } from '../../policies/decision.ts';
import type { ProgressEvent, ToolStep } from '../answer.ts';
import { SQL_TOOLS } from '../tools/tool-context.ts';
import type { QuestionState } from './question-state.ts';

export interface GuardMiddlewareDeps {
  guard: Guard;
  /** The question's collecting audit log. */
  audit: AuditLog;
  principal: Principal;
  auditContext: AuditContext;
  state: QuestionState;
  maxToolCalls: number;
  /** The question's signal: after an abort, a tool's error is the abort and ends the question. */
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

/**
 * SQL tools (run_sql, tag_history, tag_stats) are guarded and recorded inside runGuardedSql, so they pass through here
 * unrecorded (nothing is recorded twice). Every other tool gets a `tool_call` and a `policy_decision` record here; a denial
 * goes back to the model as an error tool message with the rule and the reason.
 */
export function createGuardMiddleware(deps: GuardMiddlewareDeps) {
  return createMiddleware({
    name: 'otq-guard',
    wrapToolCall: async (request, handler) => {
      const call = request.toolCall;
      const started = performance.now();
      const sqlBefore = deps.state.sqlEvents.length;
      deps.state.toolCalls++;
      deps.onProgress?.({ kind: 'tool_call', tool: call.name, args: (call.args ?? {}) as JsonObject });
      deps.state.toolArgs.push(JSON.stringify(call.args ?? {}));
      const { message, outcome } = await guardedCall(deps, request, handler).catch((error: unknown) => {
        // Aborts (budget, cancel) and audit failures end the question; anything else the model can repair.
        if (deps.signal?.aborted || (isOtqError(error) && (error.code === 'AUDIT_FAILED' || error.code === 'AUDIT_LOCKED'))) throw error;
        return { message: toolError(call, error), outcome: 'error' as const };
      });
      if (ToolMessage.isInstance(message)) deps.state.toolTexts.push(message.text);
      const step: ToolStep = { tool: call.name, outcome, durationMs: Math.round(performance.now() - started) };
      const sql = deps.state.sqlEvents.slice(sqlBefore).at(-1);
      // A data tool that ran no query refused its arguments (unknown tag, bad window, a plan it cannot compute).
      if (!sql && SQL_TOOLS.has(call.name) && outcome === 'ok') step.outcome = 'error';
      else if (sql?.kind === 'error') step.outcome = 'error';
      else if (sql?.outcome.kind === 'denied') step.outcome = 'denied';
      else if (sql?.outcome.kind === 'ok') step.rows = sql.outcome.result.rows.length;
      deps.state.steps.push(step);
      deps.onProgress?.({ kind: 'tool_result', ...step });
      return message;
    },
  });
}

/**
 * A tool that threw (arguments that do not fit its schema, a bug): the model gets the error in a few words, without the
 * stack trace LangChain would append (file paths are nothing the model or the user should read).
 */
function toolError(call: { id?: string | undefined; name: string }, error: unknown): ToolMessage {
  // LangChain's ToolInvocationError puts the whole stack into its message; the tool's own error is in `toolError`.
  const inner = (error as { toolError?: unknown } | null)?.toolError ?? error;
  const raw = inner instanceof Error ? inner.message : String(inner);
  const text = raw
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 600);
  return new ToolMessage({
    content: `${call.name} could not run: ${text}. Fix the arguments and call it again.`,
    tool_call_id: call.id ?? '',
    name: call.name,
    status: 'error',
  });
}

type WrapToolCall = NonNullable<Parameters<typeof createMiddleware>[0]['wrapToolCall']>;
type ToolRequest = Parameters<WrapToolCall>[0];
type ToolHandler = Parameters<WrapToolCall>[1];

/** The guard's decision on one call and the tool's reply; `refused` past the tool-call limit. */
async function guardedCall(
  deps: GuardMiddlewareDeps,
  request: ToolRequest,
  handler: ToolHandler,
): Promise<{ message: Awaited<ReturnType<ToolHandler>>; outcome: ToolStep['outcome'] }> {
  const call = request.toolCall;
  const args = (call.args ?? {}) as JsonObject;
  const reply = (content: string): ToolMessage =>
    new ToolMessage({ content, tool_call_id: call.id ?? '', name: call.name, status: 'error' });
  if (deps.state.toolCalls > deps.maxToolCalls) {
    deps.state.limitHit = true;
    const reason = `tool-call limit of ${deps.maxToolCalls} per question reached`;
    await deps.audit.record('tool_call', deps.auditContext, { tool: call.name, args, refused: reason });
    return {
      message: reply(`Refused: ${reason}. Answer now with the results you already have, and say what is missing.`),
      outcome: 'refused',
    };
  }
  if (SQL_TOOLS.has(call.name)) return { message: await handler(request), outcome: 'ok' };

  await deps.audit.record('tool_call', deps.auditContext, { tool: call.name, args });
  const decision = await deps.guard.check(deps.principal, { tool: call.name, args });
  await deps.audit.record('policy_decision', deps.auditContext, {
    tool: call.name,
    decision: decision.kind,
    rule: decision.kind === 'allow' ? null : decision.rule,
    reason: decision.kind === 'allow' ? null : decision.reason,
    policyBundle: deps.guard.bundleHash,
  });
  if (decision.kind === 'deny') {
    deps.onProgress?.({ kind: 'decision', decision: { kind: 'deny', rule: decision.rule, reason: decision.reason } });
    return { message: reply(`DENIED by policy rule ${decision.rule}: ${decision.reason}`), outcome: 'denied' };
  }
  if (decision.kind === 'rewrite')
    return { message: await handler({ ...request, toolCall: { ...call, args: decision.call.args } }), outcome: 'ok' };
  return { message: await handler(request), outcome: 'ok' };
}
