// `otq eval` over data-samples/questions.jsonl through the real runtime, gold SQL through the guard as the CLI runs it: exact outcomes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalCliCommand, evalCommand, evalDeps, type EvalCommandDeps } from '../../../app/commands/eval-command.ts';
import type { EvalReport } from '../../../agent/eval/run-eval.ts';
import type { AppRuntime } from '../../../app/create-runtime.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
let deps: EvalCommandDeps;
const questionsFile = join(import.meta.dirname, '../../../data-samples/questions.jsonl');
const questionCount = readFileSync(questionsFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.trim().startsWith('//')).length;

/**
 * The questions otq cannot answer right today (no model in the tests; the planner does not take these shapes yet). When
 * one starts to pass, remove it here: the list is exact so that a regression anywhere else cannot hide.
 */
const KNOWN_FAILURES = ['open-03', 'open-04', 'open-07', 'open-08', 'open-09', 'open-10'];

function capture(): { io: { out(t: string): void; err(t: string): void }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { out: (t) => void (out += t), err: (t) => void (err += t) }, out: () => out, err: () => err };
}

function tempFile(name: string, lines: object[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'otq-eval-')), name);
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
}

beforeAll(async () => {
  // The guard's rate limit runs on this clock: one second per call keeps a question set under the role's limit without waiting.
  let tick = Date.parse('2026-11-01T00:00:00Z');
  rt = await createTestRuntime({}, { clock: () => new Date((tick += 1000)) });
  deps = evalDeps(rt.runtime as AppRuntime, {
    wait: () => Promise.reject(new Error('the eval was rate-limited in a test: the clock should have kept it under the limit')),
  });
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('otq eval', () => {
  it('questions.jsonl: every planner-shaped question right, no confident wrong answer, no broken question, exactly the known failures', async () => {
    const c = capture();
    const code = await evalCommand([questionsFile, '--json', '--min-accuracy', '1'], c.io, deps);
    const report = JSON.parse(c.out()) as EvalReport;
    const why = JSON.stringify(report.failures.map((f) => [f.id, f.reason]));
    expect(report.overall.total).toBe(questionCount);
    expect(report.planner, why).toEqual({
      total: report.planner.total,
      correct: report.planner.total,
      accuracy: 1,
      wrongWithConfidence: 0,
    });
    expect(report.wrongWithConfidence, why).toBe(0);
    expect(report.questionErrors, why).toBe(0);
    expect(report.failures.map((f) => f.id).sort(), why).toEqual(KNOWN_FAILURES);
    expect(report.overall.correct).toBe(questionCount - KNOWN_FAILURES.length);
    expect(code).toBe(0);
  }, 300_000);

  it('prints figures per file, shape and register, each failure with its reason, and each decline with the word it could not place', async () => {
    const c = capture();
    expect(await evalCommand([questionsFile, '--only', 'agg-01,open-03,open-12,thr-05'], c.io, deps)).toBe(0);
    const out = c.out();
    expect(out).toContain('planner-shaped: 100.0 % (2/2)');
    expect(out).toMatch(
      /by shape:\n {2}aggregate\s+100\.0 % \(1\/1\)\n {2}forecast\s+100\.0 % \(1\/1\)\n {2}other\s+0\.0 % \(0\/1\)\n {2}threshold\s+100\.0 % \(1\/1\)/,
    );
    expect(out).toMatch(/by register:\n {2}chat\s+100\.0 % \(2\/2\)\n {2}sentence\s+50\.0 % \(1\/2\)/);
    expect(out).toMatch(/open-03 \[other, sentence\] why did BPS02 trip in august\?\n\s+decline: quick-planner: "why" asks for more/);
    expect(out).toMatch(
      /declines and ask-backs \(the reason given\):\n {2}open-03 \[decline\] why did BPS02 trip in august\?\n\s+quick-planner: "why"/,
    );
    expect(out).toMatch(/open-12 \[decline, right\] what will the T1 level be tomorrow morning\n\s+quick-planner: "tomorrow"/);
  }, 60_000);

  it('--figures prints the figures and names no question (the held-back split is run this way)', async () => {
    const c = capture();
    expect(await evalCommand([questionsFile, '--only', 'agg-01,open-03,thr-05', '--figures'], c.io, deps)).toBe(0);
    const out = c.out();
    expect(out).toContain('accuracy: 66.7 % (2/3)');
    expect(out).toContain('wrong with confidence: 0');
    expect(out).toMatch(/by shape:\n {2}aggregate\s+100\.0 % \(1\/1\)/);
    expect(out).not.toMatch(/open-03|agg-01|thr-05|why did BPS02|failures:|declines and ask-backs/);
    const both = capture();
    expect(await evalCommand([questionsFile, '--figures', '--json'], both.io, deps)).toBe(2);
    expect(both.err()).toContain('--figures prints the figures without the questions');
  }, 60_000);

  it("takes several files and reports each; runs gold SQL through the guard as the question's user", async () => {
    const base = { now: '2026-10-15T08:30:00Z', source: 'historian', shape: 'other', planner: false, register: 'sentence' };
    const denied = tempFile('denied.jsonl', [
      {
        ...base,
        id: 'shift-engineer',
        question: 'who wrote the shift log on 1 october',
        expect: 'answer',
        gold_sql:
          "SELECT operator_name FROM shift_log WHERE ts >= TIMESTAMPTZ '2026-09-30 22:00:00+00' AND ts < TIMESTAMPTZ '2026-10-01 22:00:00+00'",
      },
    ]);
    const supervisor = tempFile('supervisor.jsonl', [
      {
        ...base,
        id: 'shift-supervisor',
        user: 'supervisor',
        question: 'who wrote the shift log on 1 october',
        expect: 'answer',
        gold_sql:
          "SELECT operator_name FROM shift_log WHERE ts >= TIMESTAMPTZ '2026-09-30 22:00:00+00' AND ts < TIMESTAMPTZ '2026-10-01 22:00:00+00'",
        value_columns: [{ column: 1, role: 'label' }],
      },
      { ...base, id: 'nobody', user: 'nobody', question: 'avg T1 level yesterday', expect: 'decline' },
    ]);
    const c = capture();
    expect(await evalCommand([denied, supervisor, '--json'], c.io, deps)).toBe(0);
    const report = JSON.parse(c.out()) as EvalReport;
    expect(report.files.map((f) => [f.file, f.overall.total])).toEqual([
      [denied, 1],
      [supervisor, 2],
    ]);
    const byId = Object.fromEntries(report.outcomes.map((o) => [o.id, o]));
    expect(byId['shift-engineer']).toMatchObject({
      questionError: true,
      reason: expect.stringMatching(/^question: gold SQL is denied for the asking user \(scope\.table: /) as unknown,
    });
    // The supervisor may read the gold, so the question is sound, and the planner answers it from the shift log.
    expect(byId['shift-supervisor']).toMatchObject({ questionError: false, correct: true, got: 'answer' });
    expect(byId['nobody']).toMatchObject({
      questionError: true,
      reason: 'question: ask failed: user "nobody" is not configured under users:',
    });
    expect(report.questionErrors).toBe(2);
  }, 60_000);

  it('counts a confidently wrong answer and fails --min-accuracy', async () => {
    const file = tempFile('wrong.jsonl', [
      {
        id: 'w',
        question: 'avg T1 level yesterday',
        now: '2026-10-15T08:30:00Z',
        source: 'historian',
        gold_sql: 'SELECT 12345.0 AS avg',
        shape: 'aggregate',
        planner: true,
        register: 'chat',
      },
    ]);
    const c = capture();
    expect(await evalCommand([file, '--json', '--min-accuracy', '0.5'], c.io, deps)).toBe(1);
    const report = JSON.parse(c.out()) as EvalReport;
    expect(report.wrongWithConfidence).toBe(1);
    expect(report.failures[0]?.reason).toMatch(/^avg "avg_value" is [\d.]+, expected 12345 \(numbers to 0\.1 %, times exactly\)$/);
  });

  it('reports usage errors and bad lines with exit code 2', async () => {
    const c = capture();
    expect(await evalCommand([], c.io, deps)).toBe(2);
    expect(c.err()).toContain('usage: otq eval FILE.jsonl [FILE.jsonl ...]');
    const file = tempFile('bad.jsonl', [{ id: 'x', question: 'q' }]);
    const d = capture();
    expect(await evalCommand([file], d.io, deps)).toBe(2);
    expect(d.err()).toMatch(/bad\.jsonl:1: now: /);
    const e = capture();
    expect(await evalCommand([join(tmpdir(), 'no-such-otq-questions.jsonl')], e.io, deps)).toBe(2);
    expect(e.err()).toContain('no such file: ');
  });
});

describe('otq eval on the clock of the question', () => {
  it("judges a row-filtered role's question at its own `now`: the role's 31-day look-back counts from then, not from the day the eval runs", async () => {
    // The eval runs on 2026-12-05; the questions were asked on 2026-10-30 as operator-bps03 (maxWindowDays 31). Counted
    // from the real date, "yesterday" (10-29) lies outside the window: the answer and the gold were cut to nothing.
    let real = Date.parse('2026-12-05T17:00:00Z');
    const c = capture();
    const file = join(import.meta.dirname, '../../../data-samples/questions-understand.jsonl');
    const code = await evalCliCommand([file, '--only', 'u-op-01,u-op-05', '--json'], c.io, { realMs: () => (real += 50) });
    const report = JSON.parse(c.out()) as EvalReport;
    const why = JSON.stringify(report.outcomes.map((o) => [o.id, o.reason]));
    expect(code).toBe(0);
    expect(report.questionErrors, why).toBe(0);
    expect(report.overall, why).toEqual({ total: 2, correct: 2, accuracy: 1, wrongWithConfidence: 0 });
  }, 120_000);
});
