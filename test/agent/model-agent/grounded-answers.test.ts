// The grounding check on model answers, driven by scripted models over the real DuckDB file, guard and audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../agent/answer.ts';
import { createModelAgent } from '../../../agent/model-agent/create-model-agent.ts';
import { createScriptedProvider, type ScriptStep } from '../../../agent/model/scripted-model.ts';
import { createAgentFixture, engineer, type AgentFixture } from './agent-fixture.ts';

let fx: AgentFixture;
beforeAll(async () => {
  fx = await createAgentFixture();
});
afterAll(async () => {
  await fx.close();
});

const NOW = new Date('2026-11-27T08:00:00Z');
/** Pump 2's discharge pressure on 20 November (UTC day), rounded in SQL to 3 decimals. */
const AVG_SQL =
  "SELECT round(avg(value), 3) AS avg_bar, max(value) AS max_bar FROM samples WHERE tag_id = 3 AND ts >= TIMESTAMPTZ '2026-11-20 00:00:00+00' AND ts < TIMESTAMPTZ '2026-11-21 00:00:00+00'";

function agentFor(steps: ScriptStep[], grounding: 'flag' | 'strict' = 'flag') {
  const provider = createScriptedProvider(steps, 'scripted-grounding');
  return createModelAgent({
    provider,
    sources: fx.sources,
    connectors: fx.connectors,
    guard: fx.guard,
    audit: fx.audit,
    timezone: 'Europe/Berlin',
    clock: () => NOW,
    maxToolCalls: 8,
    budgetMs: 60_000,
    grounding,
  });
}

let n = 0;
async function answer(steps: ScriptStep[], grounding: 'flag' | 'strict' = 'flag', onProgress?: (e: ProgressEvent) => void) {
  const outcome = await agentFor(steps, grounding).answer({
    principal: engineer,
    question: 'average discharge pressure of pump 2 on 20 November?',
    channel: 'cli',
    requestId: `g-${++n}`,
    ...(onProgress ? { onProgress } : {}),
  });
  if (outcome.kind !== 'answered') throw new Error('declined');
  return outcome.answer;
}

/** The first row of the last fenced result the model read: [avg_bar, max_bar]. */
function lastRow(messages: { getType(): string; text: string }[]): number[] {
  const text = [...messages].reverse().find((m) => m.getType() === 'tool')?.text ?? '';
  const line = text.split('\n').find((l) => l.startsWith('['));
  return JSON.parse(line ?? '[]') as number[];
}

const lookUp: ScriptStep[] = [
  { tool: 'search_catalog', args: { query: 'discharge pressure pump 2' } },
  { tool: 'run_sql', args: { source: 'historian', sql: AVG_SQL } },
];

describe('grounding check of model answers', () => {
  it('passes an answer whose numbers, unit and date come from the query results', async () => {
    const result = await answer([
      ...lookUp,
      (m) => {
        const [avg, max] = lastRow(m);
        return { answer: `On 2026-11-20 pump 2 averaged ${avg!.toFixed(2)} bar (maximum ${max} bar).` };
      },
    ]);
    expect(result.grounding).toMatchObject({ status: 'grounded', untraced: [] });
    expect(result.grounding?.traced).toHaveLength(3);
    expect(result.grounding?.traced).toContain('2026-11-20');
    expect(result.notes.join('\n')).not.toMatch(/not traced|not based on data/);
  });

  it('flags a number that no query returned, in the grounding field and in the notes every channel shows', async () => {
    const result = await answer([
      ...lookUp,
      (m) => {
        const [avg] = lastRow(m);
        return { answer: `Pump 2 averaged ${(avg! + 0.7).toFixed(2)} bar.` };
      },
    ]);
    const invented = `${(result.rows[0]![0] as number) + 0.7}`.slice(0, 4);
    expect(result.grounding?.status).toBe('ungrounded');
    expect(result.grounding?.untraced).toEqual([`${Number(invented).toFixed(2)} bar`]);
    expect(result.notes).toContain(result.grounding?.summary);
    expect(result.grounding?.summary).toMatch(/^not traced to any query result of this question: \d\.\d\d bar \(0 of 1 traced\)$/);
    // The answer is still shown (flag mode), with its real data beside it.
    expect(result.answer).toMatch(/^Pump 2 averaged \d\.\d\d bar\.$/);
    expect(result.rows).toHaveLength(1);
  });

  it('flags a unit that no result names', async () => {
    const result = await answer([
      { tool: 'run_sql', args: { source: 'historian', sql: AVG_SQL } },
      (m) => ({ answer: `Pump 2 averaged ${lastRow(m)[0]} bar.` }),
    ]);
    expect(result.grounding?.status).toBe('ungrounded');
    expect(result.grounding?.untraced[0]).toMatch(/^\d\.\d+ bar \(no query result names the unit bar\)$/);
  });

  it('marks an answer given without any query as not based on data', async () => {
    const result = await answer([{ answer: 'The discharge pressure of pump 2 was 4.2 bar on average.' }]);
    expect(result.grounding).toMatchObject({ status: 'no-data', untraced: ['4.2 bar'] });
    expect(result.notes).toContain('not based on data: no query returned data for this answer; it states 4.2 bar');
    expect(result.sql).toBeNull();
  });

  it('in strict mode withholds an answer with an untraced number, says why, and keeps the table', async () => {
    const result = await answer([...lookUp, { answer: 'Pump 2 averaged 9.99 bar.' }], 'strict');
    expect(result.answer).toBe(
      "Answer withheld (model.grounding: strict): the model's answer states 9.99 bar, which no query result of this question contains. The table shows what the queries returned.",
    );
    expect(result.grounding).toMatchObject({ status: 'ungrounded', withheld: true, untraced: ['9.99 bar'] });
    expect(result.rows).toHaveLength(1);
  });

  it('in strict mode lets a grounded answer through unchanged', async () => {
    const result = await answer([...lookUp, (m) => ({ answer: `Pump 2 averaged ${lastRow(m)[0]} bar.` })], 'strict');
    expect(result.answer).toMatch(/^Pump 2 averaged \d\.\d+ bar\.$/);
    expect(result.grounding?.withheld).toBeUndefined();
  });

  it('says which tools ran and how long the model took, and streams each step with rows and time', async () => {
    const events: ProgressEvent[] = [];
    const result = await answer([...lookUp, (m) => ({ answer: `Pump 2 averaged ${lastRow(m)[0]} bar.` })], 'flag', (e) => events.push(e));
    expect(result.modelRun).toMatchObject({
      model: 'scripted-grounding',
      modelCalls: 3,
      tools: [
        { tool: 'search_catalog', outcome: 'ok' },
        { tool: 'run_sql', outcome: 'ok', rows: 1 },
      ],
    });
    expect(result.modelRun!.totalMs).toBeGreaterThanOrEqual(result.modelRun!.modelMs);
    expect(result.notes.at(-1)).toMatch(/^model scripted-grounding \(3 calls, \d+\.\d s\); tools: search_catalog, run_sql \(1 row\)$/);
    expect(events.map((e) => (e.kind === 'tool_result' || e.kind === 'tool_call' ? `${e.kind}:${e.tool}` : e.kind))).toEqual([
      'planning',
      'model',
      'tool_call:search_catalog',
      'tool_result:search_catalog',
      'model',
      'tool_call:run_sql',
      'rows',
      'tool_result:run_sql',
      'model',
    ]);
    const done = events.find((e) => e.kind === 'tool_result' && e.tool === 'run_sql');
    expect(done).toMatchObject({ outcome: 'ok', rows: 1 });
    expect(events.filter((e) => e.kind === 'model').map((e) => (e.kind === 'model' ? e.toolCalls : []))).toEqual([
      ['search_catalog'],
      ['run_sql'],
      [],
    ]);
  });
});
