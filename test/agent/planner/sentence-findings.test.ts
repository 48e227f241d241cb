// What testers saw wrong in answers' sentences and readings: a date's digits read as an asset's number, a ranking that
// names its leader twice, and a state that was unknown for part of the window passed over in silence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now = '2026-10-15T08:30:00Z'): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `sentence-${question}`, now: new Date(now) });
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('a number inside a date or time is never an asset number', () => {
  it.each([
    'was station 1 pump 2 running at 2026-10-11 12:00',
    'was BPS01 pump 2 running @ 2026-10-11 12:00',
    'was BPS01 pump 2 running at 2026-10-11 1200',
  ])('"%s" reads pump P02 at 12:00 on 11 October', async (question) => {
    const answer = await ask(question);
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.answer).toMatch(/^BPS01\/P02\/Running .* at 2026-10-11 1[12]:\d\d/);
    expect(answer.answer).not.toMatch(/pump 20/);
  });
});

describe('a ranking names its leader once', () => {
  it('"which BPS02 pump ran the most last week" names the pump once, then its hours', async () => {
    const answer = await ask('which BPS02 pump ran the most last week');
    const leader = String(answer.rows[0]?.[0]);
    expect(answer.answer.split(leader)).toHaveLength(2);
    expect(answer.answer).toMatch(new RegExp(`^${leader} ran the most, last week .*: 128\\.967 h, 15 starts`));
  });

  it('"which tank had the lowest level yesterday" names the tank once', async () => {
    const answer = await ask('which tank had the lowest average level yesterday');
    const leader = String(answer.rows[0]?.[0]);
    expect(answer.answer.split(leader)).toHaveLength(2);
  });
});

describe('time above a limit and running together say how long the state was unknown', () => {
  // BPS02's communication loss on 7 September: one quality-0 sample at 02:10 UTC, then nothing until 05:55 (3.75 h).
  it('time above a limit counts only the known part of the window, and says so', async () => {
    const answer = await ask('how long was the BPS02 discharge pressure above 3 bar on 7 September', '2026-09-10T08:00:00Z');
    expect(answer.answer).toMatch(/unknown for 3\.75 h of the window .*: the time above 3 bar counts only the other 20\.25 h\./);
    expect(answer.rows.every((r) => r[answer.columns.findIndex((c) => c.name === 'start_time')] !== null)).toBe(true);
  });

  it('"never above" over a window with unknown time says how long it is unknown', async () => {
    const answer = await ask('how long was the BPS02 discharge pressure above 30 bar on 7 September', '2026-09-10T08:00:00Z');
    expect(answer.rows).toHaveLength(0);
    expect(answer.answer).toMatch(/never above 30 bar .*unknown for 3\.75 h of the window/);
  });

  it('running together counts only the time both states are known, and says so', async () => {
    const answer = await ask('did BPS02 pump 1 and pump 2 run together on 7 September', '2026-09-10T08:00:00Z');
    expect(answer.answer).toMatch(/unknown for 3\.75 h of the window/);
  });
});
