// Turns the outcome of a guarded SQL call (no model, no planner) into the Answer every channel renders.
import { answerWithoutData, type Answer } from './answer.ts';
import type { GuardedSqlOutcome } from './guarded-sql.ts';

/** `asked` is what the caller sent; a denial reports it, an executed query reports the SQL that actually ran. */
export function answerFromSqlOutcome(outcome: GuardedSqlOutcome, asked: { source: string; sql: string }): Answer {
  if (outcome.kind === 'denied') {
    const { rule, reason } = outcome.decision;
    return answerWithoutData(`Denied by policy (${rule}): ${reason}`, {
      sql: asked.sql,
      source: asked.source,
      decision: { kind: 'deny', rule, reason },
      auditSeq: outcome.auditSeq,
    });
  }
  const { result, decision } = outcome;
  return answerWithoutData(`${result.rows.length} ${result.rows.length === 1 ? 'row' : 'rows'}${result.truncated ? ' (truncated)' : ''}`, {
    sql: outcome.sql,
    source: outcome.source,
    columns: result.columns,
    rows: result.rows,
    truncated: result.truncated,
    decision: decision.kind === 'rewrite' ? { kind: 'rewrite', rule: decision.rule, reason: decision.reason } : { kind: 'allow' },
    auditSeq: outcome.auditSeq,
    notes: outcome.notes,
  });
}
