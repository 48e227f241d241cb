import { describe, expect, it } from 'vitest';
import { formatReport } from '../../../agent/eval/format-report.ts';
import type { AccuracyFigure, EvalReport } from '../../../agent/eval/run-eval.ts';

const f = (total: number, correct: number, wrongWithConfidence: number): AccuracyFigure => ({
  total,
  correct,
  accuracy: total === 0 ? 0 : correct / total,
  wrongWithConfidence,
});

const report: EvalReport = {
  files: [{ file: 'q.jsonl', overall: f(4, 2, 1), planner: f(4, 2, 1), other: f(0, 0, 0), wrongWithConfidence: 1 }],
  overall: f(4, 2, 1),
  planner: f(4, 2, 1),
  other: f(0, 0, 0),
  byShape: { threshold: f(2, 0, 1), rank: f(2, 2, 0) },
  byRegister: { chat: f(4, 2, 1) },
  byExpect: { answer: f(4, 2, 1) },
  wrongWithConfidence: 1,
  wrongKinds: { value: 1 },
  declined: 1,
  questionErrors: 0,
  failures: [],
  outcomes: [],
};

describe('formatReport', () => {
  it('names the shapes and registers that hold the wrong-with-confidence answers, and only those', () => {
    const out = formatReport(report, { figuresOnly: true });
    expect(out).toMatch(/ {2}threshold\s+0\.0 % \(0\/2\), wrong with confidence 1\n/);
    expect(out).toMatch(/ {2}rank\s+100\.0 % \(2\/2\)\n/);
    expect(out).toMatch(/ {2}chat\s+50\.0 % \(2\/4\), wrong with confidence 1\n/);
    expect(out).toContain('wrong with confidence: 1 (value 1)\n');
  });
});
