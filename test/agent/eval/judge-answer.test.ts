// Verdicts per expected answer: empty no longer passes empty, declines and denials are right only when the file says so.
import { describe, expect, it } from 'vitest';
import { judgeAnswer, type GoldOutcome } from '../../../agent/eval/judge-answer.ts';
import { evalQuestionSchema, type EvalQuestion } from '../../../agent/eval/question-file.ts';
import { answerWithoutData, type Answer } from '../../../agent/answer.ts';
import type { Cell } from '../../../connectors/connector.ts';

const window = {
  from: '2026-09-30T22:00:00.000Z',
  to: '2026-10-31T23:00:00.000Z',
  timezone: 'Europe/Berlin',
  label: 'last month (2026-10-01 00:00 – 2026-11-01 00:00 Europe/Berlin)',
};
const question = (fields: Record<string, unknown>): EvalQuestion =>
  evalQuestionSchema.parse({
    id: 'q',
    question: 'T2 level over 4.5 m last month - how long?',
    now: '2026-11-01T00:00:00Z',
    shape: 'threshold',
    planner: true,
    register: 'chat',
    ...fields,
  });
const result = (names: string[], rows: Cell[][]): GoldOutcome => ({
  kind: 'result',
  result: { columns: names.map((name) => ({ name, type: '' })), rows, truncated: false, bytes: 0, durationMs: 0 },
});
const planned = (text: string, names: string[], rows: Cell[][]): Answer => ({
  ...answerWithoutData(text, { answeredBy: 'quick-planner', window }),
  sql: 'SELECT ...',
  source: 'historian',
  columns: names.map((name) => ({ name, type: '' })),
  rows,
  decision: { kind: 'allow' },
});
const declined = (reason: string): Answer =>
  answerWithoutData(`The quick planner could not answer this (${reason})`, { notes: [`quick-planner: ${reason}`] });
const opts = { timezone: 'Europe/Berlin' };
const gold = 'SELECT 1';

describe('judgeAnswer: nothing is an answer only where the file says so', () => {
  const emptyGold = result(['start_ts', 'end_ts', 'hours'], []);
  const never = planned(
    `T2/Tank/Level was never above 4.5 m during ${window.label} (good-quality samples).`,
    ['start_time', 'end_time', 'hours'],
    [],
  );

  it('an empty gold under expect "answer" is a broken question, not a pass', () => {
    expect(judgeAnswer(question({ source: 'h', gold_sql: gold }), emptyGold, never, opts)).toMatchObject({
      correct: false,
      questionError: true,
      reason: 'question: the gold result is empty; if nothing is the right answer, mark expect "empty"',
    });
  });

  it('expect "empty": right when the answer says there was nothing and where it looked', () => {
    expect(judgeAnswer(question({ source: 'h', gold_sql: gold, expect: 'empty' }), emptyGold, never, opts)).toEqual({
      got: 'empty',
      confident: true,
      correct: true,
    });
  });

  it('expect "empty": an empty table with a sentence that does not say so is wrong', () => {
    const mute = planned('T2/Tank/Level, last month.', ['start_time', 'end_time', 'hours'], []);
    expect(judgeAnswer(question({ expect: 'empty' }), { kind: 'none' }, mute, opts)).toMatchObject({
      correct: false,
      reason: 'the answer does not say that there was nothing',
    });
  });

  it('expect "empty": a decline is wrong, and so is data (confidently)', () => {
    const q = question({ expect: 'empty' });
    expect(judgeAnswer(q, { kind: 'none' }, declined('I did not understand "over"'), opts)).toMatchObject({
      correct: false,
      confident: false,
      got: 'decline',
    });
    const data = planned(
      'T2 was above 4.5 m 1 time.',
      ['start_time', 'end_time', 'hours'],
      [['2026-10-01T00:00:00Z', '2026-10-01T01:00:00Z', 1]],
    );
    expect(judgeAnswer(q, { kind: 'none' }, data, opts)).toMatchObject({
      correct: false,
      confident: true,
      reason: 'answered with data where there is none',
    });
  });

  it('expect "empty" whose gold returns rows is a broken question', () => {
    expect(judgeAnswer(question({ source: 'h', gold_sql: gold, expect: 'empty' }), result(['n'], [[3]]), never, opts)).toMatchObject({
      questionError: true,
    });
  });

  it('an aggregate of nothing (one row of nulls) counts as nothing on both sides', () => {
    const nulls = result(['avg("value")'], [[null]]);
    const noSamples = planned(
      `No samples of T2/Tank/Level in ${window.label}.`,
      ['avg_value', 'good_samples', 'all_samples', 'last_time'],
      [[null, 0, 0, null]],
    );
    expect(judgeAnswer(question({ source: 'h', gold_sql: gold }), nulls, noSamples, opts)).toMatchObject({ questionError: true });
    expect(judgeAnswer(question({ source: 'h', gold_sql: gold, expect: 'empty' }), nulls, noSamples, opts)).toMatchObject({
      correct: true,
    });
  });

  it('data where data is expected, but saying "nothing", is wrong with confidence', () => {
    const q = question({ source: 'h', gold_sql: gold, value_columns: [{ column: 1, role: 'avg' }] });
    expect(
      judgeAnswer(q, result(['avg'], [[3.2]]), planned(`No samples in ${window.label}.`, ['avg_value'], [[null]]), opts),
    ).toMatchObject({
      correct: false,
      confident: true,
      reason: 'said there was nothing; the gold has 1 row(s)',
    });
  });
});

describe('judgeAnswer: declines, ask-backs, denials and read-only refusals', () => {
  it('a decline is right only when expected, and only when it names the word it could not place', () => {
    const q = question({ question: 'what will the T1 level be tomorrow morning', expect: 'decline' });
    expect(judgeAnswer(q, { kind: 'none' }, declined('"tomorrow" asks for more than the planner\'s shapes'), opts)).toEqual({
      got: 'decline',
      confident: false,
      correct: true,
      declineReason: 'quick-planner: "tomorrow" asks for more than the planner\'s shapes',
    });
    expect(judgeAnswer(q, { kind: 'none' }, declined('could not answer'), opts)).toMatchObject({
      correct: false,
      reason: 'the decline does not name the word or part it could not place: quick-planner: could not answer',
    });
  });

  it('a denial must name the expected rule; data the user may not read is wrong with confidence', () => {
    const q = question({ expect: 'denied', rule: 'scope.table' });
    const denied = answerWithoutData('Denied by policy (scope.table): shift_log holds personal data', {
      decision: { kind: 'deny', rule: 'scope.table', reason: 'personal data' },
    });
    expect(judgeAnswer(q, { kind: 'denied', rule: 'scope.table', reason: 'x' }, denied, opts)).toMatchObject({
      correct: true,
      got: 'denied',
    });
    const otherRule = { ...denied, decision: { kind: 'deny' as const, rule: 'rate.limit' } };
    expect(judgeAnswer(q, { kind: 'none' }, otherRule, opts)).toMatchObject({
      correct: false,
      reason: 'denied by rate.limit, expected scope.table',
    });
    expect(
      judgeAnswer(q, { kind: 'none' }, planned('Dieter Krause wrote 14.', ['operator_name', 'n'], [['Dieter Krause', 14]]), opts),
    ).toMatchObject({
      correct: false,
      confident: true,
    });
  });

  it('a control request must be refused as read-only; an "I did not understand" is wrong', () => {
    const q = question({ question: 'reset the alarm at BPS03', expect: 'readonly' });
    expect(judgeAnswer(q, { kind: 'none' }, answerWithoutData('otq only reads data; it cannot change the plant.'), opts)).toMatchObject({
      correct: true,
    });
    expect(judgeAnswer(q, { kind: 'none' }, declined('I did not understand "reset"'), opts)).toMatchObject({
      correct: false,
      reason: 'expected readonly, got decline: quick-planner: I did not understand "reset"',
    });
  });

  it('an ask-back is right only where expected', () => {
    const askback = answerWithoutData('Which pump did you mean?', {
      candidates: ['BPS03/P01/Power', 'BPS03/P02/Power'],
      answeredBy: 'quick-planner',
    });
    expect(judgeAnswer(question({ expect: 'askback' }), { kind: 'none' }, askback, opts)).toMatchObject({ correct: true, got: 'askback' });
    expect(judgeAnswer(question({ source: 'h', gold_sql: gold }), result(['avg'], [[1]]), askback, opts)).toMatchObject({
      correct: false,
      confident: false,
      reason: 'askback: Which pump did you mean? [BPS03/P01/Power, BPS03/P02/Power]',
    });
  });

  it('a gold denied for the asking user under expect "answer" is a broken question', () => {
    expect(
      judgeAnswer(
        question({ source: 'h', gold_sql: gold }),
        { kind: 'denied', rule: 'scope.table', reason: 'personal data' },
        declined('x'),
        opts,
      ),
    ).toMatchObject({
      questionError: true,
      reason: 'question: gold SQL is denied for the asking user (scope.table: personal data); if a denial is right, mark expect "denied"',
    });
  });
});

describe('the question file', () => {
  it.each([
    [{ expect: 'answer' }, 'gold_sql: required with expect "answer" (the result the answer is compared with)'],
    [
      { expect: 'decline', source: 'h', gold_sql: 'SELECT 1 WHERE false' },
      'gold_sql: not allowed with expect "decline": no result is expected',
    ],
    [{ expect: 'empty', ordered: true }, 'ordered: only with expect "answer" (this question expects "empty")'],
    [{ expect: 'answer', gold_sql: 'SELECT 1' }, 'source: required with gold_sql (the source it runs on)'],
    [{ expect: 'decline', rule: 'scope.table' }, 'rule: only with expect "denied"'],
  ])('refuses %j', (fields, message) => {
    const parsed = evalQuestionSchema.safeParse({
      id: 'q',
      question: 'x',
      now: '2026-11-01T00:00:00Z',
      shape: 's',
      planner: true,
      register: 'chat',
      ...fields,
    });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues[0];
    expect(`${issue?.path.join('.')}: ${issue?.message}`).toBe(message);
  });
});
