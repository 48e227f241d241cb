// Change between two periods as the question names them: each period's statistic on its own and their difference,
// not one stretch from the first to the second, and not the later period moved back by a period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now: string): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `change-${question}`, now: new Date(now) });
}
const cell = (answer: Answer, name: string): number => Number(answer.rows[0]?.[answer.columns.findIndex((c) => c.name === name)]);

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('two periods compared', () => {
  it('"change in average ... from last week to this week" is this week\'s average against last week\'s, not one stretch', async () => {
    const answer = await ask('What was the change in average T1 outlet flow from last week to this week?', '2026-10-22T10:00:00Z');
    // This week runs to now (Thursday 12:00), so last week is taken like for like: Monday 00:00 to Thursday 12:00.
    expect(answer.answer).toMatch(/784\.832 m3\/h against 798\.204 m3\/h last week up to the same time, a change of -13\.372 m3\/h/);
    expect(answer.columns.map((c) => c.name)).not.toContain('delta_value');
  });

  it('"today vs yday - higher or lower?" compares today so far with the same hours of yesterday (after the clock change)', async () => {
    const answer = await ask('T2 lvl today vs yday - higher or lower?', '2026-10-27T11:30:00Z');
    expect(answer.answer).toMatch(/3\.495 m against 3\.7 m yesterday up to the same time, a change of -0\.206 m/);
    expect(answer.answer).toMatch(/2026-10-26 00:00 – 2026-10-26 12:30/);
  });

  it('"yday vs same day last wk" is yesterday against the same weekday a week earlier, not the day before', async () => {
    const answer = await ask('dma5 inflow yday vs same day last wk', '2026-09-24T07:00:00Z');
    expect(cell(answer, 'last_period_value')).toBeCloseTo(86.6246, 3);
    expect(cell(answer, 'first_period_value')).toBeCloseTo(93.1811, 3);
  });

  it('two runs of days ("5-11 oct vs 12-18 oct") are each read as written', async () => {
    const answer = await ask('bps01 disch press 5-11 oct vs 12-18 oct', '2026-10-25T10:00:00Z');
    expect(answer.answer).toMatch(/5\.948 bar against 5\.942 bar in 5–11 October 2026/);
  });

  it('an amount this week so far against last week is the difference of the two volumes', async () => {
    const answer = await ask('wtp output m3 this wk so far v last wk', '2026-10-15T08:30:00Z');
    expect(cell(answer, 'last_period_value') / 65086.5).toBeCloseTo(1, 2);
    expect(cell(answer, 'first_period_value') / 69431.1).toBeCloseTo(1, 2);
    expect(answer.answer).toMatch(/m3 against [\d,.]+ m3 last week up to the same time/);
  });

  it('"last 7 days vs previous 7 days" compares with the 7 days before, not the same window twice', async () => {
    const answer = await ask('T1 outlet flow last 7 days vs previous 7 days', '2026-10-15T08:30:00Z');
    expect(answer.answer).toMatch(/against the 7 days before/);
    expect(cell(answer, 'first_period_value')).not.toBeCloseTo(cell(answer, 'last_period_value'), 6);
  });

  it('a period compared with nothing placeable asks for the other side', async () => {
    const answer = await ask('T1 level vs 3 october', '2026-10-15T08:30:00Z');
    expect(answer.rows).toHaveLength(0);
    expect(answer.answer).toMatch(/no other period/);
  });
});

describe('a rate and one day', () => {
  it('"P1 flw @ PS2 yday" answers the day\'s average (one row), not 24 hourly rows', async () => {
    const answer = await ask('P1 flw @ PS2 yday', '2026-08-27T09:00:00Z');
    expect(answer.rows).toHaveLength(1);
    expect(cell(answer, 'avg_value')).toBeCloseTo(189.998, 2);
  });
});
