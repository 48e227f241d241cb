// Test fixture for the guard: a small multi-site historian in a real DuckDB file, and the same tables as a PostgreSQL-dialect source.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Connector, SourceDescription } from '../../connectors/connector.ts';
import { createDuckDbConnector } from '../../connectors/duckdb/duckdb-connector.ts';
import { historianMappingSchema } from '../../connectors/historian-mapping.ts';
import { defaultConfigDocument } from '../../app/config/default-config.ts';

/** The embedded default's historian mapping: the fixture uses the same table and column names. */
// The fixture's small journal has no condition column: the sample config's mapping without it.
const { condition: _condition, ...alarms } = defaultConfigDocument.sources.historian.historian.alarms;
export const mapping = historianMappingSchema.parse({ ...defaultConfigDocument.sources.historian.historian, alarms });

const SCHEMA = `
CREATE TABLE assets(asset_id VARCHAR, parent_id VARCHAR, name VARCHAR, kind VARCHAR, site VARCHAR, description VARCHAR);
INSERT INTO assets VALUES ('BPS01', NULL, 'Booster station 1', 'site', 'BPS01', 'Low zone'),
  ('BPS01/P01', 'BPS01', 'Pump 1', 'pump', 'BPS01', 'Duty pump'),
  ('BPS03', NULL, 'Booster station 3', 'site', 'BPS03', 'Hill zone'),
  ('BPS03/P02', 'BPS03', 'Pump 2', 'pump', 'BPS03', 'Duty pump'),
  ('WTP01', NULL, 'Water treatment plant', 'site', 'WTP01', 'Main plant');
CREATE TABLE tags(tag_id INTEGER, tag_path VARCHAR, description VARCHAR, unit VARCHAR, asset_id VARCHAR, measurement VARCHAR,
  data_type VARCHAR, low_limit DOUBLE, high_limit DOUBLE);
INSERT INTO tags VALUES
  (1, 'BPS03/P02/DischargePressure', 'Discharge pressure, pump 2', 'bar', 'BPS03/P02', 'pressure', 'analog', 2.0, 7.5),
  (2, 'BPS03/P02/Flow', 'Flow, pump 2', 'm3/h', 'BPS03/P02', 'flow', 'analog', 0, 400),
  (3, 'BPS01/P01/Flow', 'Flow, pump 1', 'm3/h', 'BPS01/P01', 'flow', 'analog', 0, 300),
  (4, 'WTP01/CLW/Chlorine', 'Free chlorine, clearwell', 'mg/L', 'WTP01', 'chlorine', 'analog', 0.2, 1.0);
CREATE TABLE samples(ts TIMESTAMPTZ, tag_id INTEGER, value DOUBLE, quality INTEGER);
INSERT INTO samples SELECT TIMESTAMPTZ '2026-10-01 00:00:00+00' + to_minutes(i // 4), 1 + (i % 4), i % 97, 192 FROM range(0, 4 * 60 * 24 * 3) r(i);
CREATE TABLE alarm_events(event_id INTEGER, ts TIMESTAMPTZ, tag_id INTEGER, event_type VARCHAR, priority INTEGER, message VARCHAR);
INSERT INTO alarm_events VALUES (1, TIMESTAMPTZ '2026-10-01 06:00:00+00', 1, 'active', 2, 'BPS03 discharge pressure low'),
  (2, TIMESTAMPTZ '2026-10-01 07:00:00+00', 3, 'active', 1, 'BPS01 flow high'), (3, TIMESTAMPTZ '2026-10-01 08:00:00+00', 4, 'active', 1, 'WTP01 chlorine low');
CREATE TABLE shift_log(ts TIMESTAMPTZ, site VARCHAR, shift VARCHAR, operator_name VARCHAR, note VARCHAR);
INSERT INTO shift_log VALUES (TIMESTAMPTZ '2026-10-01 06:00:00+00', 'BPS03', 'early', 'A. Operator', 'Checked P02 seal');
`;

export interface GuardFixture {
  file: string;
  connector: Connector;
  duckdb: SourceDescription;
  /** The same tables as a PostgreSQL source (schema public); parsed only, no server. */
  postgres: SourceDescription;
  close(): Promise<void>;
}

/** Writes the fixture file (plus `extraSql`, run after the schema), opens it READ_ONLY through the real DuckDB connector, and describes it. */
export async function createGuardFixture(extraSql = ''): Promise<GuardFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'otq-guard-'));
  const file = join(dir, 'historian.duckdb');
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    await connection.run(SCHEMA + extraSql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const connector = await createDuckDbConnector('historian', { engine: 'duckdb', file, historian: mapping });
  const described = await connector.describe();
  const duckdb: SourceDescription = { ...described, historian: mapping };
  const postgres: SourceDescription = {
    name: 'historian',
    dialect: 'postgres',
    historian: mapping,
    tables: duckdb.tables.map((t) => ({
      ...t,
      schema: 'public',
      columns: t.columns.map((c) => ({ ...c, type: c.type === 'TIMESTAMP WITH TIME ZONE' ? 'timestamptz' : c.type })),
    })),
  };
  return {
    file,
    connector,
    duckdb,
    postgres,
    async close() {
      await connector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
