// What answers say: the time of an extreme, the leader of a group, volumes by direction, alarm acknowledgements, status words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now = '2026-10-15T08:30:00Z'): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `shape-${question}`, now: new Date(now) });
}
const cell = (answer: Answer, name: string, row = 0): unknown => answer.rows[row]?.[answer.columns.findIndex((c) => c.name === name)];

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('the time of an extreme', () => {
  it('"when was the max discharge pressure at BPS03 yesterday" answers the maximum and when it was first reached', async () => {
    const answer = await ask('when was the max discharge pressure at BPS03 yesterday');
    expect(answer.columns.map((c) => c.name)).toContain('time');
    expect(answer.answer).toMatch(/maximum 5\.04 bar, first reached at 2026-10-14 15:57/);
  });

  it('"at what time was the final water chlorine lowest on 8 October" is the minimum with its time, not a decline', async () => {
    const answer = await ask('At what time was the final water chlorine lowest on 8 October?');
    expect(answer.answer).toMatch(/minimum 0\.00889 mg\/L, first reached at 2026-10-08 12:28/);
  });

  it('without "when" the maximum carries no time column', async () => {
    const answer = await ask('max discharge pressure at BPS03 yesterday');
    expect(answer.columns.map((c) => c.name)).not.toContain('time');
    expect(cell(answer, 'max_value')).toBeCloseTo(5.0399, 3);
  });
});
