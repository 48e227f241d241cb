// Everything the agent learns while answering one question: evidence seqs, tool-call count, SQL outcomes.
import type { AuditLog } from '../../audit/audit-record.ts';
import type { ResolvedWindow } from '../answer.ts';
import type { GuardedSqlOutcome } from '../guarded-sql.ts';
import type { SqlEvent } from '../tools/tool-context.ts';

export type OkOutcome = Extract<GuardedSqlOutcome, { kind: 'ok' }>;
export type DeniedOutcome = Extract<GuardedSqlOutcome, { kind: 'denied' }>;

export interface QuestionState {
  /** Sequence numbers of every audit record written for this question, in order. */
  auditSeq: number[];
  toolCalls: number;
  /** True once a call beyond the limit was refused; the next tool call from the model ends the loop. */
  limitHit: boolean;
  lastOk?: { tool: string; outcome: OkOutcome; window?: ResolvedWindow };
  lastDenied?: { tool: string; outcome: DeniedOutcome };
  sqlErrors: number;
  onSql(event: SqlEvent): void;
}

export function createQuestionState(): QuestionState {
  const state: QuestionState = {
    auditSeq: [],
    toolCalls: 0,
    limitHit: false,
    sqlErrors: 0,
    onSql(event) {
      if (event.kind === 'error') state.sqlErrors++;
      else if (event.outcome.kind === 'ok')
        state.lastOk = { tool: event.tool, outcome: event.outcome, ...(event.window ? { window: event.window } : {}) };
      else state.lastDenied = { tool: event.tool, outcome: event.outcome };
    },
  };
  return state;
}

/** The audit log seen by one question: every record's seq is collected as the answer's evidence. */
export function collectingAudit(audit: AuditLog, auditSeq: number[]): AuditLog {
  return {
    async record(kind, context, payload) {
      const record = await audit.record(kind, context, payload);
      auditSeq.push(record.seq);
      return record;
    },
    close: () => audit.close(),
  };
}
