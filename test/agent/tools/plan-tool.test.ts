// plan_query over the reference dataset: a model that fills the planner's plan gets the planner's SQL, rows and
// window, through the same guard and audit log; plans it cannot compute are refused in words the model can act on.
import { duringWindow } from '../../../agent/planner/time-window.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTranscriptProvider } from '../../../agent/model/transcript-model.ts';
import type { ScriptStep } from '../../../agent/model/scripted-model.ts';
import { buildCatalogs, planQuestion } from '../../../agent/planner/plan-question.ts';
import type { Plan } from '../../../agent/planner/plan.ts';
import { buildPlan, planQueryArgsOf, type PlanQueryArgs } from '../../../agent/tools/plan-tool.ts';
import { computedAnswerIn } from '../../../agent/tools/sql-tool-result.ts';
import type { SourceDescription } from '../../../connectors/connector.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

/** One question per operation kind, as the planner reads them (anchored like data-samples/questions.jsonl). */
const QUESTIONS: { question: string; now: string }[] = [
  { question: "What's the level in tank T1 right now?", now: '2026-10-15T08:30:00Z' },
  { question: 'discharge pressure at BPS03 at 06:00 today', now: '2026-10-14T10:00:00Z' },
  { question: 'min and max of tank T3 level in september', now: '2026-10-10T09:00:00Z' },
  { question: 'hourly average BPS02 flow yesterday', now: '2026-10-01T09:00:00Z' },
  { question: 'how long was T1 under 3 m last week, and the longest stretch?', now: '2026-10-15T09:00:00Z' },
  { question: 'run hours of all pumps at BPS01 last week', now: '2026-10-15T09:00:00Z' },
  { question: 'which tank had the lowest level this week', now: '2026-10-15T09:00:00Z' },
  { question: 'compare average power of BPS03 P01, P02 and P03 yesterday', now: '2026-10-15T09:00:00Z' },
  { question: 'total energy used by all booster stations last week', now: '2026-10-15T09:00:00Z' },
  { question: 'top 5 noisiest alarms last month', now: '2026-10-15T09:00:00Z' },
  // A rate integrated to an amount (m3/h -> m3): the model must be able to ask for the planner's integral.
  { question: 'total inflow to T3 yesterday', now: '2026-10-15T09:00:00Z' },
];

let planner: TestRuntime;
let model: TestRuntime;
let sources: SourceDescription[];
const plans = new Map<string, Plan>();

beforeAll(async () => {
  planner = await createTestRuntime();
  const principal = planner.runtime.principalFor('engineer')!;
  sources = await planner.runtime.catalog(principal);
  const catalogs = buildCatalogs(sources);
  const scripts = new Map<string, ScriptStep[]>();
  for (const { question, now } of QUESTIONS) {
    const planned = planQuestion(question, catalogs, { now: new Date(now), timezone: 'Europe/Berlin', synonyms: {}, shifts: [] });
    if (planned.kind !== 'plan') throw new Error(`the planner does not plan "${question}": ${planned.reason}`);
    plans.set(question, planned);
    // A faithful model: fills the planner's plan into plan_query and repeats the computed sentence.
    scripts.set(question, [
      { tool: 'plan_query', args: planQueryArgsOf(planned) as unknown as Record<string, unknown> },
      (messages) => ({ answer: computedAnswerIn(messages.at(-1)?.text ?? '') ?? 'no computed answer' }),
    ]);
  }
  model = await createTestRuntime({}, { modelProvider: createTranscriptProvider(scripts), skipPlanner: true });
});
afterAll(async () => {
  await planner?.runtime.close();
  await model?.runtime.close();
});

async function askBoth(question: string, now: string): Promise<{ fromPlanner: Answer; fromModel: Answer }> {
  const ask = (rt: TestRuntime) =>
    rt.runtime.ask({
      principal: rt.runtime.principalFor('engineer')!,
      question,
      channel: 'cli',
      requestId: `plan-${question}`,
      now: new Date(now),
    });
  return { fromPlanner: await ask(planner), fromModel: await ask(model) };
}

describe('plan_query equals the quick planner', () => {
  it.each(QUESTIONS)('$question', async ({ question, now }) => {
    const { fromPlanner, fromModel } = await askBoth(question, now);
    expect(fromPlanner.answeredBy).toBe('quick-planner');
    expect(fromModel.answeredBy).toBe('model');
    expect(fromModel.sql).toBe(fromPlanner.sql);
    expect(fromModel.columns).toEqual(fromPlanner.columns);
    expect(fromModel.rows).toEqual(fromPlanner.rows);
    expect(fromModel.rows.length).toBeGreaterThan(0);
    expect({ from: fromModel.window?.from, to: fromModel.window?.to }).toEqual({
      from: fromPlanner.window?.from,
      to: fromPlanner.window?.to,
    });
    expect(fromModel.chart).toEqual(fromPlanner.chart);
    // The sentence differs only in the window's label ("yesterday" vs "during the requested window"); its numbers are the planner's.
    const withoutLabel = (a: Answer) => {
      const label = a.window?.label ?? '';
      return a.answer.replace(duringWindow(label), 'W').replace(duringWindow(label, 'in'), 'W').replace(label, 'W');
    };
    expect(withoutLabel(fromModel)).toBe(withoutLabel(fromPlanner));
    expect(fromModel.grounding).toMatchObject({ status: 'grounded', untraced: [] });
    expect(fromModel.modelRun?.tools).toEqual([
      expect.objectContaining({ tool: 'plan_query', outcome: 'ok', rows: fromModel.rows.length }),
    ]);
  });
});

describe('plans the tool refuses, in words the model can act on', () => {
  const base = (over: Partial<PlanQueryArgs>): PlanQueryArgs => ({
    tags: ['T1/Tank/Level'],
    from: '2026-10-01T00:00:00+02:00',
    to: '2026-10-02T00:00:00+02:00',
    operation: { kind: 'aggregate', fns: ['avg'] },
    ...over,
  });
  const context = { now: new Date('2026-10-15T09:00:00Z'), timezone: 'Europe/Berlin' };
  const refusal = (over: Partial<PlanQueryArgs>) => buildPlan(sources, base(over), context);

  it.each([
    [{ tags: ['T1/Tank/Levl'] }, 'No tag named "T1/Tank/Levl" that you may read. Use search_catalog to find the exact tag name.'],
    [{ tags: [] }, 'operation aggregate needs at least one tag; find tags with search_catalog.'],
    [{ from: undefined }, 'from is required for this operation (ISO-8601 with offset, e.g. 2026-11-25T00:00:00+01:00).'],
    [{ to: 'yesterday' }, 'to must be an ISO-8601 instant with offset (got "yesterday").'],
    [{ from: '2026-10-03T00:00:00Z' }, 'from (2026-10-03T00:00:00Z) must be before to (2026-10-02T00:00:00+02:00).'],
    [
      { tags: ['T1/Tank/Level', 'T2/Tank/Level'], operation: { kind: 'threshold', comparator: 'below', value: 3 } },
      'a threshold plan reads exactly one tag.',
    ],
    [{ operation: { kind: 'run-hours' } }, 'run-hours need status (running) tags; T1/Tank/Level is analog.'],
    [
      { operation: { kind: 'aggregate', fns: ['integral'] } },
      'integral needs a rate (m3/h, L/s, kW); T1/Tank/Level is in m; for a counter or meter use delta.',
    ],
  ] as [Partial<PlanQueryArgs>, string][])('%o', (over, message) => {
    expect(refusal(over)).toBe(message);
  });

  it('accepts a latest plan without a window: seven days back from now, like the planner', () => {
    const built = buildPlan(sources, { tags: ['T1/Tank/Level'], operation: { kind: 'latest' } }, context);
    if (typeof built === 'string') throw new Error(built);
    expect(built.plan.window).toMatchObject({ from: '2026-10-08T09:00:00.000Z', to: '2026-10-15T09:00:00.000Z' });
    expect(built.plan.window.label).toBe('latest value as of 2026-10-15 11:00 (2026-10-08 11:00 – 2026-10-15 11:00 Europe/Berlin)');
  });

  it('records the planner’s own plans as plan_query arguments that build the same plan', () => {
    for (const [question, plan] of plans) {
      const built = buildPlan(sources, planQueryArgsOf(plan), { now: new Date(plan.window.to), timezone: 'Europe/Berlin' });
      if (typeof built === 'string') throw new Error(`${question}: ${built}`);
      expect({ ...built.plan, understood: '', window: { ...built.plan.window, label: '' } }).toEqual({
        ...plan,
        understood: '',
        window: { ...plan.window, label: '' },
      });
    }
  });
});
