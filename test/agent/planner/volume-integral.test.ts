// "How much / volume / total" of a rate (issue 14): the unit table, the integral on planner answers (method, conversion,
// refusal of a level), and a group total whose tags integrate from different rate units. Real DuckDB over the reference data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../agent/answer.ts';
import type { Connector } from '../../../connectors/connector.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import { compilePlan } from '../../../agent/planner/compile-plan.ts';
import type { Operation, Plan, PlanTag } from '../../../agent/planner/plan.ts';
import { conversionText, rateUnit } from '../../../agent/planner/signal-units.ts';
import { compileTagStats } from '../../../agent/planner/tag-tools.ts';
import { makeWindow } from '../../../agent/planner/time-window.ts';
import { createTestRuntime, type TestRuntime } from '../../helpers/test-runtime.ts';
import { testHistorianFile } from '../../helpers/sample-data.ts';
import { oracleMapping } from '../../helpers/truth-oracle.ts';

describe('the unit table of rates', () => {
  it.each([
    ['m3/h', 'm3', 'volume', '1 m3/h for 1 h = 1 m3'],
    ['m³/h', 'm3', 'volume', '1 m3/h for 1 h = 1 m3'],
    ['m3 per h', 'm3', 'volume', '1 m3/h for 1 h = 1 m3'],
    ['L/s', 'm3', 'volume', '1 L/s for 1 h = 3.6 m3'],
    ['l/s', 'm3', 'volume', '1 L/s for 1 h = 3.6 m3'],
    ['L/h', 'L', 'volume', '1 L/h for 1 h = 1 L'],
    ['ML/d', 'ML', 'volume', '1 ML/d for 1 h = 0.041666667 ML'],
    ['kW', 'kWh', 'energy', '1 kW for 1 h = 1 kWh'],
    ['MW', 'MWh', 'energy', '1 MW for 1 h = 1 MWh'],
  ])('%s integrates to %s (%s): %s', (unit, amount, quantity, text) => {
    const rate = rateUnit(unit);
    expect(rate).toMatchObject({ amount, quantity });
    expect(conversionText(rate!)).toBe(text);
  });

  it.each(['m', 'bar', '%', 'm3', 'kWh', 'mg/L', 'NTU', 'mW', 'mL/d', '', undefined])('"%s" is no rate: it has no integral', (unit) => {
    expect(rateUnit(unit)).toBeNull();
  });
});

let rt: TestRuntime;
let connector: Connector;
const now = new Date('2026-10-15T08:00:00Z');

async function ask(question: string): Promise<Answer> {
  const principal = rt.runtime.principalFor('engineer');
  if (!principal) throw new Error('no user engineer');
  return rt.runtime.ask({ principal, question, channel: 'cli', requestId: `volume-${question}`, now });
}

beforeAll(async () => {
  rt = await createTestRuntime();
  connector = await createDuckDbConnector('historian', { engine: 'duckdb', file: testHistorianFile, historian: oracleMapping });
});
afterAll(async () => {
  await rt.runtime.close();
  await connector?.close();
});

describe('volumes of rates on planner answers', () => {
  it('"total inflow to T3 yesterday" integrates the m3/h flow to m3: the time-weighted average times the hours covered', async () => {
    const volume = await ask('total inflow to T3 yesterday');
    const average = await ask('average inlet flow of tank T3 yesterday');
    expect(volume.answeredBy).toBe('quick-planner');
    expect(volume.method?.aggregation).toMatch(/^integral of the time-weighted signal/);
    expect(volume.method?.conversion).toBe('1 m3/h for 1 h = 1 m3');
    expect(volume.method?.line).toMatch(
      /^integral .* \(step, default for analog\) over 24 h, 1 m3\/h for 1 h = 1 m3, \d+(\.\d)? % good coverage/,
    );
    expect(volume.answer).toMatch(
      /^T3\/Tank\/InletFlow \(Tank T3 inlet flow\), yesterday .*: volume [\d,]+(\.\d+)? m3 \(integrated over the 2\d h( \d+ min)? with good data, 99\.9 % of the window\)\./,
    );
    const coverage = Number(average.rows[0]?.[average.columns.findIndex((c) => c.name === 'coverage')]);
    expect(Number(volume.rows[0]?.[0])).toBeCloseTo(Number(average.rows[0]?.[0]) * 24 * coverage, 6);
  });

  it('a level has no total: the refusal says it is not a rate', async () => {
    const answer = await ask('total T1 level yesterday');
    expect(answer.sql).toBeNull();
    expect(answer.answer).toMatch(
      /T1\/Tank\/Level \(in m\) is not a rate over time such as m3\/h, L\/s or kW, so it has no total over a period/,
    );
  });

  it('the total of a group adds the tags’ integrals, each converted from its own rate unit', async () => {
    const window = makeWindow(new Date('2026-10-13T22:00:00Z'), new Date('2026-10-14T22:00:00Z'), 'Europe/Berlin', 'yesterday');
    const t3: PlanTag = { id: 1171, name: 'T3/Tank/InletFlow', unit: 'm3/h', dataType: 'analog' };
    const t2: PlanTag = { id: 1163, name: 'T2/Tank/InletFlow', unit: 'm3/h', dataType: 'analog' };
    const tags = (await connector.query(`SELECT tag_id, tag_path FROM tags WHERE tag_path IN ('T2/Tank/InletFlow', 'T3/Tank/InletFlow')`))
      .rows;
    for (const [id, path] of tags) (path === t3.name ? t3 : t2).id = Number(id);
    const plan = (planTags: PlanTag[], operation: Operation): Plan => ({
      kind: 'plan',
      source: 'historian',
      tags: planTags,
      window,
      operation,
      understood: 'test',
    });
    const value = async (p: Plan): Promise<number> => Number((await connector.query(compilePlan(p, oracleMapping, 'duckdb'))).rows[0]?.[0]);
    const m3T3 = await value(plan([t3], { kind: 'aggregate', fns: ['integral'] }));
    const m3T2 = await value(plan([t2], { kind: 'aggregate', fns: ['integral'] }));
    // The same T2 signal read as L/s: 1 L/s for 1 h is 3.6 m3, so its integral is 3.6 times the m3/h reading's.
    const asLitres = { ...t2, unit: 'L/s' };
    expect(await value(plan([asLitres], { kind: 'aggregate', fns: ['integral'] }))).toBeCloseTo(3.6 * m3T2, 6);
    expect(await value(plan([t3, asLitres], { kind: 'total', fn: 'integral' }))).toBeCloseTo(m3T3 + 3.6 * m3T2, 6);
    expect(m3T3).toBeGreaterThan(1000);
  });

  it('tag_stats of a rate also gives its integral; of a pressure it refuses one, saying why', async () => {
    const source = await connector.describe();
    const window = { from: '2026-10-13T22:00:00Z', to: '2026-10-14T22:00:00Z', timezone: 'Europe/Berlin' };
    const stats = await connector.query(compileTagStats(source, { tag: 'T3/Tank/InletFlow', ...window }).sql);
    const names = stats.columns.map((c) => c.name);
    const row = stats.rows[0]!;
    const cell = (name: string): number => Number(row[names.indexOf(name)]);
    expect(names).toContain('integral_value');
    expect(cell('integral_value')).toBeCloseTo(cell('avg_value') * 24 * cell('coverage'), 6);
    const pressure = compileTagStats(source, { tag: 'BPS03/Header/DischargePressure', ...window });
    expect((await connector.query(pressure.sql)).columns.map((c) => c.name)).not.toContain('integral_value');
    expect(() => compileTagStats(source, { tag: 'BPS03/Header/DischargePressure', ...window, fns: ['integral'] })).toThrow(
      /BPS03\/Header\/DischargePressure \(in bar\) is not a rate over time such as m3\/h, L\/s or kW, so it has no integral/,
    );
  });

  it('the change of a rate is its value at the end minus at the start: no counter reset is read into its drops', async () => {
    const answer = await ask('how much did the T3 inflow change yesterday');
    expect(answer.method?.aggregation).toBe('change over the window (the value in force at its end minus at its start)');
    expect(answer.answer).not.toMatch(/reset/);
    const window = makeWindow(new Date('2026-10-13T22:00:00Z'), new Date('2026-10-14T22:00:00Z'), 'Europe/Berlin', 'yesterday');
    const id = Number((await connector.query(`SELECT tag_id FROM tags WHERE tag_path = 'T3/Tank/InletFlow'`)).rows[0]?.[0]);
    const plan: Plan = {
      kind: 'plan',
      source: 'historian',
      tags: [{ id, name: 'T3/Tank/InletFlow', unit: 'm3/h', dataType: 'analog' }],
      window,
      operation: { kind: 'aggregate', fns: ['first', 'last', 'delta'] },
      understood: 'test',
    };
    const result = await connector.query(compilePlan(plan, oracleMapping, 'duckdb'));
    const cell = (name: string): number => Number(result.rows[0]?.[result.columns.findIndex((c) => c.name === name)]);
    expect(cell('delta_value')).toBeCloseTo(cell('last_value') - cell('first_value'), 9);
    expect(cell('resets')).toBe(0);
    expect(Number(answer.rows[0]?.[0])).toBeCloseTo(cell('delta_value'), 9);
  });

  it('the day with the most inflow and the change against the day before compare volumes, not stored readings', async () => {
    const daily = await ask('daily total inflow to T3 last week');
    const volumes = daily.rows.map((r) => Number(r[daily.columns.findIndex((c) => c.name === 'integral_value')]));
    expect(volumes).toHaveLength(7);
    const most = await ask('which day last week had the highest total inflow to T3');
    expect(most.answer).toMatch(/^The day with the highest volume of .*: [\d,]+(\.\d+)? m3\.$/);
    expect(Number(most.rows[0]?.[most.columns.findIndex((c) => c.name === 'integral_value')])).toBeCloseTo(Math.max(...volumes), 6);
    const change = await ask('total inflow to T3 yesterday vs the day before');
    expect(change.method?.aggregation).toMatch(/^integral of the time-weighted signal/);
    expect(change.answer).toMatch(/[\d,.]+ m3 against [\d,.]+ m3 the day before/);
    const level = await ask('which day last week had the highest total T1 level');
    expect(level.sql).toBeNull();
    expect(level.answer).toMatch(/T1\/Tank\/Level \(in m\) is not a rate over time/);
  });
});
