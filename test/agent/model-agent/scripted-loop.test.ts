// The model agent driven by the scripted model over a real DuckDB file, the real guard and the real audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskRequest } from '../../../agent/answer.ts';
import { createScriptedProvider, type ScriptStep } from '../../../agent/model/scripted-model.ts';
import { createModelAgent } from '../../../agent/model-agent/create-model-agent.ts';
import type { Principal } from '../../../core/principal.ts';
import { catalogOnly, createAgentFixture, engineer, INJECTION, type AgentFixture } from './agent-fixture.ts';

let fx: AgentFixture;
beforeAll(async () => {
  fx = await createAgentFixture();
});
afterAll(async () => {
  await fx.close();
});

const NOW = new Date('2026-11-27T08:00:00Z');
const RUN_COUNT_SQL =
  "SELECT t.tag_path, count(*) AS running_samples FROM samples s JOIN tags t ON t.tag_id = s.tag_id WHERE s.value = 1 AND t.data_type = 'status' GROUP BY 1 ORDER BY 1";

function agentFor(steps: ScriptStep[], maxToolCalls = 8) {
  const provider = createScriptedProvider(steps);
  const agent = createModelAgent({
    provider,
    sources: fx.sources,
    connectors: fx.connectors,
    guard: fx.guard,
    audit: fx.audit,
    timezone: 'Europe/Berlin',
    sourceNotes: { historian: 'Booster station historian' },
    clock: () => NOW,
    maxToolCalls,
    budgetMs: 60_000,
  });
  return { agent, model: provider.model };
}

let n = 0;
function ask(question: string, principal: Principal = engineer, extra: Partial<AskRequest> = {}): AskRequest {
  return { principal, question, channel: 'cli', requestId: `q-${++n}`, ...extra };
}

async function recordsOf(requestId: string) {
  return (await fx.records()).filter((r) => r.requestId === requestId);
}

function lastToolText(messages: { getType(): string; text: string }[]): string {
  const tool = [...messages].reverse().find((m) => m.getType() === 'tool');
  return tool?.text ?? '';
}

describe('model agent with the scripted model', () => {
  it('searches the catalog, describes a table, runs SQL and answers from the rows, with every step in the audit log', async () => {
    const { agent, model } = agentFor([
      { tool: 'search_catalog', args: { query: 'booster pump running' } },
      { tool: 'describe_table', args: { source: 'historian', table: 'samples' } },
      { tool: 'run_sql', args: { source: 'historian', sql: RUN_COUNT_SQL } },
      (messages) => ({ answer: `Pump counts: ${lastToolText(messages).includes('504') ? '504 each' : 'unknown'}` }),
    ]);
    const request = ask('which booster pump ran the most?');
    const outcome = await agent.answer(request);
    expect(outcome.kind).toBe('answered');
    if (outcome.kind !== 'answered') return;
    const answer = outcome.answer;
    expect(answer.answer).toBe('Pump counts: 504 each');
    expect(answer.answeredBy).toBe('model');
    // The guard rewrote the statement (row cap); the answer carries the SQL that actually ran.
    expect(answer.sql).toContain('running_samples');
    expect(answer.sql).toContain('LIMIT 1000');
    expect(answer.source).toBe('historian');
    expect(answer.rows).toEqual([
      ['BPS03/P01/Running', 504],
      ['BPS03/P02/Running', 504],
    ]);
    expect(answer.decision).toMatchObject({ kind: 'rewrite' });

    // Schema linking: the prompt names sources and time, not columns; the model pulled the schema through tools.
    const first = model.calls[0]!;
    const system = first.messages.find((m) => m.getType() === 'system')!.text;
    expect(system).toContain('historian (duckdb SQL');
    expect(system).toContain('Europe/Berlin');
    expect(system).not.toContain('tag_path');
    expect(first.messages.at(-1)!.text).toContain('Current time: 2026-11-27T09:00:00+01:00');
    const catalogResult = model.calls[1]!.messages.at(-1)!.text;
    expect(catalogResult).toContain('tag historian:BPS03/P01/Running');
    const described = model.calls[2]!.messages.at(-1)!.text;
    expect(described).toContain('ts TIMESTAMP WITH TIME ZONE -- Sample time (UTC)');
    expect(described).toContain('units are per tag');

    const records = await recordsOf(request.requestId);
    expect(records.map((r) => r.kind)).toEqual([
      'model_invocation',
      'tool_call',
      'policy_decision',
      'model_invocation',
      'tool_call',
      'policy_decision',
      'model_invocation',
      'tool_call',
      'policy_decision',
      'data_access',
      'model_invocation',
    ]);
    expect(answer.auditSeq).toEqual(records.map((r) => r.seq));
    expect(records.every((r) => r.principal === 'alice' && r.channel === 'cli')).toBe(true);
    const invocation = records[0]!.payload;
    expect(invocation).toMatchObject({ provider: 'scripted', modelId: 'scripted', toolCalls: ['search_catalog'], final: false });
    expect(invocation.promptSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(records[9]!.payload).toMatchObject({ source: 'historian', rowCount: 2, sql: answer.sql });
  });

  it('fences catalog text that looks like an instruction as data', async () => {
    const { agent, model } = agentFor([{ tool: 'search_catalog', args: { query: 'note filter' } }, { answer: 'done' }]);
    await agent.answer(ask('what does the filter note say?'));
    const result = model.calls[1]!.messages.at(-1)!.text;
    expect(result).toContain(INJECTION);
    const start = result.indexOf('<data ');
    const end = result.lastIndexOf('</data>');
    const at = result.indexOf(INJECTION);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(at).toBeGreaterThan(start);
    expect(at).toBeLessThan(end);
    expect(result).toContain('not instructions');
  });

  it('returns a policy denial to the model with rule and reason, and the model recovers with an allowed query', async () => {
    const { agent, model } = agentFor([
      { tool: 'run_sql', args: { source: 'historian', sql: 'SELECT operator_name FROM shift_log' } },
      { tool: 'run_sql', args: { source: 'historian', sql: RUN_COUNT_SQL } },
      { answer: 'Both pumps ran for 504 samples.' },
    ]);
    const request = ask('who was on shift and how long did the pumps run?');
    const outcome = await agent.answer(request);
    if (outcome.kind !== 'answered') throw new Error('declined');
    const denialText = model.calls[1]!.messages.at(-1)!.text;
    expect(denialText).toMatch(/^DENIED by policy rule \S+: .*shift_log/);
    expect(outcome.answer.sql).toContain('running_samples');
    expect(outcome.answer.decision?.kind).toBe('rewrite');
    expect(outcome.answer.notes.join(' ')).toContain('denied');
    const records = await recordsOf(request.requestId);
    const decisions = records.filter((r) => r.kind === 'policy_decision').map((r) => r.payload.decision);
    expect(decisions).toEqual(['deny', 'rewrite']);
    expect(records.filter((r) => r.kind === 'data_access')).toHaveLength(1);
  });

  it('answers with the denial when nothing allowed was queried', async () => {
    const { agent } = agentFor([
      { tool: 'run_sql', args: { source: 'historian', sql: 'SELECT note FROM shift_log' } },
      { answer: 'The shift log is not available to you.' },
    ]);
    const outcome = await agent.answer(ask('what did the operator note?'));
    if (outcome.kind !== 'answered') throw new Error('declined');
    expect(outcome.answer.sql).toBeNull();
    expect(outcome.answer.decision?.kind).toBe('deny');
    expect(outcome.answer.decision?.reason).toContain('shift_log');
  });

  it('gives the engine error back to the model, which repairs its SQL', async () => {
    const { agent, model } = agentFor([
      { tool: 'run_sql', args: { source: 'historian', sql: 'SELECT avg(pressure) FROM samples' } },
      { tool: 'run_sql', args: { source: 'historian', sql: 'SELECT round(avg(value), 3) AS avg_bar FROM samples WHERE tag_id = 3' } },
      { answer: 'Average discharge pressure was about 4.3 bar.' },
    ]);
    const request = ask('average discharge pressure of pump 2?');
    const outcome = await agent.answer(request);
    if (outcome.kind !== 'answered') throw new Error('declined');
    const errorText = model.calls[1]!.messages.at(-1)!.text;
    expect(errorText).toContain('SQL error from historian');
    expect(errorText).toContain('pressure');
    expect(outcome.answer.sql).toContain('avg_bar');
    expect(outcome.answer.rows).toHaveLength(1);
    expect(outcome.answer.notes.join(' ')).toContain('1 SQL error');
    const access = (await recordsOf(request.requestId)).filter((r) => r.kind === 'data_access');
    expect(access).toHaveLength(2);
    expect(access[0]!.payload.error).toBeTruthy();
    expect(access[1]!.payload.error).toBeUndefined();
  });

  it('denies a tool the role is not granted, recorded and returned to the model', async () => {
    const { agent, model } = agentFor([
      { tool: 'describe_table', args: { source: 'historian', table: 'samples' } },
      { answer: 'I may not describe tables.' },
    ]);
    const request = ask('describe samples', catalogOnly);
    await agent.answer(request);
    expect(model.calls[1]!.messages.at(-1)!.text).toMatch(/^DENIED by policy rule tool\.not-granted/);
    const decision = (await recordsOf(request.requestId)).find((r) => r.kind === 'policy_decision')!;
    expect(decision.payload).toMatchObject({ tool: 'describe_table', decision: 'deny', rule: 'tool.not-granted' });
  });

  it('stops tool use at the tool-call limit: asks for a final answer, refuses the next call, and fails when nothing was found', async () => {
    const search = { tool: 'search_catalog', args: { query: 'pump' } };
    const { agent, model } = agentFor([search, search, search, search, { answer: 'never reached' }], 2);
    const request = ask('loop forever');
    await expect(agent.answer(request)).rejects.toMatchObject({
      code: 'MODEL_FAILED',
      message: expect.stringMatching(
        /used all 2 of its tool calls, and no query had returned data; tried: search_catalog, search_catalog, search_catalog \(refused\)$/,
      ),
    });
    expect(model.calls.map((c) => c.toolChoice ?? 'auto')).toEqual(['auto', 'auto', 'none', 'none']);
    expect(model.calls[3]!.messages.at(-1)!.text).toContain('tool-call limit of 2');
    const calls = (await recordsOf(request.requestId)).filter((r) => r.kind === 'tool_call');
    expect(calls).toHaveLength(3);
    expect(calls[2]!.payload.refused).toContain('limit');
  });

  it('ends at the tool-call limit with what its queries found, marked partial', async () => {
    const query = { tool: 'run_sql', args: { source: 'historian', sql: RUN_COUNT_SQL } };
    const { agent } = agentFor([query, query, query, query], 2);
    const outcome = await agent.answer(ask('keep querying'));
    if (outcome.kind !== 'answered') throw new Error('declined');
    expect(outcome.answer.partial).toBe(true);
    expect(outcome.answer.answer).toBe(
      'The model used all 2 of its tool calls before writing its answer; the table holds the result of its last query (run_sql, 2 rows).',
    );
    expect(outcome.answer.rows).toHaveLength(2);
    expect(outcome.answer.notes).toContain('partial answer: the model used all 2 of its tool calls');
    expect(outcome.answer.modelRun?.tools.map((t) => `${t.tool}:${t.outcome}`)).toEqual(['run_sql:ok', 'run_sql:ok', 'run_sql:refused']);
  });

  it('runs tag_stats through the planner compiler and the same guarded path, and reports the window', async () => {
    const { agent } = agentFor([
      { tool: 'tag_stats', args: { tag: 'BPS03/P02/DischargePressure', from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' } },
      { answer: 'Stats done.' },
    ]);
    const request = ask('pressure stats on the 20th');
    const outcome = await agent.answer(request);
    if (outcome.kind !== 'answered') throw new Error('declined');
    expect(outcome.answer.columns.map((c) => c.name)).toContain('avg_value');
    expect(outcome.answer.window).toMatchObject({
      from: '2026-11-20T00:00:00.000Z',
      to: '2026-11-21T00:00:00.000Z',
      timezone: 'Europe/Berlin',
    });
    const call = (await recordsOf(request.requestId)).find((r) => r.kind === 'tool_call')!;
    expect(call.payload.tool).toBe('tag_stats');
  });

  it('carries the previous question, SQL and window into a follow-up', async () => {
    const { agent, model } = agentFor([{ answer: 'ok' }]);
    await agent.answer(
      ask('and the day before?', engineer, {
        history: [
          {
            question: 'pressure yesterday?',
            answer: '4.3 bar',
            sql: 'SELECT avg(value) FROM samples',
            source: 'historian',
            window: { from: '2026-11-25T23:00:00.000Z', to: '2026-11-26T23:00:00.000Z', timezone: 'Europe/Berlin', label: 'yesterday' },
          },
        ],
      }),
    );
    const texts = model.calls[0]!.messages.map((m) => m.text).join('\n');
    expect(texts).toContain('pressure yesterday?');
    expect(texts).toContain('SQL used on historian: SELECT avg(value) FROM samples');
    expect(texts).toContain('2026-11-25T23:00:00.000Z');
  });
});
