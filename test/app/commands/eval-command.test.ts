// `otq eval` over data-samples/questions.jsonl through the real runtime: the accuracy targets, the report, usage errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalCommand, type EvalCommandDeps } from '../../../app/commands/eval-command.ts';
import type { EvalReport } from '../../../agent/eval/run-eval.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
let deps: EvalCommandDeps;
const questionsFile = join(import.meta.dirname, '../../../data-samples/questions.jsonl');

function capture(): { io: { out(t: string): void; err(t: string): void }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { out: (t) => void (out += t), err: (t) => void (err += t) }, out: () => out, err: () => err };
}

beforeAll(async () => {
  rt = await createTestRuntime();
  const principal = rt.runtime.principalFor('engineer')!;
  deps = {
    ask: (question, now) => rt.runtime.ask({ principal, question, channel: 'cli', requestId: 'eval', now }),
    runGold: (source, sql) => rt.runtime.connectors.get(source)!.query(sql),
  };
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('otq eval', () => {
  it('meets the targets on questions.jsonl: >= 90 % on planner-shaped questions, no confident wrong answer', async () => {
    const c = capture();
    const code = await evalCommand([questionsFile, '--json', '--min-accuracy', '0.9'], c.io, deps);
    const report = JSON.parse(c.out()) as EvalReport;
    expect(report.overall.total).toBeGreaterThanOrEqual(60);
    expect(
      report.planner.accuracy,
      JSON.stringify(report.failures.filter((f) => f.planner).map((f) => [f.id, f.reason])),
    ).toBeGreaterThanOrEqual(0.9);
    expect(report.wrongWithConfidence, JSON.stringify(report.failures.filter((f) => f.confident).map((f) => [f.id, f.reason]))).toBe(0);
    expect(code).toBe(0);
  }, 180_000);

  it('prints a human report with the failures and their reasons', async () => {
    const c = capture();
    expect(await evalCommand([questionsFile, '--only', 'agg-01,open-03'], c.io, deps)).toBe(0);
    expect(c.out()).toContain('planner-shaped: 100.0 % (1/1)');
    expect(c.out()).toMatch(/open-03 \[other\] why did BPS02 trip in august\?\n\s+no answer: /);
  });

  it('counts a confidently wrong answer and fails --min-accuracy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otq-eval-'));
    const file = join(dir, 'wrong.jsonl');
    const line = {
      id: 'w',
      question: 'avg T1 level yesterday',
      now: '2026-10-15T08:30:00Z',
      source: 'historian',
      gold_sql: 'SELECT 12345.0',
      shape: 'aggregate',
      planner: true,
    };
    writeFileSync(file, `${JSON.stringify(line)}\n`);
    const c = capture();
    expect(await evalCommand([file, '--json', '--min-accuracy', '0.5'], c.io, deps)).toBe(1);
    expect((JSON.parse(c.out()) as EvalReport).wrongWithConfidence).toBe(1);
  });

  it('reports usage errors and bad lines with exit code 2', async () => {
    const c = capture();
    expect(await evalCommand([], c.io, deps)).toBe(2);
    expect(c.err()).toContain('usage: otq eval FILE.jsonl');
    const dir = mkdtempSync(join(tmpdir(), 'otq-eval-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"id":"x","question":"q"}\n');
    const d = capture();
    expect(await evalCommand([file], d.io, deps)).toBe(2);
    expect(d.err()).toMatch(/bad\.jsonl:1: now: /);
  });
});
