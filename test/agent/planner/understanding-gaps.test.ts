// Follow-ups that swap the thing, short forms with two readings, "last night" just after midnight, "since" points and
// ISO weeks, and words of other scripts: what an engineer notices when the planner reads them (questions u9g-*).
import { describe, expect, it } from 'vitest';
import type { ConversationTurn } from '../../../agent/answer.ts';
import type { PlanResult } from '../../../agent/planner/plan.ts';
import { useReferencePlanner } from '../../helpers/reference-planner.ts';

const { plan } = useReferencePlanner();

/** Plans the last question after the earlier ones, as the chat carries them. */
function ask(questions: string[], now = '2026-10-15T08:30:00Z'): PlanResult {
  const history: ConversationTurn[] = [];
  let result: PlanResult | undefined;
  for (const question of questions) {
    result = plan(question, now, [...history]);
    history.push({ question, sql: null, source: null, answer: '', ...(result.kind === 'plan' ? { window: result.window } : {}) });
  }
  return result!;
}

const tagsOf = (result: PlanResult): string => JSON.stringify(result);

describe('a follow-up that names another thing asks the same question of it', () => {
  it.each([
    [['avg t1 lvl yday', 'same for t2'], 'T2/Tank/Level', 'yesterday'],
    [['BPS01 P1 run hrs yday', 'and P2?'], 'BPS01/P02/Running', 'yesterday'],
    [['max flow dma02 last wk', 'now for dma04'], 'DMA04/Inlet/Flow', 'last week'],
    [['avg t2 level yesterday', 'and t3?', 'and t1?'], 'T1/Tank/Level', 'yesterday'],
    [
      ['What was the average inflow to DMA03 last week?', 'Same question for DMA01, but for the week before.'],
      'DMA01/Inlet/Flow',
      'the week before',
    ],
  ])('%j is asked of %s over %s', (questions, tag, label) => {
    const result = ask(questions);
    expect(result.kind).toBe('plan');
    expect(tagsOf(result)).toContain(tag);
    if (result.kind === 'plan') expect(result.window.label).toContain(label);
  });

  it('a thing that has no such measurement says so instead of answering something else', () => {
    expect(ask(['t1 lvl now', 'what about dma2?']).kind).toBe('decline');
  });
});

describe('a short form with two readings there is asked back', () => {
  it('"T2 res" is the reservoir or the chlorine residual', () => {
    const result = ask(['T2 res now']);
    expect(result.kind).toBe('ambiguous');
    expect(tagsOf(result)).toContain('T2/Outlet/ChlorineResidual');
    expect(tagsOf(result)).toContain('T2/Tank/Level');
  });
  it.each([
    ['t3 res lvl now', 'T3/Tank/Level'],
    ['cl2 res T2 now', 'T2/Outlet/ChlorineResidual'],
  ])('"%s" has one reading: %s', (question, tag) => {
    const result = ask([question]);
    expect(result.kind).toBe('plan');
    expect(tagsOf(result)).toContain(tag);
  });
});

describe('times', () => {
  it('"last nite" at 00:10 asks which night', () => {
    expect(ask(['t1 lvl min last nite'], '2026-10-14T22:10:00Z').kind).toBe('ambiguous');
    expect(ask(['t1 lvl min last nite'], '2026-10-15T08:10:00Z').kind).toBe('plan');
  });
  it.each([
    ["avg t1 lvl since 6 o'clock this morning", '2026-10-15T04:00:00.000Z'],
    ['t1 lvl avg since the 3rd', '2026-10-02T22:00:00.000Z'],
  ])('"%s" is one window from %s to now', (question, from) => {
    const result = ask([question]);
    expect(result.kind).toBe('plan');
    if (result.kind === 'plan') expect([result.window.from, result.window.to]).toEqual([from, '2026-10-15T08:30:00.000Z']);
  });
  it('"KW41" and "wk41" are ISO week 41; "cw01" stays the clearwell', () => {
    for (const question of ['DMA2 inflow avg KW41', 'avg dma2 flow wk41']) {
      const result = ask([question], '2026-10-20T08:00:00Z');
      if (result.kind !== 'plan') throw new Error(JSON.stringify(result));
      expect(result.window.from).toBe('2026-10-04T22:00:00.000Z');
      expect(result.window.to).toBe('2026-10-11T22:00:00.000Z');
    }
    expect(tagsOf(ask(['cw01 lvl change since midnight']))).toContain('WTP01/CW01/Level');
  });
});

it('a word of another script is quoted whole, never as a fragment', () => {
  const result = ask(['What was the average Härte in T3 yesterday?']);
  expect(result.kind).toBe('decline');
  if (result.kind === 'decline') expect(result.reason).toContain('"härte"');
});
