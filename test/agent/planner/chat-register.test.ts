// Questions as a shift engineer types them on a phone: clock times without words ("since 8", "b4 noon"), bare spans
// ("24h", "3hrs"), period and operation abbreviations ("l/wk", "ytd", "lo", "pk"), short asset forms derived from the
// catalog ("ps2"), and a bare tag with a period, which asks one number (the period's average), not an hourly series.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { resolveTime } from '../../../agent/planner/time-window.ts';
import { shortAssetForms } from '../../../agent/planner/short-asset-forms.ts';
import { buildCatalogs } from '../../../agent/planner/plan-question.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';
import { defaultConfigDocument } from '../../../app/config/default-config.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import type { HistorianMapping } from '../../../connectors/historian-mapping.ts';
import { testHistorianFile } from '../../helpers/sample-data.ts';

let rt: TestRuntime;
async function ask(question: string, now: string): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'mattermost', requestId: `chat-${question}`, now: new Date(now) });
}

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('chat questions answer with the number asked', () => {
  it.each([
    // [question, asked at, what the sentence must state]
    ['flow @ ps2 since 8', '2026-09-15T10:40:00Z', /since 08:00 .*average 147\.647 m3\/h/],
    ['dma2 flw yday', '2026-10-08T07:00:00Z', /average 248\.679 m3\/h/],
    ['P1 flw @ PS2 yday', '2026-08-27T09:00:00Z', /average 1\d\d\.\d+ m3\/h/],
    ['bps3 p2 amps rn', '2026-10-25T13:00:00Z', /motor current\)? was 22\.211 A/],
    ['hl p3 run hrs ytd', '2026-09-01T06:00:00Z', /High-lift pump P03.* ran 374\.067 h .*this year/],
    ['lo t3 lvl 24h', '2026-09-23T18:00:00Z', /last 24 hours .*minimum 3\.129 m/],
    ['t2 lvl avg b4 noon', '2026-10-05T15:00:00Z', /00:00 – 2026-10-05 12:00 .*average 3\.601 m/],
    ['pk dma5 flow l/wk', '2026-10-21T09:00:00Z', /last week .*maximum 167\.514 m3\/h/],
    // Tuesday's minimum night flow: the night hours on Tuesday, of the night that began on Monday evening.
    ['dma3 mnf tues', '2026-10-16T08:00:00Z', /night of 12–13 Oct 2026 \(its hours from 2026-10-13 02:00, 02:00–04:00\): 76\.782 m3\/h/],
    ['avg turb wtp out 3hrs', '2026-10-10T15:00:00Z', /last 3 hours .*average 0\.0896 NTU/],
    ['bps02 pmp 1 hrs yday', '2026-10-15T08:30:00Z', /BPS02 pump P01.* ran 17\.683 h .*yesterday/],
    ['p2 ps3 trip time 29th', '2026-10-30T07:00:00Z', /first stopped at 2026-10-29 04:17/],
    ['ps2 p1 trip when 26 aug', '2026-08-27T09:00:00Z', /first stopped at 2026-08-26 16:05/],
    ['cl2 wtp under 0.3 when yday', '2026-10-09T08:00:00Z', /first went below 0\.3 mg\/L at 2026-10-08 11:29/],
    ['1st time raw turb > 20 l/wk', '2026-09-01T08:00:00Z', /first went above 20 NTU at 2026-08-25 13:30/],
  ])('"%s" (asked %s)', async (question, now, sentence) => {
    const answer = await ask(question, now);
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.answer).toMatch(sentence);
  });

  it('a bare tag and a period is one row (average, minimum, maximum), not an hourly series', async () => {
    const answer = await ask('dma2 flw yday', '2026-10-08T07:00:00Z');
    expect(answer.rows).toHaveLength(1);
    expect(answer.answer).toMatch(/minimum 118\.835 m3\/h, maximum 391\.555 m3\/h/);
  });

  it('a station the catalog does not have is named in the decline, not answered for another one', async () => {
    const answer = await ask('ps4 flow rn', '2026-10-15T08:30:00Z');
    expect(answer.rows ?? []).toHaveLength(0);
    expect(answer.answer).toMatch(/"ps4"/);
  });
});

describe('chat times', () => {
  const ctx = { now: new Date('2026-10-16T08:40:00Z'), timezone: 'Europe/Berlin', shifts: [] };
  it.each([
    ['since 8', 'since 08:00 (2026-10-16 08:00 – 2026-10-16 10:40'],
    ['since 0600', 'since 06:00 (2026-10-16 06:00 – 2026-10-16 10:40'],
    ['since 20', 'since 20:00 (2026-10-15 20:00 – 2026-10-16 10:40'],
    ['before at 12:00', 'before 12:00 (2026-10-16 00:00 – 2026-10-16 10:40'],
    ['yesterday before at 12:00', '(2026-10-15 00:00 – 2026-10-15 12:00'],
    ['24 hours', 'last 24 hours (2026-10-15 10:40 – 2026-10-16 10:40'],
    ['3hrs', 'last 3 hours (2026-10-16 07:40 – 2026-10-16 10:40'],
    ['last 24', 'last 24 hours (2026-10-15 10:40 – 2026-10-16 10:40'],
    ['this am', 'this morning (2026-10-16 06:00 – 2026-10-16 10:40'],
    ['yesterday pm', 'yesterday afternoon (2026-10-15 12:00 – 2026-10-15 18:00'],
  ])('"%s" is %s', (text, label) => {
    expect(resolveTime(text, ctx)?.window.label).toContain(label);
  });

  it.each(['t2 above 4.5 m for 2 hours', 'before 3 bar', 'since 8 oct', 'last 7'])('"%s" holds no bare clock or span', (text) => {
    const label = resolveTime(text, ctx)?.window.label ?? '';
    expect(label).not.toMatch(/last 2 hours|before 03:00|since 08:00|last 7 hours/);
  });
});

describe('short asset forms come from the catalog', () => {
  it('"ps2" is BPS02 (only BPS ends in PS), "ma1" DMA01; "p2" and "t2" are families of their own', async () => {
    const connector = await createDuckDbConnector('historian', {
      engine: 'duckdb',
      file: testHistorianFile,
      historian: defaultConfigDocument.sources.historian.historian as unknown as HistorianMapping,
    } as never);
    const catalogs = buildCatalogs([await connector.describe()]);
    await connector.close();
    const forms = shortAssetForms(catalogs[0]!.index);
    expect(forms.get('ps2')).toBe('bps02');
    expect(forms.get('ps03')).toBe('bps03');
    expect(forms.get('ma1')).toBe('dma01');
    expect(forms.has('ps4')).toBe(false);
    expect(forms.has('p2')).toBe(false);
    expect(forms.has('t2')).toBe(false);
  });
});
