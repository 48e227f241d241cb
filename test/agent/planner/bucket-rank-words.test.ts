// Buckets and group members ranked in other words: a count of buckets ("which 3 hours", "top 3 hrs"), a statistic named
// inside the bucket beside the order ("the day with the highest peak inflow"), "order ... by" for the whole group, and
// bucket sizes the planner cannot rank ("which shift", "day of the week" over a month), which are declined, named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now = '2026-10-15T08:30:00Z'): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `bucket-rank-${question}`, now: new Date(now) });
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('a count of buckets lists that many buckets, not one aggregate', () => {
  it.each([
    ['Which 3 hours yesterday had the highest average inflow into DMA01?', 3],
    ['top 3 hrs yday by dma01 avg inflow', 3],
    ['the 2 days last wk with the lowest T1 level', 2],
  ])('"%s" lists %i buckets', async (question, count) => {
    const answer = await ask(question);
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.rows).toHaveLength(count);
  });
});

describe('a statistic beside the order is the statistic of each bucket', () => {
  it('"the day with the highest peak inflow" ranks the days by their maximum', async () => {
    const answer = await ask('Which day last week had the highest peak inflow into DMA01?');
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.answer).toMatch(/highest maximum/);
  });

  it('"the lowest max level" ranks the days by their maximum, least first', async () => {
    const answer = await ask('which day last wk had the lowest max T1 level');
    expect(answer.answer).toMatch(/lowest maximum/);
  });
});

describe('"order ... by" lists the whole group', () => {
  it('"order the filters by peak filtrate turbidity" lists all four filters', async () => {
    const answer = await ask('order the filters by peak filtrate turbidity, past 7 days');
    expect(answer.rows).toHaveLength(4);
  });
});

describe('a bucket the planner cannot rank is declined, named', () => {
  it('"which shift yesterday" is not read as the window of one shift', async () => {
    const answer = await ask('Which shift yesterday had the highest DMA01 inflow?');
    expect(answer.answeredBy).not.toBe('quick-planner');
    expect(answer.answer).toMatch(/"shift"/);
  });

  it('"which day of the week" over a month is declined; over one week it is the day', async () => {
    const month = await ask('Which day of the week had the highest demand at DMA02 last month?');
    expect(month.answeredBy).not.toBe('quick-planner');
    expect(month.answer).toMatch(/"day of the week"/);
    const week = await ask('Which day of the week had the highest demand at DMA02 last week?');
    expect(week.answeredBy).toBe('quick-planner');
    expect(week.rows).toHaveLength(1);
  });
});

describe('a bucket ranked by a word that says no statistic of the value is declined, named', () => {
  it('"worst day for T3 chlorine" (bad both low and high) is declined, not answered with the week', async () => {
    const answer = await ask('what was the worst day for T3 chlorine last week');
    expect(answer.answeredBy).not.toBe('quick-planner');
    expect(answer.answer).toMatch(/"worst"/);
  });

  it('"which day did the T1 level drop the most" is declined naming "drop"', async () => {
    const answer = await ask('Which day last week did the T1 level drop the most?');
    expect(answer.answeredBy).not.toBe('quick-planner');
    expect(answer.answer).toMatch(/"drop"/);
  });
});

describe('a count beside the superlative limits a ranking of things', () => {
  it('"the 2 lowest tanks right now" lists two tanks', async () => {
    const answer = await ask('the 2 lowest tanks right now');
    expect(answer.rows).toHaveLength(2);
  });

  it('"bottom 2 DMAs by avg inflow" lists the two lowest, lowest first', async () => {
    const answer = await ask('bottom 2 DMAs by avg inflow yesterday');
    expect(answer.rows).toHaveLength(2);
    expect(answer.answer).toMatch(/lowest first/);
  });
});
