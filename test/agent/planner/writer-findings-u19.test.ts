// Findings of the u19 writers (questions written from the design alone): a kind asked with "which"/"who" must be
// answered by a thing of that kind, "nothing running" is a group's stopped state, and a question is no control order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { readGroupStopped } from '../../../agent/planner/group-state.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now: string): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `u19-${question}`, now: new Date(now) });
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('a kind of asset asked with "which" or "who"', () => {
  it('declines when what fits belongs to no such asset (the high-lift energy meter is no pump), naming the kind', async () => {
    for (const q of ['who was dty pmp at hl lst wk', 'which pmp was duty at hl lst wk']) {
      const answer = await ask(q, '2026-10-15T08:00:00Z');
      expect(answer.rows, q).toHaveLength(0);
      expect(answer.answer, q).toMatch(/asks which pump/);
      expect(answer.answer, q).not.toMatch(/kWh/);
    }
  });

  it('still answers when the tags are of the kind asked, or of another kind the question names', async () => {
    const ran = await ask('which hl pump ran the least hrs yday', '2026-10-15T08:00:00Z');
    expect(ran.answer).toMatch(/WTP01\/P0\d\/Running ran the least/);
    const analyser = await ask('which tank outlet analyser read the lowest chlorine yday', '2026-10-15T08:00:00Z');
    expect(analyser.answer).toMatch(/Outlet\/ChlorineResidual had the lowest/);
  });

  it('"who was duty pump" is no question about people: the shift log is not read (no policy denial)', async () => {
    const answer = await ask('who was dty pmp at hl lst wk', '2026-10-15T08:00:00Z');
    expect(answer.decision?.kind ?? 'allow').not.toBe('deny');
    expect(answer.answer).not.toMatch(/shift_log/);
  });
});

describe('"nothing running" is the stopped state of the group the question names', () => {
  it('reads "nothing running", "nothing was on", not "nothing" alone', () => {
    expect(readGroupStopped('when was nothing running at bps03 last week')).not.toBeNull();
    expect(readGroupStopped('hrs nothing on at bps2 last wk')).not.toBeNull();
    expect(readGroupStopped('nothing unusual at bps2 last wk?')).toBeNull();
  });

  it('answers the hours all pumps of the station were known stopped', async () => {
    const answer = await ask('hrs nothing on at bps2 last wk', '2026-10-15T08:00:00Z');
    expect(answer.answer).toMatch(/BPS02\/P01\/Running and BPS02\/P02\/Running were all stopped at the same time/);
  });
});

describe('a question is no control order', () => {
  it('"all 3 bps3 pumps ever on at once?" is not refused as "switch on"', async () => {
    const answer = await ask('all 3 bps3 pumps ever on at once?', '2026-10-15T08:00:00Z');
    expect(answer.answer).not.toMatch(/cannot change the plant/);
    const order = await ask('bps3 p2 on pls', '2026-10-15T08:00:00Z');
    expect(order.answer).toMatch(/cannot change the plant/);
  });
});

describe('the share of a window that pumps ran together', () => {
  it('"what percentage of yesterday ... two or more pumps in service" is the time together over the whole day', async () => {
    const answer = await ask('What percentage of yesterday did Sonnenhang have two or more pumps in service?', '2026-10-15T08:00:00Z');
    const share = Number(answer.rows[0]?.[answer.columns.findIndex((c) => c.name === 'share_pct')]);
    const hours = Number(answer.rows[0]?.[answer.columns.findIndex((c) => c.name === 'total_hours')]);
    // BPS03 is Sonnenhang; the share is of the 24 h plant day, and agrees with the hours beside it.
    expect(answer.answer).toMatch(
      /At least 2 of BPS03\/P01\/Running, BPS03\/P02\/Running, BPS03\/P03\/Running ran together for [\d.]+ % of the time/,
    );
    expect(share).toBeCloseTo((hours / 24) * 100, 6);
    expect(hours).toBeGreaterThan(0);
  });
});

describe('pumps named by their kind alone run together when any two do', () => {
  it('"bps3 pumps running together" is at least 2 of the 3; "all", or the pumps named one by one, are all of them', async () => {
    const any = await ask('when were bps3 pumps running together yday', '2026-10-20T08:00:00Z');
    expect(any.answer).toMatch(/^At least 2 of BPS03\/P01\/Running, BPS03\/P02\/Running, BPS03\/P03\/Running ran together/);
    expect(any.rows.length).toBeGreaterThan(0);
    for (const q of ['all bps3 pumps together yday?', 'bps3 p1 p2 p3 together yday hrs']) {
      const all = await ask(q, '2026-10-20T08:00:00Z');
      expect(all.answer, q).toMatch(/^BPS03\/P01\/Running and BPS03\/P02\/Running and BPS03\/P03\/Running never ran at the same time/);
    }
  });

  it('"2 pmps parallel" is a count of pumps running at once, not the station\'s three', async () => {
    const answer = await ask('ps3 2 pmps parallel lst 24h hrs', '2026-10-20T08:00:00Z');
    expect(answer.answer).toMatch(/^At least 2 of BPS03/);
  });
});

describe('the method line of an alarm count per day', () => {
  it('says the count is per plant-local day, not per tag', async () => {
    const answer = await ask('daily alarm count last wk', '2026-10-15T08:00:00Z');
    expect(answer.method?.aggregation).toBe('alarm activations counted per plant-local day, every day of the window');
    expect(answer.rows).toHaveLength(7);
  });
});
