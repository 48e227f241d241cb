// wrapToolCall: every tool call of the model goes through the guard and the evidence log; the tool-call limit lives here too.
import { ToolMessage } from '@langchain/core/messages';
import { createMiddleware } from 'langchain';
import type { AuditContext, AuditLog } from '../../audit/audit-record.ts';
import type { JsonObject } from '../../core/json.ts';
import type { Principal } from '../../core/principal.ts';
import type { Guard } from '../../policies/decision.ts';
import type { ProgressEvent } from '../answer.ts';
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
      const args = (call.args ?? {}) as JsonObject;
      const reply = (content: string): ToolMessage =>
        new ToolMessage({ content, tool_call_id: call.id ?? '', name: call.name, status: 'error' });
      deps.state.toolCalls++;
      deps.onProgress?.({ kind: 'tool_call', tool: call.name, args });
      if (deps.state.toolCalls > deps.maxToolCalls) {
        deps.state.limitHit = true;
        const reason = `tool-call limit of ${deps.maxToolCalls} per question reached`;
        await deps.audit.record('tool_call', deps.auditContext, { tool: call.name, args, refused: reason });
        return reply(`Refused: ${reason}. Answer now with the results you already have, and say what is missing.`);
      }
      if (SQL_TOOLS.has(call.name)) return handler(request);

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
        return reply(`DENIED by policy rule ${decision.rule}: ${decision.reason}`);
      }
      if (decision.kind === 'rewrite') return handler({ ...request, toolCall: { ...call, args: decision.call.args } });
      return handler(request);
    },
  });
}
