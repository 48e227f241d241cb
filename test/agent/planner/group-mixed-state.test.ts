// Pumps asked each in its own state at once ("p1 & p2 on but p3 off"), pumps of two stations paired with their own
// station, and a station's pump total (run-hours and starts added over its pumps).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { readGroupMixed } from '../../../agent/planner/group-mixed-state.ts';
import { asksSummedRunHours } from '../../../agent/planner/summed-run-hours.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now: string): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `gms-${question}`, now: new Date(now) });
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('members each in their own state', () => {
  it('reads the members asked stopped beside the others running', () => {
    expect(readGroupMixed('when were p1 & p2 on but p3 off at bps3 yesterday')?.stopped).toBe('p3');
    expect(readGroupMixed('hrs hl p1 running w/ p2 off last wk')?.stopped).toBe('p2');
    expect(readGroupMixed('how long was pump p01 at kirchberg running while pump p02 was stopped')?.stopped).toBe('pump p02');
    expect(readGroupMixed('p2 running while p1 and p3 both off')?.stopped).toBe('p1 and p3');
  });

  it('is no mixed state without a running word, a numbered member, or with a window set by another event', () => {
    for (const q of ['bps02 p1 and p2 both off yday', 'hl p1 on w/ dosing pmp off', 'both running after p2 stopped', 'p1 on on 3 oct'])
      expect(readGroupMixed(q), q).toBeNull();
  });

  it('answers the time the group was in those states, and names each one with its state', async () => {
    const answer = await ask('when were p1 & p2 on but p3 off at bps3 yday', '2026-10-06T07:00:00Z');
    expect(answer.rows.length).toBeGreaterThan(0);
    expect(answer.answer).toContain('BPS03/P01/Running and BPS03/P02/Running running with BPS03/P03/Running stopped');
  });

  it('pairs each pump with the station said before it ("bps1 p1 and bps3 p2")', async () => {
    const answer = await ask('bps1 p1 and bps3 p2 both running yday when?', '2026-10-13T07:00:00Z');
    expect(answer.rows.length).toBeGreaterThan(0);
    expect(answer.answer).toContain('BPS01/P01/Running and BPS03/P02/Running ran together');
  });
});

describe("a station's pump total", () => {
  const cues = (text: string) => ({ text, rank: false, compare: false });
  it('reads a sum word, unless each member is asked', () => {
    expect(asksSummedRunHours(cues('bps01 total pump run hrs last wk'), 2)).toBe(true);
    expect(asksSummedRunHours(cues('how many pump starts at bps3 yday altogether'), 3)).toBe(true);
    expect(asksSummedRunHours(cues('hours each pump at bps02 ran in total'), 2)).toBe(false);
    expect(asksSummedRunHours(cues('which pump had the most starts in total'), 2)).toBe(false);
    expect(asksSummedRunHours(cues('bps01 total pump run hrs'), 1)).toBe(false);
  });

  it('answers one row, the pumps added, named', async () => {
    const answer = await ask('bps01 total pump run hrs last wk', '2026-10-15T08:30:00Z');
    expect(answer.rows.length).toBeGreaterThan(0);
    expect(answer.rows).toHaveLength(1);
    expect(answer.answer).toContain('BPS01/P01/Running + BPS01/P02/Running ran 162.2 h in total');
  });
});
