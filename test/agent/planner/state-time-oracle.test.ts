// Availability and downtime (state-time.ts) against the generator's uncompressed running status (truth oracle), on DuckDB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../connectors/connector.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import { generateSamples } from '../../../data-samples/generate.ts';
import type { PlantDataset } from '../../../data-samples/simulate-plant.ts';
import {
  failed,
  ORACLE_DAYS,
  ORACLE_END,
  ORACLE_SEED,
  oracleDataset,
  oracleMapping,
  oraclePlan,
  planRow,
  seededPairs,
  truthRuns,
  type OracleCheck,
} from '../../helpers/truth-oracle.ts';

let dir: string;
let connector: Connector;
let dataset: PlantDataset;
const query = (sql: string) => connector.query(sql);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'otq-state-oracle-'));
  const report = await generateSamples({ dir, seed: ORACLE_SEED, days: ORACLE_DAYS, end: ORACLE_END });
  connector = await createDuckDbConnector('historian', { engine: 'duckdb', file: report.historianFile, historian: oracleMapping });
  dataset = oracleDataset();
}, 180_000);
afterAll(async () => {
  await connector?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('availability and downtime against the true running status', () => {
  it('of 30 seeded status tag/window pairs: share running, share stopped and hours stopped equal the true signal, nothing unknown', async () => {
    const checks: OracleCheck[] = [];
    for (const pair of seededPairs(dataset, 30, 11, (t) => t.dataType === 'status')) {
      const minutes = pair.toMinute - pair.fromMinute;
      const ran = truthRuns(dataset.truth(pair.tag.tagPath), pair.fromMinute, pair.toMinute).hours;
      const stopped = minutes / 60 - ran;
      const what = (m: string): string => `${m} ${pair.tag.tagPath} ${pair.from}..${pair.to}`;
      const avail = await planRow(query, 'duckdb', oraclePlan(pair, { kind: 'run-hours', report: 'availability' }));
      checks.push({ what: what('available_pct'), got: avail.available_pct ?? null, truth: (100 * ran * 60) / minutes, tolerance: 1e-6 });
      checks.push({ what: what('stopped_pct'), got: avail.stopped_pct ?? null, truth: (100 * stopped * 60) / minutes, tolerance: 1e-6 });
      checks.push({ what: what('unknown_pct'), got: avail.unknown_pct ?? null, truth: 0, tolerance: 1e-6 });
      const down = await planRow(query, 'duckdb', oraclePlan(pair, { kind: 'run-hours', report: 'downtime' }));
      checks.push({ what: what('down_hours'), got: down.down_hours ?? null, truth: stopped, tolerance: 1e-6 });
      checks.push({ what: what('unknown_hours'), got: down.unknown_hours ?? null, truth: 0, tolerance: 1e-6 });
    }
    expect(checks).toHaveLength(150);
    expect(failed(checks)).toEqual([]);
  }, 120_000);

  it('time after the data ends is unknown, neither up nor down: the three shares still make the whole window', async () => {
    const minutes = Math.round((dataset.end.getTime() - dataset.start.getTime()) / 60_000);
    const [tag] = seededPairs(dataset, 1, 13, (t) => t.dataType === 'status').map((p) => p.tag);
    const fromMinute = minutes - 18 * 60;
    const pair = {
      tag: tag!,
      fromMinute,
      toMinute: minutes + 6 * 60,
      from: new Date(dataset.start.getTime() + fromMinute * 60_000).toISOString(),
      to: new Date(dataset.end.getTime() + 6 * 3_600_000).toISOString(),
    };
    const ran = truthRuns(dataset.truth(tag!.tagPath), fromMinute, minutes).hours;
    const row = await planRow(query, 'duckdb', oraclePlan(pair, { kind: 'run-hours', report: 'availability' }));
    expect(row.available_pct).toBeCloseTo((100 * ran) / 24, 0);
    expect(row.unknown_pct).toBeGreaterThanOrEqual(25);
    expect(row.unknown_pct).toBeLessThan(25 + 100 / (24 * 60) + 1e-9);
    expect((row.available_pct ?? 0) + (row.stopped_pct ?? 0) + (row.unknown_pct ?? 0)).toBeCloseTo(100, 9);
  }, 60_000);
});
