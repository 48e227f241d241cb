// A value now against the value at an earlier moment ("T1 level vs 24h ago", "now vs this time yesterday"): the value in
// force at each moment (the last sample at or before it) and their difference, not two periods' averages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now: string): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `moments-${question}`, now: new Date(now) });
}
const cell = (answer: Answer, name: string, row = 0): number =>
  Number(answer.rows[row]?.[answer.columns.findIndex((c) => c.name === name)]);

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('a value now against an earlier moment', () => {
  it('"now vs yesterday same time" is the level now against the level at 14:10 yesterday, not the two days averaged', async () => {
    const answer = await ask('clearwell level now vs yesterday same time', '2026-10-22T12:10:00Z');
    expect(cell(answer, 'value')).toBeCloseTo(2.39259, 4);
    expect(cell(answer, 'earlier_value')).toBeCloseTo(2.36452, 4);
    expect(cell(answer, 'change')).toBeCloseTo(0.02807, 4);
    expect(answer.answer).toMatch(/2\.393 m at 2026-10-22 14:09 against 2\.365 m at 2026-10-21 14:09, a change of \+0\.0281 m/);
    expect(answer.answer).not.toMatch(/average/);
  });

  it('"higher than it was an hour ago" compares with the value an hour before now', async () => {
    const answer = await ask('Is the discharge pressure at BPS01 higher than it was an hour ago?', '2026-10-12T05:45:00Z');
    expect(cell(answer, 'change')).toBeCloseTo(-0.03334, 4);
  });

  it('"same time lst wk" is the same clock time seven plant days earlier', async () => {
    const answer = await ask('t2 levle now vs same time lst wk', '2026-09-17T16:00:00Z');
    expect(cell(answer, 'earlier_value')).toBeCloseTo(2.95837, 4);
    expect(answer.window?.from).toBe('2026-09-10T16:00:00.000Z');
  });

  it('claims no change when no sample came between the two moments (a feed that stopped)', async () => {
    // T1's last sample before 2026-11-01 01:00 UTC is the dataset's last: now and an hour before share it.
    const answer = await ask('T1 lvl vs 1h ago', '2026-11-03T12:00:00Z');
    expect(answer.answer).toMatch(/no sample between the two moments/);
    expect(answer.answer).not.toMatch(/a change of/);
  });

  it('"running at the same time yesterday" is still pumps together, not a moment', async () => {
    const answer = await ask('were bps3 p1 and p3 running at the same time yesterday', '2026-10-22T12:10:00Z');
    expect(answer.answer).toMatch(/ran together/);
  });

  it('an alarm count against a moment is declined: only values are compared at two moments', async () => {
    const answer = await ask('alarms now vs 24h ago', '2026-10-22T12:10:00Z');
    expect(answer.rows).toHaveLength(0);
    expect(answer.answer).toMatch(/only a value at the two moments/);
  });
});
