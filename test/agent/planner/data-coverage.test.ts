// Questions about the data itself (coverage-ask.ts, coverage-sql.ts): which words ask for coverage, and the answers on
// the reference dataset against the outages the generator injected (T1 radio link, BPS02 communication loss, DMA05
// logger), asked through the runtime like any question.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { readCoverageAsk } from '../../../agent/planner/coverage-ask.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';

describe('readCoverageAsk', () => {
  it.each([
    ['is there any data for the t3 level yesterday', 'any data'],
    ['how complete was the t1 level data on 17 august', 'how complete'],
    ['data availability t1 level last 24h', 'data availability'],
    ['dma5 cp pres data avail 13th oct', 'data avail'],
    ['% good data bps02 disch press yesterday', '% good data'],
    ['any data missing for dma5 cp press', 'any data missing'],
    ['dma01 inflow data gaps last week', 'data gaps'],
    ['t1 lvl data quality on 17 aug', 'data quality'],
  ])('%s asks for coverage (%s)', (text, word) => {
    const read = readCoverageAsk(text);
    expect(read?.words).toContain(word.split(' ')[0]);
    expect(read?.text).not.toMatch(/\bdata\b/);
  });

  it.each([
    'availability of p02 at bps03 last month',
    'anything above 5 bar on the bps02 discharge yesterday',
    'average t1 level yesterday',
    'how many samples of the t1 level yesterday',
    'what was the gap between suction and discharge pressure',
  ])('%s asks nothing about the data itself', (text) => expect(readCoverageAsk(text)).toBeNull());
});

let rt: TestRuntime;
async function ask(question: string, now: string): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `coverage-${question}`, now: new Date(now) });
}
const cell = (answer: Answer, name: string): number => Number(answer.rows[0]?.[answer.columns.findIndex((c) => c.name === name)]);

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('coverage on the reference dataset, against the injected outages', () => {
  it('T1 radio link outage 13:20-14:00 UTC on 17 Aug: one gap of 40 min, 97.2 % of the day good', async () => {
    const answer = await ask('Is there any data for the T1 level on 17 August?', '2026-08-20T08:00:00Z');
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.sql).toContain('good_pct');
    expect(answer.answer).toMatch(/^T1\/Tank\/Level/);
    expect(cell(answer, 'gaps')).toBe(1);
    expect(cell(answer, 'longest_gap_minutes')).toBeCloseTo(40, 0);
    // 40 of 1440 minutes without data; a few random uncertain readings may take a few minutes more.
    expect(cell(answer, 'good_pct')).toBeLessThanOrEqual((100 * 1400) / 1440 + 1e-9);
    expect(cell(answer, 'good_pct')).toBeGreaterThan((100 * 1390) / 1440);
    expect(answer.answer).toMatch(/1 gap without good data of 40 min/);
  }, 60_000);

  it('BPS02 communication loss 02:10-05:55 UTC on 7 Sep: the 3 h 45 min gap and a quality-0 mark', async () => {
    const answer = await ask('bps02 disch press data coverage 7 sep', '2026-09-10T08:00:00Z');
    expect(cell(answer, 'longest_gap_minutes')).toBeCloseTo(225, 0);
    expect(cell(answer, 'good_pct')).toBeLessThanOrEqual((100 * (1440 - 225)) / 1440 + 1e-9);
    expect(cell(answer, 'good_pct')).toBeGreaterThan((100 * (1440 - 235)) / 1440);
  }, 60_000);

  it('the DMA05 logger gap from 18:00 UTC runs past the plant day (ends 22:00 UTC): a gap of 4 h to the end of the window', async () => {
    const answer = await ask('How complete was the DMA05 critical point pressure data on 13 October?', '2026-10-15T08:30:00Z');
    expect(cell(answer, 'good_pct')).toBeLessThanOrEqual((100 * 1200) / 1440 + 1e-9);
    expect(cell(answer, 'good_pct')).toBeGreaterThan((100 * 1190) / 1440);
    // The feed comes back at 23:40 UTC, after the window: a gap to the window's end, not data that ended.
    expect(answer.answer).toMatch(/1 gap without good data of 4 h/);
    expect(answer.answer).not.toMatch(/data ends/);
  }, 60_000);

  it('a day without any outage is covered whole; a statistic beside the coverage words is named, not guessed', async () => {
    const whole = await ask('% good data t3 lvl on 14 oct', '2026-10-15T08:30:00Z');
    expect(cell(whole, 'good_pct')).toBeGreaterThan(99);
    expect(cell(whole, 'gaps')).toBe(0);
    const declined = await ask('average data coverage of the T1 level in August', '2026-10-15T08:30:00Z');
    expect(declined.answeredBy).not.toBe('quick-planner');
  }, 60_000);

  it('a station named alone is covered tag by tag: every BPS02 tag has the 225 min gap on 7 Sep', async () => {
    const answer = await ask('data gaps at BPS02 on 7 sep', '2026-09-10T08:00:00Z');
    expect(answer.answeredBy).toBe('quick-planner');
    const tagColumn = answer.columns.findIndex((c) => c.name === 'tag');
    const gapColumn = answer.columns.findIndex((c) => c.name === 'longest_gap_minutes');
    const tags = answer.rows.map((r) => String(r[tagColumn]));
    // The header, both pumps and the RTU: 16 tags, all of BPS02 and nothing of another site.
    expect(tags).toHaveLength(16);
    expect(tags.every((t) => t.startsWith('BPS02/'))).toBe(true);
    expect(tags).toEqual(expect.arrayContaining(['BPS02/Header/Flow', 'BPS02/P01/Running', 'BPS02/RTU/PanelTemperature']));
    for (const row of answer.rows) expect(Number(row[gapColumn])).toBeGreaterThanOrEqual(224);
    // A measurement that fits several tags is still asked back, not answered for all of them.
    const asked = await ask('% good data bps02 pump disch press 7 sep', '2026-09-10T08:00:00Z');
    expect(asked.rows).toHaveLength(0);
    expect(asked.choices?.map((c) => c.label).join(' ')).toMatch(/BPS02\/P01\/DischargePressure.*BPS02\/P02\/DischargePressure/);
  }, 60_000);
});
