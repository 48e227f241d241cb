// Rankings read as an engineer means them: a bare measurement word names every measurement of its kind, an amount is
// ranked as an amount (a totaliser's change, or a rate integrated), a count can name the group, and a dashed range of
// numbered things lists each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { asksAmount, clockChangeNote } from '../../../agent/planner/bucket-amount.ts';
import { expandIdRanges } from '../../../agent/planner/id-ranges.ts';
import { wholeBucketWindow } from '../../../agent/planner/period-spans.ts';
import { readRankLimit } from '../../../agent/planner/rank-limit.ts';
import { makeWindow } from '../../../agent/planner/window-parts.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now = '2026-10-15T08:30:00Z'): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `kinds-${question}`, now: new Date(now) });
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('a bare measurement word over a group is every measurement of its kind', () => {
  it.each(['Which pressure was highest yesterday?', 'highest pressure yesterday'])(
    '"%s" asks back, offering each kind',
    async (question) => {
      const answer = await ask(question);
      expect(answer.candidates).toBeDefined();
      const offered = answer.candidates ?? [];
      for (const kind of ['/Pressure', '/DischargePressure', '/SuctionPressure', '/InletPressure', '/OutletPressure'])
        expect(offered.some((name) => name.endsWith(kind))).toBe(true);
      expect(offered.some((name) => name.endsWith('/PressureSetpoint'))).toBe(false);
    },
  );

  it('a kind word narrows the group to one measurement ("which tank had the lowest level")', async () => {
    const answer = await ask('which tank had the lowest level yesterday');
    expect(answer.candidates ?? []).toHaveLength(0);
    expect(answer.answer).toMatch(/^T\d\/Tank\/Level had the lowest minimum/);
  });
});

describe('an amount is ranked as an amount', () => {
  it("the plant's output per day is its treated-water totaliser's change, in m3", async () => {
    const answer = await ask('which day last week did the plant send out the most water');
    expect(answer.answer).toMatch(/amount counted of WTP01\/HL\/OutletFlowTotal .*: [\d,.]+ m3\./);
  });

  it('a flow with no totaliser is integrated per day', async () => {
    const answer = await ask('which day last week had the most water into T2? m3');
    expect(answer.answer).toMatch(/highest volume of T2\/Tank\/InletFlow .*: [\d,.]+ m3\./);
  });

  it('"which station had the highest output" ranks the stations\' volumes, not their peak flows', async () => {
    const answer = await ask('which station had the highest output last week');
    expect(answer.answer).toMatch(/^BPS0\d\/Header\/FlowTotal had the highest change/);
  });

  it.each([
    ['which day had the highest plant output', true],
    ['how much did DMA01 use', true],
    ['which hour had the highest flow into DMA01', false],
  ])('"%s" asks an amount: %s', (text, expected) => {
    expect(asksAmount(text)).toBe(expected);
  });

  it('says when a day had 25 hours (summer time ended) and not on other days', () => {
    expect(clockChangeNote('2026-10-24 22:00:00+00', 'day', 'delta', 'Europe/Berlin')).toBe(' (a 25-hour day: the clocks went back)');
    expect(clockChangeNote('2026-10-23 22:00:00+00', 'day', 'delta', 'Europe/Berlin')).toBe('');
    expect(clockChangeNote('2026-10-24 22:00:00+00', 'day', 'avg', 'Europe/Berlin')).toBe('');
  });

  it('a rolling window ranked by days becomes whole days ending where today began', () => {
    const rolling = makeWindow(new Date('2026-08-17T16:00:00Z'), new Date('2026-08-31T16:00:00Z'), 'Europe/Berlin', 'last 2 weeks');
    const whole = wholeBucketWindow(rolling, 'day');
    expect(whole.from).toBe('2026-08-16T22:00:00.000Z');
    expect(whole.to).toBe('2026-08-30T22:00:00.000Z');
    const yesterday = makeWindow(new Date('2026-08-29T22:00:00Z'), new Date('2026-08-30T22:00:00Z'), 'Europe/Berlin', 'yesterday');
    expect(wholeBucketWindow(yesterday, 'day')).toBe(yesterday);
  });
});

describe('a count names the group or the top N', () => {
  it.each([
    ['which of our three reservoirs had the lowest average level', undefined],
    ['the 2 pumps at bps01 - which ran the most', undefined],
    ['which of the three tanks had the highest level', undefined],
    ['which three pumps started most often', 3],
    ['list the three pumps that drew the most power', 3],
    ['top 2 dmas by inflow', 2],
  ])('"%s" -> limit %s', (text, limit) => {
    expect(readRankLimit(text).limit).toBe(limit);
  });
});

describe('a dashed range of numbered things', () => {
  it.each([
    ['hl pumps p01-p03 ranked by kwh', 'hl pumps p01 p02 p03 ranked by kwh'],
    ['t1-t3 lvl now', 't1 t2 t3 lvl now'],
    ['f1-4 turbidity', 'f1 f2 f3 f4 turbidity'],
    ['kw43-44 energy', 'kw43-44 energy'],
    ['bps03-p02 power', 'bps03-p02 power'],
  ])('"%s" -> "%s"', (text, expected) => {
    expect(expandIdRanges(text)).toBe(expected);
  });
});
