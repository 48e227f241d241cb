// The planner's numbers against the generator's uncompressed signal (truth oracle), on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../connectors/connector.ts';
import { createPostgresConnector } from '../../../connectors/postgres/postgres-connector.ts';
import type { PlantDataset } from '../../../data-samples/simulate-plant.ts';
import { createPgFixture, FIXTURE_END, FIXTURE_SEED, type PgFixture } from '../../connectors/postgres/pg-fixture.ts';
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

let fixture: PgFixture;
let connector: Connector;
let dataset: PlantDataset;
const query = (sql: string) => connector.query(sql);

beforeAll(async () => {
  fixture = await createPgFixture(ORACLE_DAYS);
  connector = await createPostgresConnector('historian', { ...fixture.source, historian: oracleMapping }, fixture.env);
  dataset = oracleDataset();
}, 180_000);
afterAll(async () => {
  await connector?.close();
  await fixture?.drop();
});

describe('truth oracle on PostgreSQL', () => {
  it('loads the dataset the oracle simulates', () => {
    expect([FIXTURE_SEED, FIXTURE_END.toISOString()]).toEqual([ORACLE_SEED, ORACLE_END.toISOString()]);
  });

  it('time-weighted average, min and max of 40 seeded analog tag/window pairs are within the deadband of the true signal', async () => {
    const pairs = seededPairs(dataset, 40, 2, (t) => t.dataType === 'analog');
    const checks = await aggregateChecks(query, 'postgres', dataset, pairs);
    expect(checks).toHaveLength(120);
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('hourly time-weighted buckets (average, min, max, values carried across bucket edges) of 40 seeded analog pairs are within the deadband of the true signal', async () => {
    const pairs = seededPairs(dataset, 40, 5, (t) => t.dataType === 'analog');
    const checks = await bucketChecks(query, 'postgres', dataset, pairs);
    expect(checks.length).toBeGreaterThan(40 * 3);
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('counter changes of 40 seeded counter tag/window pairs are within two deadbands of what the true signal counted, with no reset seen', async () => {
    const pairs = seededPairs(dataset, 40, 7, (t) => t.dataType === 'counter');
    const checks = await counterChecks(query, 'postgres', dataset, pairs);
    expect(checks).toHaveLength(80);
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('the value at an instant and the time above a limit of 40 seeded analog pairs agree with the true signal within the deadband', async () => {
    const pairs = seededPairs(dataset, 40, 9, (t) => t.dataType === 'analog');
    const checks = await instantAndLimitChecks(query, 'postgres', dataset, pairs);
    expect(checks).toHaveLength(80);
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('run-hours and starts of 40 seeded status tag/window pairs equal the true signal (carried-in state included)', async () => {
    const pairs = seededPairs(dataset, 40, 4, (t) => t.dataType === 'status');
    const checks = await runChecks(query, 'postgres', dataset, pairs);
    expect(checks).toHaveLength(80);
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('volumes (the integral of 40 seeded rate tag/window pairs, m3/h -> m3, L/h -> L, kW -> kWh) are within deadband x duration of the integral of the true signal', async () => {
    const pairs = seededPairs(dataset, 40, 12, isRateTag);
    expect(new Set(pairs.map((p) => p.tag.unit)).size).toBeGreaterThanOrEqual(2);
    const checks = await volumeChecks(query, 'postgres', dataset, pairs);
    expect(checks).toHaveLength(40);
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('time inside and outside a band, the hours outside it per plant-local day and the longest stretch of 30 seeded analog pairs agree with the true signal', async () => {
    const pairs = seededPairs(dataset, 30, 14, (t) => t.dataType === 'analog');
    const checks = await bandChecks(query, 'postgres', dataset, pairs);
    expect(checks.length).toBeGreaterThanOrEqual(30 * 4);
    expect(failed(checks)).toEqual([]);
  }, 180_000);
});
