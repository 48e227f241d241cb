// Chat questions whose words the planner used to drop and then answer confidently without: the second thing of
// "A + B", a split of an alarm count ("per day"), "v" for versus, "all 3", a measurement the catalog lacks read as a
// typo of another ("nitrate" as "filtrate"), "running" beside a meter that fits better, and a ratio ("kwh per m3").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { readChatConnectives } from '../../../agent/planner/chat-connectives.ts';
import { plausibleTypo } from '../../../agent/planner/typo-tolerance.ts';
import { findRatio } from '../../../agent/planner/unit-ratios.ts';
import { applyCorrections } from '../../../agent/planner/chat-corrections.ts';
import { superlativeDirection } from '../../../agent/planner/rank-direction.ts';
import { stoppedTimeWord } from '../../../agent/planner/stopped-time.ts';
import type { IndexedTag } from '../../../agent/planner/tag-catalog.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

let rt: TestRuntime;
async function ask(question: string, now: string): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'mattermost', requestId: `dropped-${question}`, now: new Date(now) });
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('words that change the answer are kept or named', () => {
  it('"wtp out ph + raw ph now" answers both analysers, not the raw one alone', async () => {
    const answer = await ask('wtp out ph + raw ph now pls', '2026-10-20T07:00:00Z');
    expect(answer.answer).toMatch(/WTP01\/Intake\/RawPH 7\.815 pH/);
    expect(answer.answer).toMatch(/WTP01\/Outlet\/PH 7\.556 pH/);
  });

  it('an alarm count per site is the count of each site; per day every day of the month; per tag the count of each tag', async () => {
    const site = await ask('alarm count per site last month', '2026-09-10T15:00:00Z');
    expect(site.answer).toMatch(/per site .*WTP01 \(\d+\)/);
    const day = await ask('alarm count per day last month', '2026-09-10T15:00:00Z');
    expect(day.rows ?? []).toHaveLength(31);
    expect(day.answer).toMatch(/per day .*31 days, 14 in all\): 2026-08-12 00:00 2; .*2026-08-25 00:00 7/);
    const tag = await ask('how many alarms per tag last month', '2026-09-10T15:00:00Z');
    expect(tag.answer).toMatch(/WTP01\/Intake\/RawTurbidity \(9\)/);
  });

  it('"p1 v p2" compares the two pumps; "all 3" is every pump, not an identifier "amps 3"', async () => {
    const versus = await ask('ps2 p1 v p2 hrs run yday', '2026-10-02T07:00:00Z');
    expect(versus.answer).toMatch(/BPS02\/P01\/Running 17\.75 h/);
    expect(versus.answer).toMatch(/BPS02\/P02\/Running 0 h/);
    const all = await ask('ps3 pump amps avg yday, all 3', '2026-10-19T06:05:00Z');
    expect(all.answer).toMatch(/BPS03\/P02\/MotorCurrent 24\.228 A; BPS03\/P03\/MotorCurrent 14\.561 A/);
  });

  it('a measurement the catalog lacks is named, not read as a word two letters away with another first letter', async () => {
    const answer = await ask('nitrate @ wtp outlet now', '2026-10-15T08:30:00Z');
    expect(answer.rows ?? []).toHaveLength(0);
    expect(answer.answer).toMatch(/"nitrate"/);
    expect(answer.answer).not.toMatch(/Turbidity/);
  });

  it('"are the hl pumps running" reads the pumps\' running feedback, not the high-lift energy meter', async () => {
    const answer = await ask('are the hl pumps running', '2026-10-21T07:00:00Z');
    expect(answer.answer).toMatch(/WTP01\/P03\/Running running \(1\)/);
    expect(answer.answer).not.toMatch(/EnergyTotal/);
  });

  it('"kwh per m3" is a ratio, named; "in m3 per hour" is the unit m3/h, not hourly volumes', async () => {
    const ratio = await ask('kwh per m3 ps1 yday', '2026-10-21T07:00:00Z');
    expect(ratio.rows ?? []).toHaveLength(0);
    expect(ratio.answer).toMatch(/"kwh per m3"/);
    const unit = await ask('ps1 flow in m3 per hour yday', '2026-10-21T07:00:00Z');
    expect(unit.answer).toMatch(/average 234\.477 m3\/h/);
  });
});

describe('more words that were dropped', () => {
  it('"number of dma01 flow readings" counts the stored readings, as "how many readings of dma01 flow"', async () => {
    const apart = await ask('number of dma01 flow readings last wk', '2026-10-15T08:30:00Z');
    const together = await ask('how many readings of dma01 flow last wk', '2026-10-15T08:30:00Z');
    expect(apart.rows.length).toBe(1);
    expect(apart.rows).toEqual(together.rows);
    expect(apart.answer).toContain('sample count 6,118');
  });

  it('"t1 in vs out flow" is the inlet and the outlet flow, not the outlet alone', async () => {
    const answer = await ask('t1 in vs out flow yday', '2026-10-14T07:00:00Z');
    expect(answer.answer).toMatch(/T1\/Tank\/InletFlow 801\.104 m3\/h; T1\/Tank\/OutletFlow 795\.905 m3\/h/);
  });

  it('"worst" chlorine is named (alarmed both sides); "worst" vibration is the highest (alarmed only high)', async () => {
    const chlorine = await ask('worst cl2 dma yday', '2026-10-14T07:00:00Z');
    expect(chlorine.rows ?? []).toHaveLength(0);
    expect(chlorine.answer).toMatch(/"worst"/);
    const vibration = await ask('which pump had worst vib l/wk', '2026-10-14T07:00:00Z');
    expect(vibration.answer).toMatch(/BPS03\/P01\/Vibration had the highest average/);
  });

  it('"how long was p2 off" is its stopped time, and "hi and lo and when" is named, not answered without the times', async () => {
    const off = await ask('how long ps1 p2 off yday', '2026-10-14T07:00:00Z');
    expect(off.answer).toMatch(/^BPS01\/P02\/Running .*was below 0\.5 /);
    const both = await ask('t2 lvl yday hi and lo and when', '2026-10-14T07:00:00Z');
    expect(both.rows ?? []).toHaveLength(0);
    expect(both.answer).toMatch(/"when"/);
  });

  it('", actually p2" takes back p1', async () => {
    const answer = await ask('ps2 p1 amps yday pls - actually p2', '2026-10-22T07:00:00Z');
    expect(answer.answer).toMatch(/^BPS02\/P02\/MotorCurrent/);
  });
});

describe('the readings behind them', () => {
  it('a correction marker that opens with a comma follows the word before it', () => {
    expect(applyCorrections('t2 lvl now, actually t3', [', actually'])).toBe('t3 lvl now');
  });

  it('a stopped time is asked only with a duration word', () => {
    expect(stoppedTimeWord('how long ps1 p2 off yday')).toBe('off');
    expect(stoppedTimeWord('is ps3 p1 off')).toBeNull();
  });

  it('"worst" and "best" take their direction from the side of the alarm limits', () => {
    const tag = (lowLimit?: number, highLimit?: number): IndexedTag => ({ info: { lowLimit, highLimit } }) as unknown as IndexedTag;
    expect(superlativeDirection('worst vib', [tag(undefined, 7.1)])).toEqual({ order: 'desc' });
    expect(superlativeDirection('best turb', [tag(undefined, 0.5)])).toEqual({ order: 'asc' });
    expect(superlativeDirection('worst suction', [tag(0.2)])).toEqual({ order: 'asc' });
    expect(superlativeDirection('worst cl2', [tag(0.1, 1)])).toHaveProperty('kind', 'decline');
    expect(superlativeDirection('highest worst cl2', [tag(0.1, 1)])).toBeNull();
  });

  it.each([
    ['p1 v p2 amps', 'p1 vs p2 amps'],
    ['bps03 400 v supply', 'bps03 400 v supply'],
    ['amps avg yday, all 3', 'amps avg yday, all'],
    ['all three pumps on', 'all pumps on'],
    ['t1 lvl avg all 3 days', 't1 lvl avg all 3 days'],
  ])('"%s" reads as "%s"', (text, read) => {
    expect(readChatConnectives(text)).toBe(read);
  });

  it.each([
    ['kwh per m3 ps1', 'kwh per m3'],
    ['energy/m3 yday', 'energy/m3'],
    ['t1 cl2 mg/l', null],
    ['flow m3 per hour', null],
    ['amps per pump', null],
  ])('the ratio in "%s" is %s', (text, words) => {
    expect(findRatio(text)).toBe(words);
  });

  it('a typo changes the first letter only as its one slip', () => {
    expect(plausibleTypo('nitrate', 'filtrate')).toBe(false);
    expect(plausibleTypo('gflow', 'flow')).toBe(true);
    expect(plausibleTypo('dishcarge', 'discharge')).toBe(true);
  });
});
