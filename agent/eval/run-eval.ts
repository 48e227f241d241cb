// runEval: asks every question of a file, runs its gold SQL, compares the result sets, and reports accuracy.
import { isOtqError } from '../../core/errors.ts';
import type { QueryResult } from '../../connectors/connector.ts';
import type { Answer } from '../answer.ts';
import { compareResults } from './compare-results.ts';
import { readQuestionFile, type EvalQuestion } from './question-file.ts';

/** How one question went. `confident` = an answer with rows was given (not declined, not asked back, not denied). */
export interface EvalOutcome {
  id: string;
  question: string;
  shape: string;
  planner: boolean;
  correct: boolean;
  confident: boolean;
  answeredBy: Answer['answeredBy'] | 'error';
  reason?: string;
  sql: string | null;
  answer: string;
  /** Time to answer, ms. */
  durationMs: number;
}

export interface AccuracyFigure {
  total: number;
  correct: number;
  /** correct / total, 0..1 (0 when total is 0). */
  accuracy: number;
}

export interface EvalReport {
  file: string;
  overall: AccuracyFigure;
  planner: AccuracyFigure;
  other: AccuracyFigure;
  /** Answers given with confidence that do not match the gold result: the number that must stay 0. */
  wrongWithConfidence: number;
  declined: number;
  failures: EvalOutcome[];
  outcomes: EvalOutcome[];
}

export interface RunEvalOptions {
  file: string;
  ask: (question: string, now: Date) => Promise<Answer>;
  runGold: (source: string, sql: string) => Promise<QueryResult>;
  /** Only these ids (default all). */
  only?: readonly string[];
  onOutcome?: (outcome: EvalOutcome) => void;
}

const figure = (outcomes: readonly EvalOutcome[]): AccuracyFigure => {
  const correct = outcomes.filter((o) => o.correct).length;
  return { total: outcomes.length, correct, accuracy: outcomes.length === 0 ? 0 : correct / outcomes.length };
};

async function evaluate(q: EvalQuestion, options: RunEvalOptions): Promise<EvalOutcome> {
  const base = { id: q.id, question: q.question, shape: q.shape, planner: q.planner };
  let gold: QueryResult;
  let goldError: unknown;
  try {
    gold = await options.runGold(q.source, q.gold_sql);
  } catch (error) {
    goldError = error;
    gold = { columns: [], rows: [], truncated: false, bytes: 0, durationMs: 0 };
  }
  const started = performance.now();
  let answer: Answer;
  try {
    answer = await options.ask(q.question, new Date(q.now));
  } catch (error) {
    return {
      ...base,
      correct: false,
      confident: false,
      answeredBy: 'error',
      reason: `ask failed: ${(error as Error).message}`,
      sql: null,
      answer: '',
      durationMs: performance.now() - started,
    };
  }
  const durationMs = performance.now() - started;
  const confident = answer.answeredBy !== 'none' && answer.sql !== null && !answer.candidates?.length && answer.decision?.kind !== 'deny';
  const common = { ...base, confident, answeredBy: answer.answeredBy, sql: answer.sql, answer: answer.answer, durationMs };
  if (goldError !== undefined) {
    // The user may not read what the gold SQL reads: the right answer is then a denial or a decline, never data.
    const denied = isOtqError(goldError) && goldError.code === 'POLICY_DENIED';
    return {
      ...common,
      correct: denied && !confident,
      reason: denied
        ? confident
          ? `answered with data the user may not read (${(goldError as Error).message})`
          : undefined
        : `gold SQL failed: ${(goldError as Error).message}`,
    };
  }
  if (!confident)
    return {
      ...common,
      correct: false,
      reason: answer.candidates?.length ? `asked back: ${answer.candidates.join(', ')}` : `no answer: ${answer.answer.slice(0, 200)}`,
    };
  if (answer.truncated && !gold.truncated) return { ...common, correct: false, reason: 'the answer was truncated' };
  const comparison = compareResults(gold, answer, { ordered: q.ordered ?? false });
  return comparison.match ? { ...common, correct: true } : { ...common, correct: false, reason: comparison.reason };
}

/** Runs the evaluation sequentially (the engines are shared; timings stay meaningful). */
export async function runEval(options: RunEvalOptions): Promise<EvalReport> {
  const questions = (await readQuestionFile(options.file)).filter((q) => !options.only || options.only.includes(q.id));
  const outcomes: EvalOutcome[] = [];
  for (const q of questions) {
    const outcome = await evaluate(q, options);
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  }
  return {
    file: options.file,
    overall: figure(outcomes),
    planner: figure(outcomes.filter((o) => o.planner)),
    other: figure(outcomes.filter((o) => !o.planner)),
    wrongWithConfidence: outcomes.filter((o) => o.confident && !o.correct).length,
    declined: outcomes.filter((o) => !o.confident).length,
    failures: outcomes.filter((o) => !o.correct),
    outcomes,
  };
}
