// "whats the r for X vs Y": "the r" before two signals set against each other is Pearson's r, end to end through ask().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;

async function ask(question: string, now: string): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer');
  if (!principal) throw new Error('no user engineer');
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `test-${question}`, now: new Date(now) });
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('"the r for X vs Y" is a correlation', () => {
  it('answers r of BPS03 pump 1 speed and power on the 12th', async () => {
    const answer = await ask('whats the r for bps3 p1 speed vs power on the 12th', '2026-10-15T07:00:00Z');
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.answer).toMatch(/0\.98/);
  });
});
