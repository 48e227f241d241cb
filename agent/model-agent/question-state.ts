// Everything the agent learns while answering one question: evidence seqs, tool steps, model time, SQL outcomes.
import type { AuditLog } from '../../audit/audit-record.ts';
import type { Answer, ResolvedWindow, ToolStep } from '../answer.ts';
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
  /** True when the loop ended at the limit with otq's own closing text instead of the model's answer. */
  stoppedAtLimit: boolean;
  /** The last query that returned data; `rendered` when a plan built it (the planner's sentence, chart and notes). */
  lastOk?: { tool: string; outcome: OkOutcome; window?: ResolvedWindow; rendered?: Answer };
  lastDenied?: { tool: string; outcome: DeniedOutcome };
  /** Queries that returned data (rows, even none) for this question. */
  okQueries: number;
  sqlErrors: number;
  /** Every SQL event in order (the guard middleware reads the ones of each tool call to describe its step). */
  sqlEvents: SqlEvent[];
  /** Finished tool calls, in order. */
  steps: ToolStep[];
  /** What each tool returned to the model, and the arguments the model gave: the grounding check's evidence. */
  toolTexts: string[];
  toolArgs: string[];
  /** Model calls and their summed time, ms. */
  modelCalls: number;
  modelMs: number;
  onSql(event: SqlEvent): void;
}

export function createQuestionState(): QuestionState {
  const state: QuestionState = {
    auditSeq: [],
    toolCalls: 0,
    limitHit: false,
    stoppedAtLimit: false,
    okQueries: 0,
    sqlErrors: 0,
    sqlEvents: [],
    steps: [],
    toolTexts: [],
    toolArgs: [],
    modelCalls: 0,
    modelMs: 0,
    onSql(event) {
      state.sqlEvents.push(event);
      if (event.kind === 'error') state.sqlErrors++;
      else if (event.outcome.kind === 'ok') {
        state.okQueries++;
        state.lastOk = {
          tool: event.tool,
          outcome: event.outcome,
          ...(event.window ? { window: event.window } : {}),
          ...(event.rendered ? { rendered: event.rendered } : {}),
        };
      } else state.lastDenied = { tool: event.tool, outcome: event.outcome };
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
