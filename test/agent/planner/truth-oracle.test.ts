// The planner's numbers against the generator's uncompressed signal (truth oracle), on DuckDB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../connectors/connector.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import { generateSamples } from '../../../data-samples/generate.ts';
import type { PlantDataset } from '../../../data-samples/simulate-plant.ts';
import {
  aggregateChecks,
  bucketChecks,
  counterChecks,
  instantAndLimitChecks,
  isRateTag,
  volumeChecks,
  runChecks,
  failed,
  ORACLE_DAYS,
  ORACLE_END,
  ORACLE_SEED,
  oracleDataset,
  oracleMapping,
  seededPairs,
} from '../../helpers/truth-oracle.ts';
import { bandChecks } from '../../helpers/truth-oracle-band.ts';

let dir: string;
let connector: Connector;
let dataset: PlantDataset;
const query = (sql: string) => connector.query(sql);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'otq-oracle-'));
  const report = await generateSamples({ dir, seed: ORACLE_SEED, days: ORACLE_DAYS, end: ORACLE_END });
  connector = await createDuckDbConnector('historian', { engine: 'duckdb', file: report.historianFile, historian: oracleMapping });
  dataset = oracleDataset();
}, 180_000);
afterAll(async () => {
  await connector?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('truth oracle on DuckDB', () => {
  it('time-weighted average, min and max of 40 seeded analog tag/window pairs are within the deadband of the true signal', async () => {
    const pairs = seededPairs(dataset, 40, 1, (t) => t.dataType === 'analog');
    const checks = await aggregateChecks(query, 'duckdb', dataset, pairs);
    expect(checks).toHaveLength(120);
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('hourly time-weighted buckets (average, min, max, values carried across bucket edges) of 40 seeded analog pairs are within the deadband of the true signal', async () => {
    const pairs = seededPairs(dataset, 40, 5, (t) => t.dataType === 'analog');
    const checks = await bucketChecks(query, 'duckdb', dataset, pairs);
    expect(checks.length).toBeGreaterThan(40 * 3);
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('counter changes of 40 seeded counter tag/window pairs are within two deadbands of what the true signal counted, with no reset seen', async () => {
    const pairs = seededPairs(dataset, 40, 7, (t) => t.dataType === 'counter');
    const checks = await counterChecks(query, 'duckdb', dataset, pairs);
    expect(checks).toHaveLength(80);
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('the value at an instant and the time above a limit of 40 seeded analog pairs agree with the true signal within the deadband', async () => {
    const pairs = seededPairs(dataset, 40, 9, (t) => t.dataType === 'analog');
    const checks = await instantAndLimitChecks(query, 'duckdb', dataset, pairs);
    expect(checks).toHaveLength(80);
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('run-hours and starts of 40 seeded status tag/window pairs equal the true signal (carried-in state included)', async () => {
    const pairs = seededPairs(dataset, 40, 3, (t) => t.dataType === 'status');
    const checks = await runChecks(query, 'duckdb', dataset, pairs);
    expect(checks).toHaveLength(80);
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('volumes (the integral of 40 seeded rate tag/window pairs, m3/h -> m3, L/h -> L, kW -> kWh) are within deadband x duration of the integral of the true signal', async () => {
    const pairs = seededPairs(dataset, 40, 11, isRateTag);
    expect(new Set(pairs.map((p) => p.tag.unit)).size).toBeGreaterThanOrEqual(2);
    const checks = await volumeChecks(query, 'duckdb', dataset, pairs);
    expect(checks).toHaveLength(40);
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('time inside and outside a band, the hours outside it per plant-local day and the longest stretch of 30 seeded analog pairs agree with the true signal', async () => {
    const pairs = seededPairs(dataset, 30, 13, (t) => t.dataType === 'analog');
    const checks = await bandChecks(query, 'duckdb', dataset, pairs);
    expect(checks.length).toBeGreaterThanOrEqual(30 * 4);
    expect(failed(checks)).toEqual([]);
  }, 180_000);
});
