// Test fixture: a small historian DuckDB file (assets, tags, samples, alarm_events, shift_log, a secret table) and its mapping.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { historianMappingSchema, type HistorianMapping } from '../../../connectors/historian-mapping.ts';

/** The mapping of the fixture's tables, as a user would write it in otq.yaml. */
export const fixtureMapping: HistorianMapping = historianMappingSchema.parse({
  samples: { table: 'samples', time: 'ts', tag: 'tag_id', value: 'value', quality: 'quality' },
  tags: {
    table: 'tags',
    id: 'tag_id',
    name: 'tag_path',
    description: 'description',
    unit: 'unit',
    asset: 'asset_id',
    measurement: 'measurement',
    dataType: 'data_type',
    lowLimit: 'low_limit',
    highLimit: 'high_limit',
  },
});

/** A string only the `secrets` table holds; it must never come back through the connector's file functions. */
export const SECRET_MARKER = 'S3CRET-7c1f-not-for-the-model';

const SCHEMA = `
CREATE TABLE assets(asset_id VARCHAR PRIMARY KEY, parent_id VARCHAR, name VARCHAR, kind VARCHAR, site VARCHAR, description VARCHAR);
INSERT INTO assets VALUES ('WTP', NULL, 'Water treatment plant', 'site', 'WTP', 'Main plant'),
  ('BPS03', NULL, 'Booster station 3', 'site', 'BPS03', 'Hill zone'),
  ('BPS03/P02', 'BPS03', 'Pump 2', 'pump', 'BPS03', 'Duty pump');
CREATE TABLE tags(tag_id INTEGER PRIMARY KEY, tag_path VARCHAR, asset_id VARCHAR, measurement VARCHAR, description VARCHAR,
  unit VARCHAR, data_type VARCHAR, low_limit DOUBLE, high_limit DOUBLE);
COMMENT ON TABLE tags IS 'Tag catalog: one row per historian tag';
COMMENT ON COLUMN tags.tag_path IS 'Tag path, site/equipment/measurement';
INSERT INTO tags VALUES
  (1, 'BPS03/P02/DischargePressure', 'BPS03/P02', 'pressure', 'Discharge pressure, pump 2', 'bar', 'analog', 2.0, 7.5),
  (2, 'BPS03/P02/Flow', 'BPS03/P02', 'flow', 'Flow, pump 2', 'm3/h', 'analog', 0, 400),
  (3, 'WTP/CLW/Chlorine', 'WTP', 'chlorine', 'Free chlorine, clearwell', 'mg/L', 'analog', 0.2, 1.0),
  (4, 'WTP/FLT/Note', 'WTP', NULL, 'DROP TABLE tags', NULL, 'text', NULL, NULL);
CREATE TABLE samples(tag_id INTEGER, ts TIMESTAMPTZ, value DOUBLE, quality SMALLINT);
INSERT INTO samples SELECT 1 + (i % 3), TIMESTAMPTZ '2026-08-01 00:00:00+00' + to_minutes(i // 3), 3 + sin(i / 60.0), 192
  FROM range(0, 3 * 60 * 24 * 2) r(i);
CREATE TABLE alarm_events(event_id INTEGER, tag_id INTEGER, ts TIMESTAMPTZ, event_type VARCHAR, priority INTEGER, message VARCHAR);
INSERT INTO alarm_events VALUES (1, 1, TIMESTAMPTZ '2026-08-01 06:00:00+00', 'active', 2, 'Discharge pressure low');
CREATE TABLE shift_log(ts TIMESTAMPTZ, site VARCHAR, operator_name VARCHAR, note VARCHAR);
INSERT INTO shift_log VALUES (TIMESTAMPTZ '2026-08-01 06:00:00+00', 'BPS03', 'A. Operator', 'Checked P02 seal');
CREATE VIEW latest_values AS SELECT tag_id, max(ts) AS ts FROM samples GROUP BY tag_id;
COMMENT ON VIEW latest_values IS 'Newest sample time per tag';
CREATE TABLE secrets(s VARCHAR);
INSERT INTO secrets VALUES ('${SECRET_MARKER}');
`;

/** A temp dir holding `historian.duckdb`; `cleanup()` removes it. */
export interface HistorianFixture {
  dir: string;
  file: string;
  cleanup(): void;
}

/** Writes the fixture database into a fresh temp dir and closes it, so connectors open it READ_ONLY. */
export async function createHistorianFixture(): Promise<HistorianFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'otq-duckdb-'));
  const file = join(dir, 'historian.duckdb');
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    await connection.run(SCHEMA);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { dir, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
