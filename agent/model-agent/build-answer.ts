// Builds the Answer from the last successful guarded SQL of the question and the model's final text.
import type { Answer, AnswerDecision } from '../answer.ts';
import type { QuestionState } from './question-state.ts';

/** The answer object: data and SQL from the last good run (never from the model's text), evidence = every record of the question. */
export function buildAnswer(text: string, state: QuestionState, notes: string[]): Answer {
  const ok = state.lastOk;
  const denied = state.lastDenied;
  let decision: AnswerDecision | null = null;
  if (ok) {
    const d = ok.outcome.decision;
    decision = d.kind === 'rewrite' ? { kind: 'rewrite', rule: d.rule, reason: d.reason } : { kind: 'allow' };
  } else if (denied) {
    decision = { kind: 'deny', rule: denied.outcome.decision.rule, reason: denied.outcome.decision.reason };
  }
  const allNotes = [...(ok?.outcome.notes ?? []), ...notes];
  if (denied && ok) allNotes.push(`an earlier query was denied by ${denied.outcome.decision.rule}: ${denied.outcome.decision.reason}`);
  return {
    answer: text,
    sql: ok?.outcome.sql ?? null,
    source: ok?.outcome.source ?? null,
    columns: ok?.outcome.result.columns ?? [],
    rows: ok?.outcome.result.rows ?? [],
    truncated: ok?.outcome.result.truncated ?? false,
    decision,
    auditSeq: [...state.auditSeq],
    ...(ok?.window ? { window: ok.window } : {}),
    notes: allNotes,
    answeredBy: 'model',
  };
}
