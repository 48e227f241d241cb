// The model path over HTTP with recorded transcripts on the reference dataset: a failed model is 502, a model that
// timed out 504, both with the error body and one `answer` evidence record; a model answer carries its grounding and
// run; the stream carries each model and tool step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptStep } from '../../agent/model/scripted-model.ts';
import { createTranscriptProvider } from '../../agent/model/transcript-model.ts';
import type { AuditRecord } from '../../audit/audit-record.ts';
import { readAuditRecords } from '../../audit/read-audit-records.ts';
import { createApp } from '../../ui/create-app.ts';
import { askResponseSchema, errorResponseSchema } from '../../ui/api-schemas.ts';
import { createTestRuntime, type TestRuntime } from '../helpers/test-runtime.ts';
import { call, parseSse } from './http-helpers.ts';

const T1_LATEST = {
  tool: 'plan_query',
  args: { tags: ['T1/Tank/Level'], operation: { kind: 'latest' } },
};

const scripts = new Map<string, ScriptStep[]>([
  ['why is the server down?', [{ fail: 'connect ECONNREFUSED 10.20.0.5:8000' }]],
  ['a slow question', [T1_LATEST, { fail: 'the model ran out of its time budget', code: 'TIMEOUT' }]],
  ['say nothing', [{ answer: '' }]],
  ['T1 level invented', [T1_LATEST, { answer: 'Tank T1 is at 9.87 m.' }]],
]);

let rt: TestRuntime;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  rt = await createTestRuntime({}, { modelProvider: createTranscriptProvider(scripts), skipPlanner: true });
  app = createApp(rt.runtime, { rateLimit: false, log: () => {}, clock: () => new Date('2026-10-15T08:30:00Z') });
});
afterAll(async () => {
  await rt?.runtime.close();
});

async function answerRecordsOf(question: string): Promise<AuditRecord[]> {
  return (await readAuditRecords({ dir: rt.auditDir })).filter((r) => r.kind === 'answer' && r.payload.question === question);
}

describe('model failures over HTTP', () => {
  it('a failed model call is 502 with the error body saying what failed, recorded once', async () => {
    const res = await call(app, '/api/ask', { json: { question: 'why is the server down?' } });
    expect(res.status).toBe(502);
    expect(errorResponseSchema.parse(await res.json())).toEqual({
      error: { code: 'MODEL_FAILED', message: 'the model call failed: connect ECONNREFUSED 10.20.0.5:8000; no tool ran' },
    });
    const recorded = await answerRecordsOf('why is the server down?');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.payload.error).toEqual({
      code: 'MODEL_FAILED',
      message: 'the model call failed: connect ECONNREFUSED 10.20.0.5:8000; no tool ran',
    });
  });

  it('a model that timed out is 504 and names the tools that ran', async () => {
    const res = await call(app, '/api/ask', { json: { question: 'a slow question' } });
    expect(res.status).toBe(504);
    expect(await res.json()).toEqual({
      error: { code: 'TIMEOUT', message: 'the model ran out of its time budget; tried: plan_query (1 row)' },
    });
    expect(await answerRecordsOf('a slow question')).toHaveLength(1);
  });

  it('a model that returns nothing ends the stream with an error event', async () => {
    const res = await call(app, '/api/ask/stream', { json: { question: 'say nothing' } });
    expect(res.status).toBe(200);
    const frames = parseSse(await res.text());
    expect(frames.at(-1)).toEqual({
      event: 'error',
      data: JSON.stringify({ error: { code: 'MODEL_FAILED', message: 'the model returned an empty answer; no tool ran' } }),
    });
    expect(frames.filter((f) => f.event === 'progress').map((f) => (JSON.parse(f.data) as { kind: string }).kind)).toEqual([
      'planning',
      'model',
    ]);
  });
});

describe('model answers over HTTP', () => {
  it('carry the grounding verdict and the model run; the stream carries each model and tool step', async () => {
    const res = await call(app, '/api/ask/stream', { json: { question: 'T1 level invented' } });
    const frames = parseSse(await res.text());
    const progress = frames.filter((f) => f.event === 'progress').map((f) => JSON.parse(f.data) as Record<string, unknown>);
    expect(progress.map((p) => p.kind)).toEqual(['planning', 'model', 'tool_call', 'rows', 'tool_result', 'model']);
    expect(progress[4]).toMatchObject({ kind: 'tool_result', tool: 'plan_query', outcome: 'ok', rows: 1 });
    const body = askResponseSchema.parse(JSON.parse(frames.at(-1)!.data));
    expect(body.answer).toBe('Tank T1 is at 9.87 m.');
    expect(body.grounding).toMatchObject({ status: 'ungrounded', untraced: ['9.87 m'] });
    expect(body.notes).toContain(body.grounding?.summary);
    expect(body.modelRun).toMatchObject({ modelCalls: 2, tools: [{ tool: 'plan_query', outcome: 'ok', rows: 1 }] });
    expect(body.sql).toContain('ORDER BY');
    expect(body.window?.label).toMatch(/^latest value as of /);
  });
});
