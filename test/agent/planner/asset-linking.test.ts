// The quick planner links asset names, kinds and sites over the sample historian: group answers, ask-backs, no guessing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';
import { signalPieces } from '../../helpers/signal-gold.ts';

let rt: TestRuntime;

async function ask(question: string, now: string): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer');
  if (!principal) throw new Error('no user engineer');
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `asset-${question}`, now: new Date(now) });
}

async function gold(sql: string): Promise<unknown[][]> {
  return (await rt.runtime.connectors.get('historian')!.query(sql)).rows;
}

/** Minimum and time-weighted mean of the tank levels over a window (historian definitions). */
const tankLevels = (from: string, to: string): string => `SELECT t.tag_path, min(s.value) AS low, sum(s.value * s.w) / sum(s.w) AS mean
  FROM ${signalPieces(from, to)} AS s JOIN tags t ON t.tag_id = s.tag_id
  JOIN assets a ON a.asset_id = t.asset_id WHERE a.kind = 'tank' AND t.measurement = 'Level' AND s.quality = 192`;

beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => {
  await rt.runtime.close();
});

describe('asset names and kinds in questions', () => {
  it('sums the energy meters of all booster stations into one total', async () => {
    const answer = await ask('total energy used by all booster stations last month', '2026-10-05T00:00:00Z');
    const [expected] = await gold(
      `SELECT sum(d) FROM (SELECT arg_max(s.value, s.ts) - arg_min(s.value, s.ts) AS d FROM ${signalPieces('2026-08-31 22:00:00+00', '2026-09-30 22:00:00+00')} AS s JOIN tags t ON t.tag_id = s.tag_id
         JOIN assets a ON a.asset_id = t.asset_id JOIN assets site ON site.asset_id = a.site
        WHERE site.name LIKE 'Booster station %' AND t.measurement = 'EnergyTotal' AND s.quality = 192
          AND s.ts >= TIMESTAMPTZ '2026-08-31 22:00:00+00' AND s.ts < TIMESTAMPTZ '2026-09-30 22:00:00+00' GROUP BY t.tag_path)`,
    );
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.rows).toHaveLength(1);
    expect(Number(answer.rows[0]?.[0])).toBeCloseTo(Number(expected?.[0]), 3);
    expect(answer.answer).toMatch(
      /^Total change of BPS01\/Header\/EnergyTotal \+ BPS02\/Header\/EnergyTotal \+ BPS03\/Header\/EnergyTotal, .*: [\d,.]+ kWh\.$/,
    );
  });

  it('reads "booster station 3" as site BPS03 (the word in its name, the number in its code)', async () => {
    const answer = await ask('max discharge pressure at booster station 3 yesterday', '2026-10-20T09:00:00Z');
    const [expected] = await gold(
      `SELECT max(s.value) FROM ${signalPieces('2026-10-18 22:00:00+00', '2026-10-19 22:00:00+00')} AS s JOIN tags t ON t.tag_id = s.tag_id WHERE t.tag_path = 'BPS03/Header/DischargePressure'
         AND s.quality = 192 AND s.ts >= TIMESTAMPTZ '2026-10-18 22:00:00+00' AND s.ts < TIMESTAMPTZ '2026-10-19 22:00:00+00'`,
    );
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.answer).toContain('BPS03/Header/DischargePressure');
    expect(Number(answer.rows[0]?.[0])).toBeCloseTo(Number(expected?.[0]), 9);
    const other = await ask('max discharge pressure at booster station 7 yesterday', '2026-10-20T09:00:00Z');
    expect(other.answeredBy).not.toBe('quick-planner');
  });

  it('answers "which pump ran the most" with the pump that ran the most (as "which tank had the highest" names one), all of them when ranked', async () => {
    const all = await ask('run hours of all pumps at BPS01 last week', '2026-10-15T08:30:00Z');
    const ranked = await ask('which pump at BPS01 ran the most last week', '2026-10-15T08:30:00Z');
    expect(ranked.answeredBy).toBe('quick-planner');
    const byHours = [...all.rows].sort((a, b) => Number(b[1]) - Number(a[1]));
    expect(ranked.rows).toEqual(byHours.slice(0, 1));
    expect(ranked.answer).toMatch(new RegExp(`^${String(byHours[0]?.[0])} ran the most, last week`));
    const list = await ask('rank the pumps at BPS01 by run hours last week', '2026-10-15T08:30:00Z');
    expect(list.rows).toEqual(byHours);
    const starts = await ask('which pump at BPS01 started most often last week', '2026-10-15T08:30:00Z');
    expect(starts.answer).toContain('started most often');
    expect(starts.rows.map((r) => Number(r[2]))).toEqual([...starts.rows.map((r) => Number(r[2]))].sort((a, b) => b - a));
  });

  it('gives each station its own total when asked for each', async () => {
    const answer = await ask('total energy used by each booster station last month', '2026-10-05T00:00:00Z');
    expect(answer.rows.map((r) => r[0])).toEqual(['BPS01/Header/EnergyTotal', 'BPS02/Header/EnergyTotal', 'BPS03/Header/EnergyTotal']);
  });

  it('answers "which reservoir was lowest" with the tank levels (kind synonym, storage level implied)', async () => {
    const answer = await ask('which reservoir was lowest yesterday', '2026-10-20T09:00:00Z');
    const [lowest] = await gold(`${tankLevels('2026-10-18 22:00:00+00', '2026-10-19 22:00:00+00')} GROUP BY 1 ORDER BY 2 LIMIT 1`);
    expect(answer.answeredBy).toBe('quick-planner');
    expect(answer.rows[0]?.[0]).toBe(lowest?.[0]);
    expect(Number(answer.rows[0]?.[1])).toBeCloseTo(Number(lowest?.[1]), 9);
    expect(answer.answer).toContain('(of 3 tags)');
  });

  it('compares every reservoir level, one row per tank', async () => {
    const answer = await ask('average level of each reservoir last week', '2026-10-15T08:30:00Z');
    const expected = await gold(`${tankLevels('2026-10-04 22:00:00+00', '2026-10-11 22:00:00+00')} GROUP BY 1 ORDER BY 1`);
    expect(answer.rows.map((r) => r[0])).toEqual(expected.map((r) => r[0]));
    answer.rows.forEach((row, i) => expect(Number(row[1])).toBeCloseTo(Number(expected[i]?.[2]), 9));
  });

  it('takes "all tanks" as the storage tanks, not the one tag whose measurement is called TankLevel', async () => {
    const answer = await ask('average level of all tanks yesterday', '2026-10-15T08:30:00Z');
    expect(answer.rows.map((r) => r[0])).toEqual(['T1/Tank/Level', 'T2/Tank/Level', 'T3/Tank/Level']);
  });

  it('filters by a site named in words and groups by the kind named ("all pumps at booster station Kirchberg")', async () => {
    const answer = await ask('run hours of all pumps at booster station Kirchberg last week', '2026-10-15T08:30:00Z');
    expect(answer.rows.map((r) => r[0])).toEqual(['BPS02/P01/Running', 'BPS02/P02/Running']);
  });

  it('asks back with the stations when one station is meant but not named', async () => {
    const answer = await ask('booster station flow yesterday', '2026-10-15T08:30:00Z');
    expect(answer.sql).toBeNull();
    expect(answer.candidates).toEqual(['BPS01/Header/Flow', 'BPS02/Header/Flow', 'BPS03/Header/Flow']);
  });

  it('does not rank pumps when stations were asked about', async () => {
    const answer = await ask('which booster station had the highest power yesterday', '2026-10-15T08:30:00Z');
    expect(answer.sql).toBeNull();
    expect(answer.answer).toMatch(/names sites, but site BPS01 has 2 matching tags/);
  });

  it('asks which measurement when a kind alone names tags of several measurements', async () => {
    const answer = await ask('which DMA was highest yesterday', '2026-10-15T08:30:00Z');
    expect(answer.sql).toBeNull();
    expect(answer.answer).toMatch(/which measurement do you mean/);
  });
});
