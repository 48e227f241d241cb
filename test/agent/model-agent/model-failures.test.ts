// Model failures with scripted models: a failing call, a script that runs out, an empty or nonsense reply, a model that
// never finishes. Each becomes a ModelFailure that says what was tried (never LangChain's wrapper), or a partial answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAsk } from '../../../agent/ask.ts';
import { createModelAgent } from '../../../agent/model-agent/create-model-agent.ts';
import { ModelFailure } from '../../../agent/model-agent/model-failure.ts';
import { createScriptedProvider, type ScriptStep } from '../../../agent/model/scripted-model.ts';
import { createAgentFixture, engineer, type AgentFixture } from './agent-fixture.ts';

let fx: AgentFixture;
beforeAll(async () => {
  fx = await createAgentFixture();
});
afterAll(async () => {
  await fx.close();
});

const QUERY = { tool: 'run_sql', args: { source: 'historian', sql: 'SELECT count(*) AS samples FROM samples WHERE tag_id = 3' } };

/** Timers the test fires by hand: the time budget runs out exactly when the script says so. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  return {
    set(fn: () => void): unknown {
      pending.set(++next, fn);
      return next;
    },
    clear(handle: unknown): void {
      pending.delete(handle as number);
    },
    fireAll(): void {
      for (const [id, fn] of [...pending]) {
        pending.delete(id);
        fn();
      }
    },
  };
}

function agentFor(steps: ScriptStep[], timers = manualTimers()) {
  const provider = createScriptedProvider(steps, 'scripted-failures');
  const agent = createModelAgent({
    provider,
    sources: fx.sources,
    connectors: fx.connectors,
    guard: fx.guard,
    audit: fx.audit,
    timezone: 'Europe/Berlin',
    clock: () => new Date('2026-11-27T08:00:00Z'),
    maxToolCalls: 8,
    budgetMs: 60_000,
    timers,
  });
  return { agent, timers };
}

let n = 0;
const request = (question = 'how did pump 2 do?', signal?: AbortSignal) => ({
  principal: engineer,
  question,
  channel: 'cli' as const,
  requestId: `f-${++n}`,
  ...(signal ? { signal } : {}),
});

async function failureOf(steps: ScriptStep[], question?: string): Promise<ModelFailure> {
  const error: unknown = await agentFor(steps)
    .agent.answer(request(question))
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(ModelFailure);
  return error as ModelFailure;
}

describe('model failures become ModelFailure, with what was tried', () => {
  it('a model call that fails (a server error) is MODEL_FAILED, unwrapped from LangChain and naming the tools that ran', async () => {
    const failure = await failureOf([QUERY, { fail: 'connect ECONNREFUSED 10.20.0.5:8000' }]);
    expect(failure.code).toBe('MODEL_FAILED');
    expect(failure.message).toBe('the model call failed: connect ECONNREFUSED 10.20.0.5:8000; tried: run_sql (1 row)');
    expect(failure.tried).toEqual([expect.objectContaining({ tool: 'run_sql', outcome: 'ok', rows: 1 })]);
  });

  it('a script that runs out is MODEL_FAILED with its own message', async () => {
    const failure = await failureOf([]);
    expect(failure.code).toBe('MODEL_FAILED');
    expect(failure.message).toBe('the scripted model has no step 1 (script has 0); no tool ran');
  });

  it('an empty reply is refused as returning nothing', async () => {
    const failure = await failureOf([QUERY, { answer: '   ' }]);
    expect(failure.message).toBe('the model returned an empty answer; tried: run_sql (1 row)');
  });

  it('repeated words are refused as not an answer', async () => {
    const garbage = `Tambien player et randomly ${'zesificate successo status heutigen '.repeat(12)}lua`;
    const failure = await failureOf([{ answer: garbage }]);
    expect(failure.message).toBe('the model\'s reply repeats "zesificate successo status heutigen" 12 times, not an answer; no tool ran');
  });

  it('a reply in another script than the question is refused', async () => {
    const failure = await failureOf([{ answer: 'Насос 2 работал нормально весь день.' }], 'how did pump 2 do?');
    expect(failure.message).toMatch(/^the model's reply is written in Cyrillic script while the question is in Latin, not an answer/);
  });

  it('words mixing scripts and control characters are refused', async () => {
    expect((await failureOf([{ answer: 'Pump heutigenโ ran fine.' }])).message).toMatch(/mixing scripts \("heutigenโ": Latin \+ Thai\)/);
    expect((await failureOf([{ answer: 'Pump 2 ran\u0007 fine.' }])).message).toMatch(/control characters \(U\+0007\)/);
  });

  it('a model that does not finish within the time budget is TIMEOUT when no query returned data', async () => {
    const timers = manualTimers();
    const { agent } = agentFor(
      [
        () => {
          timers.fireAll();
          return { hang: true };
        },
      ],
      timers,
    );
    const error = await agent.answer(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFailure);
    expect(error).toMatchObject({
      code: 'TIMEOUT',
      message: 'the model ran out of its time budget of 60 s, and no query had returned data; no tool ran',
    });
  });

  it('a model over its time budget ends with what its queries found, marked partial', async () => {
    const timers = manualTimers();
    const { agent } = agentFor(
      [
        QUERY,
        () => {
          timers.fireAll();
          return { hang: true };
        },
      ],
      timers,
    );
    const outcome = await agent.answer(request());
    if (outcome.kind !== 'answered') throw new Error('declined');
    expect(outcome.answer.partial).toBe(true);
    expect(outcome.answer.answer).toBe(
      'The model ran out of its time budget of 60 s before writing its answer; the table holds the result of its last query (run_sql, 1 row).',
    );
    expect(outcome.answer.rows).toEqual([[1008]]);
  });

  it('tool arguments that do not fit come back to the model in a few words, without LangChain’s stack trace', async () => {
    const { agent } = agentFor([{ tool: 'run_sql', args: { source: 'historian', sql: 42 } }, (m) => ({ answer: m.at(-1)!.text })]);
    const outcome = await agent.answer(request());
    if (outcome.kind !== 'answered') throw new Error('declined');
    expect(outcome.answer.answer).toBe(
      'run_sql could not run: Received tool input did not match expected schema ✖ Invalid input: expected string, received number → at sql. Fix the arguments and call it again.',
    );
    expect(outcome.answer.modelRun?.tools).toEqual([expect.objectContaining({ tool: 'run_sql', outcome: 'error' })]);
  });

  it('a cancelled question is CANCELLED, not a model failure', async () => {
    const controller = new AbortController();
    const { agent } = agentFor([
      () => {
        controller.abort();
        return { hang: true };
      },
    ]);
    await expect(agent.answer(request('cancel me', controller.signal))).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('ask() records the failure as the question’s answer record before the channel sees it', async () => {
    const { agent } = agentFor([QUERY, { answer: '' }]);
    const ask = createAsk({ answerers: [agent], audit: fx.audit });
    const req = request('pump 2 samples?');
    await expect(ask(req)).rejects.toMatchObject({ code: 'MODEL_FAILED' });
    const records = (await fx.records()).filter((r) => r.requestId === req.requestId);
    expect(records.map((r) => r.kind)).toEqual([
      'model_invocation',
      'tool_call',
      'policy_decision',
      'data_access',
      'model_invocation',
      'answer',
    ]);
    expect(records.at(-1)!.payload).toMatchObject({
      question: 'pump 2 samples?',
      answeredBy: 'model',
      error: { code: 'MODEL_FAILED', message: 'the model returned an empty answer; tried: run_sql (1 row)' },
    });
  });
});
