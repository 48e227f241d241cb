// Two or more tags in one question: pumps running together (which station, how many, "at least two") and the
// correlation of two signals named many ways ("r", "/", "&", "follow ... correlation", "how well correlated").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { saidCount } from '../../../agent/planner/together-check.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now = '2026-10-15T08:30:00Z'): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `tog-${question}`, now: new Date(now) });
}
const cell = (answer: Answer, name: string, row = 0): unknown => answer.rows[row]?.[answer.columns.findIndex((c) => c.name === name)];

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('pumps running together', () => {
  it('"did P1 and P2 run together yday" names no station: it asks which, each station a choice, not "never"', async () => {
    const answer = await ask('did P1 and P2 run together yday');
    expect(answer.rows).toHaveLength(0);
    expect(answer.answer).toMatch(/which site/);
    expect(answer.answer).not.toMatch(/never/);
  });

  it('"the two pumps at BPS3" when BPS03 has three asks which two', async () => {
    const answer = await ask('Were the two pumps at BPS3 both running yesterday?');
    expect(answer.rows).toHaveLength(0);
    expect(answer.answer).toMatch(/which 2 of them/);
  });

  it('"hl pumps all 3 running yday" is the three high-lift pumps at once, not pump 3 nor each pump\'s running share', async () => {
    for (const question of ['hl pumps all 3 running yday, when', 'were all 3 hl pumps running yday']) {
      const answer = await ask(question, '2026-08-28T08:00:00Z');
      expect(answer.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['start_time', 'end_time', 'hours']));
      expect(answer.rows).toHaveLength(2);
      expect(Number(cell(answer, 'hours', 0)) + Number(cell(answer, 'hours', 1))).toBeCloseTo(5.917, 2);
    }
    const hours = await ask('all 3 hl pumps run hrs yday', '2026-08-28T08:00:00Z');
    expect(hours.answer).not.toMatch(/together|at once/);
  });

  it('"at least two pumps running at BPS03" counts two of the three, with the stretches and hours', async () => {
    const answer = await ask('hours with at least two pumps running at BPS03 yesterday');
    // The hours asked: one row, their total beside how many stretches and the longest.
    expect(answer.rows).toHaveLength(1);
    expect(cell(answer, 'hours')).toBeCloseTo(13.6667, 3);
    expect(cell(answer, 'stretches')).toBe(2);
    expect(cell(answer, 'longest_hours')).toBeCloseTo(9.2833, 3);
    expect(answer.answer).toMatch(
      /^At least 2 of BPS03\/P01\/Running, BPS03\/P02\/Running, BPS03\/P03\/Running ran together 2 times for 13\.667 h/,
    );
  });

  it('"when did 2 bps3 pumps run at once": a count without "the" is any two of the three', async () => {
    const answer = await ask('when did 2 bps3 pumps run at once yday', '2026-10-30T07:00:00Z');
    expect(answer.answer).toMatch(/^At least 2 of BPS03\/P01\/Running, BPS03\/P02\/Running, BPS03\/P03\/Running/);
    expect(answer.rows).toHaveLength(2);
    const bps01 = await ask('when were 2 pumps on at bps01 yday', '2026-08-16T07:00:00Z');
    expect(bps01.sql ?? '').toMatch(/n >= 2/);
    expect(bps01.rows).toHaveLength(2);
  });

  it('"P1+P3 parallel 29/10" is the two pumps together, not their run hours', async () => {
    const answer = await ask('PS3 P1+P3 parallel 29/10 hrs', '2026-10-31T12:00:00Z');
    expect(cell(answer, 'hours')).toBeCloseTo(8.15, 9);
    expect([cell(answer, 'stretches'), cell(answer, 'longest_hours')]).toEqual([2, 4.6]);
  });

  it('"BPS03 P1/P3 in parallel" reads the slash as two pumps', async () => {
    const answer = await ask('BPS03 P1/P3 in parallel on 29th oct, from when to when', '2026-10-31T12:00:00Z');
    expect(answer.rows.map((r) => r[2])).toEqual([3.55, 4.6]);
  });

  it('"all 3 duty pumps at the plant" are the three high-lift pumps, not the dosing pump too ("duty" is no unplaced word)', async () => {
    const answer = await ask('all 3 duty pumps at the plant on at once last wk?', '2026-09-02T08:00:00Z');
    expect(answer.rows).toHaveLength(5);
    expect(answer.answer).toMatch(/^WTP01\/P01\/Running and WTP01\/P02\/Running and WTP01\/P03\/Running ran together 5 times/);
  });

  it.each([
    ['the two pumps at BPS3', 2],
    ['all 3 pumps @ sonnenhang', 3],
    ['both on at once', 2],
    ['pump 2 and pump 3 last 2 days', undefined],
    ['the 2 pumps run simultaneously', 2],
  ])('"%s" says %s things', (text, count) => {
    expect(saidCount(text)).toBe(count);
  });
});

describe('correlation of two signals', () => {
  it('"corr ps1 suction p / T1 lvl last wk": the slash separates the two sides, "p" is pressure; the method says how they were aligned', async () => {
    const answer = await ask('corr ps1 suction p / T1 lvl last wk', '2026-09-16T10:00:00Z');
    expect(cell(answer, 'r_value') as number).toBeCloseTo(0.9571, 2);
    expect(answer.answer).toMatch(/r = 0\.95\d/);
    expect(JSON.stringify(answer.method)).toMatch(/one-minute grid.*piece in force/);
  });

  it('"follow ... give me the correlation": the second shape word is the same question, not an unplaced word', async () => {
    const answer = await ask(
      'Does the BPS03 header discharge pressure follow the station flow? Give me the correlation for September.',
      '2026-10-05T09:00:00Z',
    );
    expect(cell(answer, 'r_value') as number).toBeCloseTo(0.7915, 2);
  });

  it('"the plant outlet cl2 w/ the dosing rate": "plant" names the treatment plant\'s outlet, not any tank outlet', async () => {
    const answer = await ask('how corelated is the plant outlet cl2 w/ the dosing rate last wk');
    expect(cell(answer, 'r_value') as number).toBeCloseTo(0.0596, 2);
    expect(answer.answer).toMatch(/WTP01\/Outlet\/ChlorineResidual and WTP01\/CL01\/DosingRate/);
  });

  it('"vibration vs current last 7 days": the current after "vs" and before a time word is the motor current, not "now"', async () => {
    const answer = await ask('correlation coefficient BPS03 P01 vibration vs current last 7 days');
    expect(answer.answer).toMatch(/BPS03\/P01\/Vibration and BPS03\/P01\/MotorCurrent, last 7 days/);
  });

  it('"r T3 lvl vs DMA04 inflow" and "how well correlated ... of pump 2 at Sonnenhang" are correlations', async () => {
    const r = await ask('r T3 lvl vs DMA04 inflow last 3 days', '2026-10-20T09:00:00Z');
    expect(cell(r, 'r_value') as number).toBeCloseTo(-0.5914, 2);
    const well = await ask(
      'Over the past 24 hours, how well correlated were the vibration and the speed of pump 2 at Sonnenhang?',
      '2026-10-28T12:00:00Z',
    );
    expect(cell(well, 'r_value') as number).toBeCloseTo(0.0799, 2);
  });
});
