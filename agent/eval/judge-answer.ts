// The verdict on one answer: right or wrong for what the question expects, confident or not, and why.
import type { QueryResult } from '../../connectors/connector.ts';
import type { Answer } from '../answer.ts';
import { kindOf, namesWhatWasMissing, reasonOf, saysNothingAndWhy, type AnswerKind } from './answer-kind.ts';
import { checkSentence } from './check-sentence.ts';
import { compareResults } from './compare-results.ts';
import { readCell } from './eval-cells.ts';
import type { EvalQuestion } from './question-file.ts';
import { resolveValueColumns } from './value-columns.ts';

/** The gold side of a question: its result, a denial of the gold SQL for the asking user, a failure, or no gold SQL. */
export type GoldOutcome =
  | { kind: 'result'; result: QueryResult }
  | { kind: 'denied'; rule: string; reason: string }
  | { kind: 'failed'; message: string }
  | { kind: 'none' };

/**
 * How a claim about the plant went wrong, for the figures (they name no question): other rows than the gold's, no column
 * for a value asked, other values, a sentence that says another number than its table, "nothing" where the gold has data,
 * data where the gold has none, or an answer where a refusal or decline was expected.
 */
export type WrongKind = 'rows' | 'column' | 'value' | 'sentence' | 'said-nothing' | 'data-where-none' | 'answered-not-expected';

export interface Verdict {
  correct: boolean;
  /** The answer made a claim about the plant (data, or "there was nothing"): wrong ones are the dangerous ones. */
  confident: boolean;
  got: AnswerKind;
  /** The question itself is wrong (gold failed, empty gold for `answer`...): fix the file, not otq. */
  questionError?: boolean;
  reason?: string;
  /** A wrong claim about the plant: how it was wrong. */
  wrongKind?: WrongKind;
  /** For declines and ask-backs: the answerer's reason, shown in the report. */
  declineReason?: string;
}

export interface JudgeOptions {
  /** The plant's time zone (when the answer carries no window). */
  timezone: string;
}

const CLAIMS: readonly AnswerKind[] = ['answer', 'empty'];
const DEFAULT_TOLERANCE = 0.001;

function goldIsEmpty(result: QueryResult, valueIndexes: readonly number[]): boolean {
  return result.rows.length === 0 || result.rows.every((row) => valueIndexes.every((k) => readCell(row[k]).kind === 'null'));
}

/** Judges one answer against what the question expects. */
export function judgeAnswer(q: EvalQuestion, gold: GoldOutcome, answer: Answer, options: JudgeOptions): Verdict {
  const got = kindOf(answer);
  const confident = CLAIMS.includes(got);
  const base = { got, confident, ...(got === 'decline' || got === 'askback' ? { declineReason: reasonOf(answer) } : {}) };
  const wrong = (reason: string, kind?: WrongKind): Verdict => ({
    ...base,
    correct: false,
    reason,
    ...(confident && kind ? { wrongKind: kind } : {}),
  });
  const questionError = (reason: string): Verdict => ({ ...base, correct: false, questionError: true, reason: `question: ${reason}` });
  if (gold.kind === 'failed') return questionError(`gold SQL failed: ${gold.message}`);
  if (gold.kind === 'denied' && q.expect !== 'denied')
    return questionError(
      `gold SQL is denied for the asking user (${gold.rule}: ${gold.reason}); if a denial is right, mark expect "denied"`,
    );
  const expected = q.expect;
  if (expected === 'denied' && gold.kind === 'result')
    return questionError('expect "denied" but the gold SQL is allowed for the asking user; give the user, or drop gold_sql');
  if (expected === 'answer' || expected === 'empty') {
    if (gold.kind === 'result' && gold.result.truncated) return questionError('the gold result was truncated by the row cap');
    if (gold.kind === 'result') {
      const resolved = resolveValueColumns(q.value_columns, gold.result.columns);
      const emptyGold = goldIsEmpty(gold.result, resolved.ok ? resolved.columns.map((c) => c.index) : gold.result.columns.map((_, k) => k));
      if (expected === 'empty' && !emptyGold)
        return questionError(`expect "empty" but the gold SQL returned ${gold.result.rows.length} row(s) with values`);
      if (expected === 'answer') {
        if (emptyGold) return questionError('the gold result is empty; if nothing is the right answer, mark expect "empty"');
        if (!resolved.ok) return questionError(resolved.reason);
        if (got !== 'answer')
          return got === 'empty'
            ? wrong(`said there was nothing; the gold has ${gold.result.rows.length} row(s)`, 'said-nothing')
            : wrong(`${got}: ${reasonOf(answer).slice(0, 300)}`);
        if (answer.truncated) return wrong('the answer was truncated');
        const cellOptions = {
          tolerance: q.tolerance ?? DEFAULT_TOLERANCE,
          timeResolution: q.time_resolution ?? 'exact',
          timezone: answer.window?.timezone ?? options.timezone,
        };
        const table = compareResults(gold.result, answer, resolved.columns, { ...cellOptions, ordered: q.ordered ?? false });
        if (!table.match) return wrong(table.reason, table.kind);
        const sentence = checkSentence(answer.answer, gold.result, resolved.columns, {
          ...cellOptions,
          skip: answer.window ? [answer.window.label] : [],
        });
        if (!sentence.ok) return wrong(sentence.reason, 'sentence');
        return { ...base, correct: true };
      }
    }
    if (got !== 'empty')
      return got === 'answer'
        ? wrong('answered with data where there is none', 'data-where-none')
        : wrong(`${got}: ${reasonOf(answer).slice(0, 300)}`);
    const silent = saysNothingAndWhy(answer);
    return silent ? wrong(silent) : { ...base, correct: true };
  }
  if (got !== expected) {
    const detail = got === 'answer' || got === 'empty' ? answer.answer.slice(0, 200) : reasonOf(answer).slice(0, 300);
    return wrong(`expected ${expected}, got ${got}: ${detail}`, 'answered-not-expected');
  }
  if (expected === 'denied' && q.rule && answer.decision?.rule !== q.rule)
    return wrong(`denied by ${answer.decision?.rule ?? 'no rule'}, expected ${q.rule}`);
  if (expected === 'decline' && !namesWhatWasMissing(reasonOf(answer), q.question))
    return wrong(`the decline does not name the word or part it could not place: ${reasonOf(answer).slice(0, 200)}`);
  return { ...base, correct: true };
}
