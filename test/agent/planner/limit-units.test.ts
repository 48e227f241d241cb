// A limit's unit must be the unit of the tag it is compared with: "humidity above 70 %" that only matched a kWh meter
// is declined, naming the unit, instead of counting the meter's hours above 70 kWh. End to end through ask().
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

describe('a limit in a unit no matched tag is measured in', () => {
  it('declines "humidity above 70%" rather than reading a kWh meter against 70', async () => {
    const answer = await ask('how long was the pump house humidity above 70% yesterday', '2026-10-14T07:00:00Z');
    expect(answer.rows).toEqual([]);
    expect(answer.answer).toMatch(/"%"/);
    expect(answer.answer).not.toMatch(/above 70 kWh/);
  });

  it('still answers a limit in the tag’s own unit', async () => {
    const level = await ask('T3 lvl >3.5m exceedance duration on the 12th', '2026-10-15T07:00:00Z');
    expect(level.answer).toMatch(/T3\/Tank\/Level .*above 3\.5 m/);
  });
});
