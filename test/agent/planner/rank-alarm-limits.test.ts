// Rankings, alarm counts and running-together questions the quick planner answers only in part: a place down a ranking,
// a qualifier the alarm journal does not record, a count per day or tank, starts per hour are declined with the
// words that could not be applied; a comparative "which ... more often", "2+ pumps on" and "top 3 by MNF" are answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now: string): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `rank-alarm-${question}`, now: new Date(now) });
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('what the planner cannot apply is named, not dropped', () => {
  it.each([
    [
      'Which DMA had the second highest average inflow yesterday?',
      '2026-10-15T08:30:00Z',
      /"second highest" asks for one place down a ranking/,
    ],
    ['2nd lowest res lvl atm', '2026-10-12T11:00:00Z', /"2nd lowest"/],
    ['how many nuisance alarms last wk', '2026-10-15T08:30:00Z', /could not place "nuisance"/],
    ['How many high-priority alarms were raised on each tank in September?', '2026-10-02T07:00:00Z', /each tank/],
    ['bps2 p1 starts per hr yday', '2026-10-15T08:30:00Z', /starts are counted over the whole period, not per hour/],
  ])('"%s" declines', async (question, now, reason) => {
    const answer = await ask(question, now);
    expect(answer.sql).toBeNull();
    expect(answer.answer).toMatch(reason);
  });
});

describe('what the planner can apply is answered', () => {
  it('"which alarms went LOW on 8 oct" lists the LOW alarms of the day from the condition column', async () => {
    const answer = await ask('which alarms went LOW on 8 oct', '2026-10-09T07:00:00Z');
    expect(answer.sql).toContain(`"condition" IN ('LOW')`);
    expect(answer.answer).toMatch(/^1 LOW alarm became active .*WTP01\/Outlet\/ChlorineResidual/);
  });

  it('"which of the two Kirchberg booster pumps started more often" names one pump with its starts', async () => {
    const answer = await ask('Which of the two Kirchberg booster pumps started more often in September?', '2026-10-02T07:00:00Z');
    expect(answer.rows).toHaveLength(1);
    expect(answer.answer).toMatch(/^BPS02\/P01\/Running started most often, .*: 41 starts/);
  });

  it('"2+ hl pumps on" is at least two of the high-lift pumps running (not the HL header)', async () => {
    const answer = await ask('hw long were 2+ hl pumps on yday', '2026-09-10T06:00:00Z');
    expect(answer.answer).toMatch(
      /^At least 2 of WTP01\/P01\/Running, WTP01\/P02\/Running, WTP01\/P03\/Running ran together 2 times for 19\.2 h/,
    );
  });

  it('"top 3 dmas by mnf" ranks the areas on that night, highest first', async () => {
    const answer = await ask('top 3 dmas by mnf last nite', '2026-10-20T07:00:00Z');
    expect(answer.rows).toHaveLength(3);
    expect(answer.answer).toMatch(/DMA02\/Inlet\/Flow 124\.562 m3\/h; DMA01\/Inlet\/Flow 97\.327 m3\/h; DMA04\/Inlet\/Flow 85\.237 m3\/h/);
  });
});
