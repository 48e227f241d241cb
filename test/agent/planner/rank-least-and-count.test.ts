// Rankings a supervisor asks without the planner's usual words: the least of a group ("least used pump", "which pump
// ran the least"), a count written as a word ("the three pumps that drew the most power"), and "list" over a period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now = '2026-10-15T08:30:00Z'): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `rank-least-${question}`, now: new Date(now) });
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('the least of a group is ranked least first', () => {
  it.each(['least used pump last wk', 'which pump ran the least last week', 'pump ran the least last wk'])(
    '"%s" names BPS02/P01 with 4.85 h, not the pump that ran the most',
    async (question) => {
      const answer = await ask(question);
      expect(answer.answeredBy).toBe('quick-planner');
      expect(answer.answer).toMatch(/^BPS02\/P01\/Running ran the least, last week .*: 4\.85 h/);
    },
  );
});

describe('a count written as a word limits the ranking', () => {
  it('"the three pumps that drew the most power on average yesterday" lists three, WTP01/P02 first', async () => {
    const answer = await ask('List the three pumps that drew the most power on average yesterday.');
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.rows).toHaveLength(3);
    expect(String(answer.rows[0]?.[0])).toBe('WTP01/P02/Power');
    expect(answer.answer).toMatch(/WTP01\/P02\/Power 73\.397 kW; WTP01\/P03\/Power 53\.547 kW; BPS01\/P01\/Power 44\.011 kW/);
  });

  it('"which of the three tanks" names the group, not how many to list', async () => {
    const answer = await ask('Which of the three tanks had the highest average level last week?');
    expect(answer.rows).toHaveLength(1);
  });
});
