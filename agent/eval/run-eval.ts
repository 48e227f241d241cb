// runEval: asks every question of one or more files as its user, runs its gold SQL through the same guard, judges, and reports.
import { isOtqError } from '../../core/errors.ts';
import type { QueryResult } from '../../connectors/connector.ts';
import type { Answer, ConversationTurn } from '../answer.ts';
import type { AnswerKind } from './answer-kind.ts';
import type { ModelFigures } from './model-transcripts.ts';
import { judgeAnswer, type GoldOutcome, type WrongKind } from './judge-answer.ts';
import { readQuestionFile, type EvalQuestion, type Expect } from './question-file.ts';

/** How one question went. `confident` = the answer made a claim about the plant (data, or "there was nothing"). */
export interface EvalOutcome {
  file: string;
  id: string;
  question: string;
  shape: string;
  register: string;
  planner: boolean;
  expect: Expect;
  user: string | null;
  got: AnswerKind | 'error';
  correct: boolean;
  confident: boolean;
  /** The question file is wrong here (its gold failed, or contradicts `expect`). */
  questionError: boolean;
  answeredBy: Answer['answeredBy'] | 'error';
  reason?: string;
  /** A wrong claim about the plant: how it was wrong (judge-answer.ts). */
  wrongKind?: WrongKind;
  /** For declines and ask-backs: the answerer's reason (it must name the word or part it could not place). */
  declineReason?: string;
  sql: string | null;
  answer: string;
  /** Time to answer, ms. */
  durationMs: number;
  /** Model answers: what the grounding check concluded. */
  grounding?: 'grounded' | 'ungrounded' | 'no-data';
  /** When ask failed: the error's code (MODEL_FAILED and TIMEOUT are model failures answered as such). */
  errorCode?: string;
}

export interface AccuracyFigure {
  total: number;
  correct: number;
  /** correct / total, 0..1 (0 when total is 0). */
  accuracy: number;
  /** Of the wrong ones, those answered as a claim about the plant (not declined or asked back). */
  wrongWithConfidence: number;
}

export interface FileFigures {
  file: string;
  overall: AccuracyFigure;
  planner: AccuracyFigure;
  other: AccuracyFigure;
  wrongWithConfidence: number;
}

export interface EvalReport {
  files: FileFigures[];
  overall: AccuracyFigure;
  planner: AccuracyFigure;
  other: AccuracyFigure;
  byShape: Record<string, AccuracyFigure>;
  byRegister: Record<string, AccuracyFigure>;
  byExpect: Record<string, AccuracyFigure>;
  /** Claims about the plant that do not match the gold: the number that must stay 0. */
  wrongWithConfidence: number;
  /** Those claims counted by how they were wrong (other rows, values, columns...): where to look, naming no question. */
  wrongKinds: Record<string, number>;
  /** Declines and ask-backs given (right or wrong). */
  declined: number;
  /** Questions whose own gold or expectation is broken. */
  questionErrors: number;
  failures: EvalOutcome[];
  outcomes: EvalOutcome[];
  /** `otq eval --model`: the grounding figures of the model's answers. */
  model?: ModelFigures;
}

export interface RunEvalOptions {
  files: readonly string[];
  /** Asks as `user` (undefined = the config's default user); an unknown user is a CONFIG_INVALID error. */
  ask: (question: string, now: Date, user: string | undefined, history?: readonly ConversationTurn[]) => Promise<Answer>;
  /** Runs gold SQL through the guard as `user`, as asked at the question's `now`; a denial throws POLICY_DENIED with details `{rule, reason}`. */
  runGold: (source: string, sql: string, user: string | undefined, now: Date) => Promise<QueryResult>;
  /** The plant's time zone, for answers without a window. */
  timezone: string;
  /** Only these ids (default all). */
  only?: readonly string[];
  onOutcome?: (outcome: EvalOutcome) => void;
}

const countKinds = (wrong: readonly EvalOutcome[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const o of wrong) counts[o.wrongKind ?? 'other'] = (counts[o.wrongKind ?? 'other'] ?? 0) + 1;
  return counts;
};

const isWrongWithConfidence = (o: EvalOutcome): boolean => o.confident && !o.correct && !o.questionError;

const figure = (outcomes: readonly EvalOutcome[]): AccuracyFigure => {
  const correct = outcomes.filter((o) => o.correct).length;
  return {
    total: outcomes.length,
    correct,
    accuracy: outcomes.length === 0 ? 0 : correct / outcomes.length,
    wrongWithConfidence: outcomes.filter(isWrongWithConfidence).length,
  };
};

function figuresBy(outcomes: readonly EvalOutcome[], key: (o: EvalOutcome) => string): Record<string, AccuracyFigure> {
  const groups = new Map<string, EvalOutcome[]>();
  for (const o of outcomes) groups.set(key(o), [...(groups.get(key(o)) ?? []), o]);
  return Object.fromEntries([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, figure(v)]));
}

async function runGold(q: EvalQuestion, options: RunEvalOptions): Promise<GoldOutcome> {
  if (!q.gold_sql || !q.source) return { kind: 'none' };
  try {
    return { kind: 'result', result: await options.runGold(q.source, q.gold_sql, q.user, new Date(q.now)) };
  } catch (error) {
    if (isOtqError(error) && error.code === 'POLICY_DENIED') {
      const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
      return { kind: 'denied', rule: text(error.details?.['rule'], 'unknown'), reason: text(error.details?.['reason'], error.message) };
    }
    return { kind: 'failed', message: (error as Error).message };
  }
}

async function evaluate(file: string, q: EvalQuestion, options: RunEvalOptions): Promise<EvalOutcome> {
  const base = {
    file,
    id: q.id,
    question: q.question,
    shape: q.shape,
    register: q.register,
    planner: q.planner,
    expect: q.expect,
    user: q.user ?? null,
  };
  const gold = await runGold(q, options);
  const started = performance.now();
  let answer: Answer;
  try {
    const history = await askEarlier(q, options);
    answer = await options.ask(q.question, new Date(q.now), q.user, ...(history.length > 0 ? [history] : []));
  } catch (error) {
    const userUnknown = isOtqError(error) && error.code === 'CONFIG_INVALID';
    return {
      ...base,
      got: 'error',
      correct: false,
      confident: false,
      questionError: userUnknown,
      answeredBy: 'error',
      reason: `${userUnknown ? 'question: ' : ''}ask failed: ${(error as Error).message}`,
      ...(isOtqError(error) ? { errorCode: error.code } : {}),
      sql: null,
      answer: '',
      durationMs: performance.now() - started,
    };
  }
  const durationMs = performance.now() - started;
  const verdict = judgeAnswer(q, gold, answer, { timezone: options.timezone });
  return {
    ...base,
    got: verdict.got,
    correct: verdict.correct,
    confident: verdict.confident,
    questionError: verdict.questionError ?? false,
    answeredBy: answer.answeredBy,
    ...(verdict.reason !== undefined ? { reason: verdict.reason } : {}),
    ...(verdict.wrongKind !== undefined ? { wrongKind: verdict.wrongKind } : {}),
    ...(verdict.declineReason !== undefined ? { declineReason: verdict.declineReason } : {}),
    sql: answer.sql,
    answer: answer.answer,
    durationMs,
    ...(answer.grounding ? { grounding: answer.grounding.status } : {}),
  };
}

/** A follow-up's conversation: each earlier question asked in turn, its answer kept as the chat keeps it. */
async function askEarlier(q: EvalQuestion, options: RunEvalOptions): Promise<ConversationTurn[]> {
  const turns: ConversationTurn[] = [];
  for (const question of q.history ?? []) {
    const answer = await options.ask(question, new Date(q.now), q.user, turns.length > 0 ? [...turns] : undefined);
    turns.push({
      question,
      sql: answer.sql,
      source: answer.source,
      ...(answer.window ? { window: answer.window } : {}),
      answer: answer.answer,
    });
  }
  return turns;
}

/** Runs the evaluation sequentially (the engines are shared; timings stay meaningful). Files are read before any question runs. */
export async function runEval(options: RunEvalOptions): Promise<EvalReport> {
  const sets: { file: string; questions: EvalQuestion[] }[] = [];
  for (const file of options.files) {
    const questions = (await readQuestionFile(file)).filter((q) => !options.only || options.only.includes(q.id));
    sets.push({ file, questions });
  }
  const outcomes: EvalOutcome[] = [];
  for (const { file, questions } of sets) {
    for (const q of questions) {
      const outcome = await evaluate(file, q, options);
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
  }
  const wrongWithConfidence = (list: readonly EvalOutcome[]) => list.filter(isWrongWithConfidence).length;
  return {
    files: sets.map(({ file }) => {
      const mine = outcomes.filter((o) => o.file === file);
      return {
        file,
        overall: figure(mine),
        planner: figure(mine.filter((o) => o.planner)),
        other: figure(mine.filter((o) => !o.planner)),
        wrongWithConfidence: wrongWithConfidence(mine),
      };
    }),
    overall: figure(outcomes),
    planner: figure(outcomes.filter((o) => o.planner)),
    other: figure(outcomes.filter((o) => !o.planner)),
    byShape: figuresBy(outcomes, (o) => o.shape),
    byRegister: figuresBy(outcomes, (o) => o.register),
    byExpect: figuresBy(outcomes, (o) => o.expect),
    wrongWithConfidence: wrongWithConfidence(outcomes),
    wrongKinds: countKinds(outcomes.filter(isWrongWithConfidence)),
    declined: outcomes.filter((o) => o.got === 'decline' || o.got === 'askback').length,
    questionErrors: outcomes.filter((o) => o.questionError).length,
    failures: outcomes.filter((o) => !o.correct),
    outcomes,
  };
}
