// The end of a model answer: the model's text checked (a language answer? every number traced to data?), or, when
// a budget ran out, what the queries found so far marked partial, or a ModelFailure when there is nothing to give.
import type { Answer, ModelRun } from '../answer.ts';
import { buildAnswer } from './build-answer.ts';
import { checkGrounding, collectEvidence } from './grounding.ts';
import { checkLanguage } from './language-check.ts';
import { ModelFailure, type ModelFailureCode } from './model-failure.ts';
import type { QuestionState } from './question-state.ts';

export interface FinishContext {
  question: string;
  /** Texts of the conversation the model was given (the question with the current time, earlier turns). */
  conversation: readonly string[];
  timezone: string;
  /** Units of the catalog: a number followed by one of them claims that unit. */
  catalogUnits: readonly string[];
  grounding: 'flag' | 'strict';
  run: ModelRun;
  notes: string[];
}

/** Checks and builds the answer from the model's final text; throws ModelFailure when the text is not an answer. */
export function finishAnswer(text: string, state: QuestionState, ctx: FinishContext, partial = false): Answer {
  const verdict = checkLanguage(text, ctx.question, [...state.toolTexts, ...ctx.conversation].join('\n'));
  if (!verdict.ok) throw new ModelFailure('MODEL_FAILED', verdict.reason, state.steps);
  const evidence = collectEvidence({
    toolTexts: state.toolTexts,
    conversation: ctx.conversation,
    toolArgs: state.toolArgs,
    hasData: state.okQueries > 0,
    timezone: ctx.timezone,
    catalogUnits: ctx.catalogUnits,
  });
  const grounding = checkGrounding(text, evidence, ctx.catalogUnits);
  if (ctx.grounding === 'strict' && grounding.untraced.length > 0) {
    const withheld =
      `Answer withheld (model.grounding: strict): the model's answer states ${grounding.untraced.join(', ')}, which no query ` +
      `result of this question contains.${state.okQueries > 0 ? ' The table shows what the queries returned.' : ''}`;
    return buildAnswer(withheld, state, ctx.notes, { grounding: { ...grounding, withheld: true }, modelRun: ctx.run, partial });
  }
  return buildAnswer(text, state, ctx.notes, { grounding, modelRun: ctx.run, partial });
}

/**
 * A budget (time, tool calls, steps) ran out before the model wrote its answer: the answer is what the last query
 * found, worded by otq and marked partial; with no data at all it is a failure with `code`.
 */
export function endWithWhatItHas(state: QuestionState, ctx: FinishContext, code: ModelFailureCode, what: string): Answer {
  const ok = state.lastOk;
  if (!ok) throw new ModelFailure(code, `the model ${what}, and no query had returned data`, state.steps);
  const rows = ok.outcome.result.rows.length;
  const text = ok.rendered
    ? ok.rendered.answer
    : `The model ${what} before writing its answer; the table holds the result of its last query (${ok.tool}, ${rows} row${rows === 1 ? '' : 's'}).`;
  const notes = [`partial answer: the model ${what}`, ...ctx.notes];
  return buildAnswer(text, state, notes, {
    grounding: {
      status: 'grounded',
      traced: [],
      untraced: [],
      summary: ok.rendered ? 'worded by otq from the last query result' : 'no numbers of the model to trace',
    },
    modelRun: ctx.run,
    partial: true,
  });
}
