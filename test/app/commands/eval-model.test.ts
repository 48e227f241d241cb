// `otq eval --model --transcripts`: recorded model transcripts replayed through the real agent over the reference data;
// faithful plan answers must match the gold and be grounded, invented numbers and nonsense must be caught.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evalCliCommand, evalCommand, evalDeps, parseEvalArgs } from '../../../app/commands/eval-command.ts';
import type { AppRuntime } from '../../../app/create-runtime.ts';
import { readTranscriptFile, scriptsFor, type Transcript } from '../../../agent/eval/model-transcripts.ts';
import { readQuestionFile } from '../../../agent/eval/question-file.ts';
import type { EvalReport } from '../../../agent/eval/run-eval.ts';
import { createTranscriptProvider } from '../../../agent/model/transcript-model.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

const samples = join(import.meta.dirname, '../../../data-samples');
const questionsFile = join(samples, 'questions.jsonl');
const faithfulFile = join(samples, 'model-transcripts.jsonl');
const wrongFile = join(samples, 'model-transcripts-wrong.jsonl');

const runtimes: TestRuntime[] = [];
afterAll(async () => {
  for (const rt of runtimes) await rt.runtime.close();
});

function capture() {
  let out = '';
  let err = '';
  return { io: { out: (t: string) => void (out += t), err: (t: string) => void (err += t) }, out: () => out, err: () => err };
}

/** Runs `otq eval --model --transcripts FILE questions.jsonl --json` as the CLI wires it: planner left out, transcripts as the model. */
async function evalWithTranscripts(
  transcriptsFile: string,
  transcripts?: Transcript[],
): Promise<{ code: number; report: EvalReport; err: string }> {
  const recorded = transcripts ?? (await readTranscriptFile(transcriptsFile));
  const scripts = scriptsFor(recorded, await readQuestionFile(questionsFile));
  let tick = Date.parse('2026-11-01T00:00:00Z');
  const rt = await createTestRuntime(
    {},
    { modelProvider: createTranscriptProvider(scripts), skipPlanner: true, clock: () => new Date((tick += 1000)) },
  );
  runtimes.push(rt);
  const deps = evalDeps(rt.runtime as AppRuntime, { wait: () => Promise.reject(new Error('rate-limited in a test')) });
  const c = capture();
  const code = await evalCommand([questionsFile, '--transcripts', transcriptsFile, '--json'], c.io, {
    ...deps,
    model: { transcripts: recorded },
  });
  return { code, report: JSON.parse(c.out()) as EvalReport, err: c.err() };
}

describe('otq eval --model --transcripts', () => {
  it('a faithful model that fills the planner plan gets every answer right and every number traced to data', async () => {
    const { code, report } = await evalWithTranscripts(faithfulFile);
    const why = JSON.stringify(report.failures.map((f) => [f.id, f.reason]));
    expect(report.overall.total).toBe(10);
    expect(report.overall.correct, why).toBe(10);
    expect(report.outcomes.every((o) => o.answeredBy === 'model')).toBe(true);
    expect(report.model).toMatchObject({ answers: 10, grounded: 10, ungrounded: 0, noData: 0, failed: 0, groundedShare: 1 });
    expect(report.model?.expectations).toEqual({ checked: 10, met: 10, missed: [] });
    expect(code).toBe(0);
  }, 300_000);

  it('invented numbers are flagged, an answer without data is marked, nonsense and a failing server are refused', async () => {
    const { code, report } = await evalWithTranscripts(wrongFile);
    const byId = new Map(report.outcomes.map((o) => [o.id, o]));
    expect(byId.get('agg-09')?.grounding).toBe('ungrounded');
    expect(byId.get('agg-14')?.grounding).toBe('ungrounded');
    expect(byId.get('agg-13')?.grounding).toBe('no-data');
    expect(byId.get('agg-01')).toMatchObject({ got: 'error', errorCode: 'MODEL_FAILED' });
    expect(byId.get('agg-01')?.reason).toMatch(/repeats "flow"/);
    expect(byId.get('agg-02')).toMatchObject({ got: 'error', errorCode: 'MODEL_FAILED' });
    // None of the wrong answers counts as right against the gold.
    expect(report.overall.correct).toBe(0);
    expect(report.model).toMatchObject({ answers: 5, grounded: 0, ungrounded: 2, noData: 1, failed: 2 });
    expect(report.model?.expectations).toEqual({ checked: 5, met: 5, missed: [] });
    expect(code).toBe(0);
  }, 300_000);

  it('a transcript whose expectation the check does not meet is reported as a miss and fails the run', async () => {
    const invented: Transcript = {
      id: 'agg-09',
      replies: [
        {
          tool: 'plan_query',
          args: {
            tags: ['T1/Tank/Level'],
            from: '2026-10-24T22:00:00.000Z',
            to: '2026-10-25T23:00:00.000Z',
            operation: { kind: 'aggregate', fns: ['avg'] },
          },
        },
        { answer: 'The average level of tank T1 yesterday was 17.3 m.' },
      ],
      // Wrong on purpose: the answer's number is invented, so the check must not call it grounded.
      grounding: 'grounded',
    };
    const file = join(mkdtempSync(join(tmpdir(), 'otq-transcripts-')), 't.jsonl');
    writeFileSync(file, `${JSON.stringify(invented)}\n`);
    const { code, report } = await evalWithTranscripts(file, [invented]);
    expect(report.model?.expectations).toEqual({ checked: 1, met: 0, missed: [{ id: 'agg-09', expected: 'grounded', got: 'ungrounded' }] });
    expect(code).toBe(1);
  }, 300_000);
});

describe('otq eval --model: bad input', () => {
  it('reads the flags, --transcripts implying --model', () => {
    expect(parseEvalArgs(['q.jsonl', '--transcripts', 't.jsonl'])).toMatchObject({
      files: ['q.jsonl'],
      model: true,
      transcripts: 't.jsonl',
    });
    expect(parseEvalArgs(['q.jsonl', '--model'])).toMatchObject({ model: true });
    expect(parseEvalArgs(['q.jsonl', '--transcripts'])).toBe('--transcripts takes a file name');
    expect(parseEvalArgs(['--model'])).toBe('no question file given');
  });

  it('a transcript for a question the files do not hold is refused by name', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'otq-transcripts-')), 't.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'no-such-question', replies: [{ answer: 'x' }], grounding: 'no-data' })}\n`);
    await expect(readTranscriptFile(file).then(async (t) => scriptsFor(t, await readQuestionFile(questionsFile)))).rejects.toThrow(
      'transcript "no-such-question" names no question of the question files',
    );
    writeFileSync(file, `${JSON.stringify({ id: 'agg-01', replies: [{ answer: 'x' }], grounding: 'maybe' })}\n`);
    await expect(readTranscriptFile(file)).rejects.toThrow(/t\.jsonl:1: grounding:/);
  });

  it('--model without a configured model says what to do instead of failing on the first question', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otq-evalcfg-'));
    writeFileSync(join(dir, 'otq.yaml'), `audit:\n  dir: ${join(dir, 'audit')}\n`);
    const c = capture();
    const code = await evalCliCommand([questionsFile, '--model', '--config', join(dir, 'otq.yaml')], c.io);
    expect(code).toBe(2);
    expect(c.err()).toContain('otq eval --model needs a model: set model: in otq.yaml');
    expect(c.err()).toContain('--transcripts FILE');
  });
});
