// Rankings asked in chat without a count: every bucket in order ("rank the days", "busiest hrs", "daily kWh, highest
// first"), one bucket for a "top hr", none for "the top of the hour"; and over tags, a counter ranked by what it counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now = '2026-10-15T08:30:00Z'): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `bucket-rank-all-${question}`, now: new Date(now) });
}
const columns = (answer: Answer): string[] => answer.columns.map((c) => c.name);

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('buckets ranked with no count list every bucket of the window', () => {
  it.each([
    ['rank the days last week by T1 min lvl', 7],
    ['days last wk sorted by BPS02 kwh', 7],
    ['daily BPS02 kwh last wk, highest first', 7],
    ['busiest hrs dma01 yday', 24],
  ])('"%s" lists %i buckets', async (question, count) => {
    const answer = await ask(question);
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.rows).toHaveLength(count);
  });
});

describe('"top" before one bucket is the first bucket; "the top of the hour" ranks nothing', () => {
  it('"top hr yday dma01 inflow" is one hour', async () => {
    const answer = await ask('top hr yday dma01 inflow');
    expect(answer.rows).toHaveLength(1);
    expect(columns(answer)).toContain('bucket');
  });

  it('"T1 lvl at the top of the hour yday" is no ranking', async () => {
    const answer = await ask('T1 lvl at the top of the hour yday');
    expect(columns(answer)).not.toContain('bucket');
  });
});

describe('ranking tags', () => {
  it('an energy meter\'s "highest kwh" is the most it counted, not its reading', async () => {
    const answer = await ask('bps w/ highest kwh yday');
    expect(columns(answer)).toContain('delta_value');
    expect(columns(answer)).not.toContain('max_value');
  });
});
