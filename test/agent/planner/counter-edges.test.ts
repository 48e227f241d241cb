// A counter's change over [a, b) is its value in force at b minus its value in force at a (as of each edge, a reading
// exactly on an edge included), so the changes of adjacent windows (days, buckets, weeks compared) add up exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import type { Connector } from '../../../connectors/connector.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';
import { testHistorianFile } from '../../helpers/sample-data.ts';

let rt: TestRuntime;
let db: Connector;
async function ask(question: string, now = '2026-10-15T08:30:00Z'): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer')!;
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `edges-${question}`, now: new Date(now) });
}
const cell = (answer: Answer, name: string, row = 0): number =>
  Number(answer.rows[row]?.[answer.columns.findIndex((c) => c.name === name)]);

/** The truth by the historian's rule: the last good reading at or before b minus the last good reading at or before a. */
async function asOfChange(tagPath: string, a: string, b: string): Promise<number> {
  const at = (t: string): string =>
    `(SELECT arg_max(value, ts) FROM samples WHERE tag_id = (SELECT tag_id FROM tags WHERE tag_path = '${tagPath}') ` +
    `AND quality = 192 AND ts <= TIMESTAMPTZ '${t}' AND ts > TIMESTAMPTZ '${t}' - INTERVAL 180 MINUTE)`;
  const result = await db.query(`SELECT ${at(b)} - ${at(a)} AS d`);
  return Number(result.rows[0]?.[0]);
}

beforeAll(async () => {
  rt = await createTestRuntime();
  db = await createDuckDbConnector('ref', { engine: 'duckdb', file: testHistorianFile } as never);
});
afterAll(async () => {
  await rt.runtime.close();
  await db.close();
});

describe('counter change at the window edges', () => {
  it('the changes of two adjacent days add up to the change over both days, which is the as-of truth', async () => {
    const day1 = cell(await ask('How much water went into DMA02 on 13 October 2026?'), 'delta_value');
    const day2 = cell(await ask('How much water went into DMA02 on 14 October 2026?'), 'delta_value');
    const both = cell(await ask('How much water went into DMA02 from 13 October 2026 to 14 October 2026?'), 'delta_value');
    expect(day1).toBeCloseTo(await asOfChange('DMA02/Inlet/FlowTotal', '2026-10-12 22:00:00+00', '2026-10-13 22:00:00+00'), 6);
    expect(day1 + day2).toBeCloseTo(both, 6);
    expect(both).toBeCloseTo(await asOfChange('DMA02/Inlet/FlowTotal', '2026-10-12 22:00:00+00', '2026-10-14 22:00:00+00'), 6);
  });

  it('daily changes over a week add up to the week’s change', async () => {
    const daily = await ask('daily volume into DMA02 last week');
    const week = await ask('How much water went into DMA02 last week?');
    const days = daily.rows.map((_, i) => cell(daily, 'delta_value', i));
    expect(days).toHaveLength(7);
    expect(days.reduce((s, d) => s + d, 0)).toBeCloseTo(cell(week, 'delta_value'), 6);
    expect(cell(week, 'delta_value')).toBeCloseTo(
      await asOfChange('DMA02/Inlet/FlowTotal', '2026-10-04 22:00:00+00', '2026-10-11 22:00:00+00'),
      6,
    );
  });

  it('week-over-week energy: each week is the as-of change of the meter', async () => {
    const answer = await ask('wow BPS01 energy');
    const current = await asOfChange('BPS01/Header/EnergyTotal', '2026-10-04 22:00:00+00', '2026-10-11 22:00:00+00');
    const previous = await asOfChange('BPS01/Header/EnergyTotal', '2026-09-27 22:00:00+00', '2026-10-04 22:00:00+00');
    expect(answer.rows.flat().map(Number)).toEqual(expect.arrayContaining([expect.closeTo(current, 6), expect.closeTo(previous, 6)]));
  });
});
