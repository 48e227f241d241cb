// The DuckDB connector over the reference sample dataset: the historian file and the telemetry Parquet folder as the default config opens them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDocument } from '../../../app/config/default-config.ts';
import type { Connector } from '../../../connectors/connector.ts';
import { createDuckDbConnector } from '../../../connectors/duckdb/duckdb-connector.ts';
import { historianMappingSchema } from '../../../connectors/historian-mapping.ts';
import { ConnectorError } from '../../../core/errors.ts';
import { testHistorianFile, testTelemetryDir } from '../../helpers/sample-data.ts';

const mapping = historianMappingSchema.parse(defaultConfigDocument.sources.historian.historian);
let historian: Connector;
let telemetry: Connector;

beforeAll(async () => {
  historian = await createDuckDbConnector('historian', { engine: 'duckdb', file: testHistorianFile, historian: mapping });
  telemetry = await createDuckDbConnector('telemetry', { engine: 'duckdb', folder: testTelemetryDir });
});

afterAll(async () => {
  await historian?.close();
  await telemetry?.close();
});

describe('DuckDB connector on the sample historian', () => {
  it('describes the sample tables with their comments and the tag catalog', async () => {
    const description = await historian.describe();
    const names = description.tables.map((table) => table.name);
    expect(names).toEqual(expect.arrayContaining(['assets', 'tags', 'samples', 'alarm_events', 'shift_log']));
    const samples = description.tables.find((table) => table.name === 'samples');
    expect(samples?.comment).toMatch(/quality 192/);
    expect(samples?.columns.map((column) => `${column.name} ${column.type}`)).toEqual([
      'tag_id INTEGER',
      'ts TIMESTAMP WITH TIME ZONE',
      'value DOUBLE',
      'quality SMALLINT',
    ]);
    expect(description.tags?.length).toBeGreaterThanOrEqual(150);
    const pressure = description.tags?.find((tag) => tag.name === 'BPS03/P02/DischargePressure');
    expect(pressure).toMatchObject({ unit: 'bar', asset: 'BPS03/P02', dataType: 'analog' });
  });

  it('returns the 90-day window as ISO-8601 UTC instants', async () => {
    const result = await historian.query('SELECT min(ts), max(ts), count(DISTINCT quality) FROM samples');
    const [first, last, qualities] = result.rows[0] ?? [];
    expect(first).toBe('2026-08-03T00:00:00.000Z');
    expect(String(last) < '2026-11-01T00:00:00.000Z').toBe(true);
    expect(String(last) > '2026-10-31T00:00:00.000Z').toBe(true);
    expect(qualities).toBe(3);
  });

  it('caps a full scan of the samples table at the row cap', async () => {
    const result = await historian.query('SELECT * FROM samples');
    expect(result).toMatchObject({ truncated: true, truncatedBy: 'rows' });
    expect(result.rows).toHaveLength(10_000);
  });

  it('denies reading the historian file itself', async () => {
    const error = await historian.query(`SELECT content FROM read_blob('${testHistorianFile}')`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('QUERY_REJECTED');
  });
});

describe('DuckDB connector on the sample telemetry folder', () => {
  it('exposes the pump_drive Parquet folder as one view', async () => {
    const description = await telemetry.describe();
    expect(description.tables.map((table) => table.name)).toEqual(['pump_drive']);
    expect(description.tables[0]?.columns.map((column) => column.name)).toEqual(
      expect.arrayContaining(['ts', 'pump', 'speed_rpm', 'motor_current_a', 'power_kw', 'vibration_mm_s', 'running']),
    );
  });

  it('answers a 10-second telemetry aggregate per pump', async () => {
    const result = await telemetry.query(
      "SELECT pump, count(*) AS n, bool_or(running) AS ran FROM pump_drive WHERE pump LIKE 'BPS03/%' GROUP BY pump ORDER BY pump",
    );
    expect(result.rows.length).toBeGreaterThanOrEqual(2);
    for (const [pump, count, ran] of result.rows) {
      expect(String(pump)).toMatch(/^BPS03\/P\d\d$/);
      expect(count).toBeGreaterThanOrEqual(7 * 8640 - 8640);
      expect(typeof ran).toBe('boolean');
    }
  });
});
