// Results asked in another unit, amounts of rates, coverage of a window past the data end and the change since a point,
// against the generator's uncompressed signal (truth oracle), on DuckDB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../connectors/connector.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import { generateSamples } from '../../../data-samples/generate.ts';
import type { PlantDataset } from '../../../data-samples/simulate-plant.ts';
import { applyAskedUnit } from '../../../agent/planner/asked-unit.ts';
import { describeMethod } from '../../../agent/planner/answer-method.ts';
import { compilePlan } from '../../../agent/planner/compile-plan.ts';
import type { Plan } from '../../../agent/planner/plan.ts';
import { planSignal } from '../../../agent/planner/signal-model.ts';
import { rateUnit } from '../../../agent/planner/signal-units.ts';
import { unitOf } from '../../../agent/planner/unit-table.ts';
import {
  failed,
  isRateTag,
  ORACLE_DAYS,
  ORACLE_END,
  ORACLE_SEED,
  oracleDataset,
  oracleMapping,
  oraclePlan,
  planRow,
  seededPairs,
  truthStats,
  type OracleCheck,
} from '../../helpers/truth-oracle.ts';

let dir: string;
let connector: Connector;
let dataset: PlantDataset;
const query = (sql: string) => connector.query(sql);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'otq-units-'));
  const report = await generateSamples({ dir, seed: ORACLE_SEED, days: ORACLE_DAYS, end: ORACLE_END });
  connector = await createDuckDbConnector('historian', { engine: 'duckdb', file: report.historianFile, historian: oracleMapping });
  dataset = oracleDataset();
}, 180_000);
afterAll(async () => {
  await connector?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The plan in the asked unit; fails the test when the planner would decline it. */
function inUnit(plan: Plan, written: string): Plan {
  const def = unitOf(written);
  if (!def) throw new Error(`no unit ${written}`);
  const converted = applyAskedUnit(plan, { written, def });
  if (converted.kind !== 'plan') throw new Error(`${written}: ${JSON.stringify(converted)}`);
  return converted;
}

describe('results in an asked unit, against the true signal', () => {
  it('the time-weighted average of 20 seeded flow pairs in L/s is the true average in m3/h divided by 3.6', async () => {
    const pairs = seededPairs(dataset, 20, 21, (t) => t.dataType === 'analog' && t.unit === 'm3/h');
    const checks: OracleCheck[] = [];
    for (const pair of pairs) {
      const truth = truthStats(dataset.truth(pair.tag.tagPath), pair.fromMinute, pair.toMinute);
      const plan = inUnit(oraclePlan(pair, { kind: 'aggregate', fns: ['avg'] }), 'l/s');
      expect(plan.tags[0]?.unit).toBe('L/s');
      const row = await planRow(query, 'duckdb', plan);
      const tolerance = (pair.tag.deadband + 0.01 * (truth.max - truth.min)) / 3.6 + 1e-9;
      checks.push({
        what: `avg L/s ${pair.tag.tagPath} ${pair.from}..${pair.to}`,
        got: row.avg_value ?? null,
        truth: truth.avg / 3.6,
        tolerance,
      });
    }
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('the maximum of 20 seeded pressure pairs in psi is the true maximum in bar times 14.5038', async () => {
    const pairs = seededPairs(dataset, 20, 23, (t) => t.dataType === 'analog' && t.unit === 'bar');
    const checks: OracleCheck[] = [];
    for (const pair of pairs) {
      const truth = truthStats(dataset.truth(pair.tag.tagPath), pair.fromMinute, pair.toMinute);
      const row = await planRow(query, 'duckdb', inUnit(oraclePlan(pair, { kind: 'aggregate', fns: ['max'] }), 'psi'));
      const tolerance = (pair.tag.deadband + 3 * truth.maxStep) * 14.5038 + 1e-9;
      checks.push({ what: `max psi ${pair.tag.tagPath}`, got: row.max_value ?? null, truth: truth.max * 14.503773773, tolerance });
    }
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('a temperature in °F is offset as well as scaled (°C x 1.8 + 32)', async () => {
    const pairs = seededPairs(dataset, 10, 25, (t) => t.dataType === 'analog' && t.unit === '°C');
    const checks: OracleCheck[] = [];
    for (const pair of pairs) {
      const truth = truthStats(dataset.truth(pair.tag.tagPath), pair.fromMinute, pair.toMinute);
      const row = await planRow(query, 'duckdb', inUnit(oraclePlan(pair, { kind: 'aggregate', fns: ['avg'] }), 'fahrenheit'));
      const tolerance = (pair.tag.deadband + 0.01 * (truth.max - truth.min)) * 1.8 + 1e-9;
      checks.push({ what: `avg °F ${pair.tag.tagPath}`, got: row.avg_value ?? null, truth: truth.avg * 1.8 + 32, tolerance });
    }
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('an amount asked of a rate (m3 of L/h, ML of m3/h, MWh of kW) is the integral of the true signal in that unit', async () => {
    const asked: Record<string, { written: string; perHour: number }> = {
      'L/h': { written: 'm3', perHour: 0.001 },
      'm3/h': { written: 'megalitres', perHour: 0.001 },
      kW: { written: 'mwh', perHour: 0.001 },
    };
    const pairs = seededPairs(dataset, 24, 27, (t) => isRateTag(t) && asked[t.unit] !== undefined);
    const checks: OracleCheck[] = [];
    for (const pair of pairs) {
      const ask = asked[pair.tag.unit]!;
      const series = dataset.truth(pair.tag.tagPath);
      const truth = truthStats(series, pair.fromMinute, pair.toMinute);
      let integral = 0;
      for (let m = pair.fromMinute; m < pair.toMinute; m += 1) integral += (series[m]! / 60) * ask.perHour;
      const plan = inUnit(oraclePlan(pair, { kind: 'aggregate', fns: ['avg'] }), ask.written);
      expect(plan.operation).toEqual({ kind: 'aggregate', fns: ['integral'] });
      expect(rateUnit(plan.tags[0]?.unit)?.amount).toBe(unitOf(ask.written)?.unit);
      const row = await planRow(query, 'duckdb', plan);
      const hours = (pair.toMinute - pair.fromMinute) / 60;
      const leftOut = (1 - Math.min(1, row.coverage ?? 0)) * hours;
      const peak = Math.max(Math.abs(truth.min), Math.abs(truth.max));
      const tolerance = (pair.tag.deadband * hours + peak * leftOut) * ask.perHour + 1e-9;
      checks.push({
        what: `${ask.written} of ${pair.tag.tagPath} ${pair.from}..${pair.to}`,
        got: row.integral_value ?? null,
        truth: integral,
        tolerance,
      });
    }
    expect(failed(checks)).toEqual([]);
  }, 120_000);
});

describe('coverage and change, against the true signal', () => {
  it('a window running 6 h past the newest data is covered for its first half only, and its average is of that half', async () => {
    const end = ORACLE_END.getTime();
    const minutes = ORACLE_DAYS * 1440;
    const tags = seededPairs(dataset, 6, 29, (t) => t.dataType === 'analog' && t.tagPath.startsWith('T'));
    for (const { tag } of tags) {
      const from = new Date(end - 6 * 3_600_000).toISOString();
      const to = new Date(end + 6 * 3_600_000).toISOString();
      const plan = oraclePlan({ tag, fromMinute: minutes - 360, toMinute: minutes + 360, from, to }, { kind: 'aggregate', fns: ['avg'] });
      const result = await query(compilePlan(plan, oracleMapping, 'duckdb'));
      const method = describeMethod(plan, result, planSignal(oracleMapping, plan.tags));
      expect(method.coverage).toBeGreaterThan(0.49);
      expect(method.coverage).toBeLessThanOrEqual(0.5);
      expect(method.line).toMatch(/ over 12 h, 49\.\d % good coverage/);
      const truth = truthStats(dataset.truth(tag.tagPath), minutes - 360, minutes);
      const avg = Number(result.rows[0]?.[0]);
      expect(Math.abs(avg - truth.avg)).toBeLessThanOrEqual(tag.deadband + 0.01 * (truth.max - truth.min) + 1e-9);
    }
  }, 120_000);

  it('the change of 20 seeded analog pairs since their start is the true value at the end minus at the start', async () => {
    const pairs = seededPairs(dataset, 20, 31, (t) => t.dataType === 'analog');
    const checks: OracleCheck[] = [];
    for (const pair of pairs) {
      const series = dataset.truth(pair.tag.tagPath);
      const truth = truthStats(series, pair.fromMinute, pair.toMinute);
      const row = await planRow(query, 'duckdb', oraclePlan(pair, { kind: 'aggregate', fns: ['first', 'last', 'delta'] }));
      const slack = pair.tag.deadband + truth.maxStep + 1e-9;
      const what = `${pair.tag.tagPath} ${pair.from}..${pair.to}`;
      checks.push({ what: `first ${what}`, got: row.first_value ?? null, truth: series[pair.fromMinute]!, tolerance: slack });
      checks.push({ what: `last ${what}`, got: row.last_value ?? null, truth: series[pair.toMinute - 1]!, tolerance: slack });
      checks.push({
        what: `change ${what}`,
        got: row.delta_value ?? null,
        truth: series[pair.toMinute - 1]! - series[pair.fromMinute]!,
        tolerance: 2 * slack,
      });
    }
    expect(failed(checks)).toEqual([]);
  }, 120_000);
});
