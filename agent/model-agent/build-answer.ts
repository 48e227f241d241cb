// Builds the Answer from the last successful guarded query of the question and the text: the model's, or otq's own
// when a budget ran out. Data, SQL, window and chart come from the query (never from the model's text).
import type { Answer, AnswerDecision, Grounding, ModelRun } from '../answer.ts';
import { describeSteps } from './model-failure.ts';
import type { QuestionState } from './question-state.ts';

export interface AnswerExtras {
  grounding?: Grounding;
  modelRun: ModelRun;
  partial?: boolean;
}

/** One line saying what the model did: "model qwen (3 calls, 4.2 s); tools: search_catalog, plan_query (1 row)". */
export function runNote(run: ModelRun): string {
  const seconds = (run.modelMs / 1000).toFixed(1);
  const tools = run.tools.length > 0 ? describeSteps(run.tools) : 'none';
  return `model ${run.model} (${run.modelCalls} call${run.modelCalls === 1 ? '' : 's'}, ${seconds} s); tools: ${tools}`;
}

/** The answer object: data and SQL from the last good run; a plan-built run brings the planner's window, chart and notes. */
export function buildAnswer(text: string, state: QuestionState, notes: string[], extras: AnswerExtras): Answer {
  const ok = state.lastOk;
  const denied = state.lastDenied;
  let decision: AnswerDecision | null = null;
  if (ok) {
    const d = ok.outcome.decision;
    decision = d.kind === 'rewrite' ? { kind: 'rewrite', rule: d.rule, reason: d.reason } : { kind: 'allow' };
  } else if (denied) {
    decision = { kind: 'deny', rule: denied.outcome.decision.rule, reason: denied.outcome.decision.reason };
  }
  const rendered = ok?.rendered;
  const allNotes = [...(rendered ? rendered.notes : (ok?.outcome.notes ?? [])), ...notes];
  if (denied && ok) allNotes.push(`an earlier query was denied by ${denied.outcome.decision.rule}: ${denied.outcome.decision.reason}`);
  if (extras.grounding && extras.grounding.status !== 'grounded') allNotes.push(extras.grounding.summary);
  allNotes.push(runNote(extras.modelRun));
  const window = rendered?.window ?? ok?.window;
  return {
    answer: text,
    sql: ok?.outcome.sql ?? null,
    source: ok?.outcome.source ?? null,
    columns: ok?.outcome.result.columns ?? [],
    rows: ok?.outcome.result.rows ?? [],
    truncated: ok?.outcome.result.truncated ?? false,
    decision,
    auditSeq: [...state.auditSeq],
    ...(window ? { window } : {}),
    ...(rendered?.chart ? { chart: rendered.chart } : {}),
    notes: allNotes,
    answeredBy: 'model',
    ...(extras.grounding ? { grounding: extras.grounding } : {}),
    modelRun: extras.modelRun,
    ...(extras.partial ? { partial: true } : {}),
  };
}
