// A second, differently shaped historian (wide-to-long readings: sensors L_T1, F_PU2, S_PU2; naive UTC timestamps, text ids).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** The mapping of the readings plant: nothing in it shares a name with the sample historian. */
export const readingsMapping = {
  samples: { table: 'readings', time: 't', tag: 'sensor', value: 'v' },
  tags: { table: 'sensors', id: 'sensor', name: 'sensor', description: 'label', unit: 'eu', dataType: 'kind' },
};

/** The same plant with its equipment list mapped too: integer ids, kinds, and sites that are equipment rows themselves. */
export const readingsMappingWithAssets = {
  ...readingsMapping,
  tags: { ...readingsMapping.tags, asset: 'equip' },
  assets: { table: 'equipment', id: 'eid', name: 'title', kind: 'category', site: 'works' },
};

/** Seven days of 15-minute readings from 2014-01-01T00:00Z (exclusive end 2014-01-08T00:00Z). */
export const readingsEnd = new Date('2014-01-08T00:00:00Z');

// L_T1 is 0.5 m from 02:00 to 04:00 UTC each day (else 2 m); S_PU2 runs 06:00-10:00 and 18:00-20:00 (6 h, 2 starts a day);
// F_PU2 equals the hour of day (daily mean 11.5 l/s); F_PU7 = 10 l/s, F_PU8 = 20 l/s; L_T2 = 3 m.
const SQL = `
CREATE TABLE sensors(sensor VARCHAR PRIMARY KEY, label VARCHAR, eu VARCHAR, kind VARCHAR, equip SMALLINT);
INSERT INTO sensors VALUES
  ('L_T1', 'Tank 1 level', 'm', 'analog', 11), ('L_T2', 'Tank 2 level', 'm', 'analog', 12),
  ('F_PU2', 'Pump PU2 flow', 'l/s', 'analog', 22), ('S_PU2', 'Pump PU2 status', NULL, 'status', 22),
  ('F_PU7', 'Pump PU7 flow', 'l/s', 'analog', 27), ('F_PU8', 'Pump PU8 flow', 'l/s', 'analog', 28);
CREATE TABLE equipment(eid SMALLINT, title VARCHAR, category VARCHAR, works SMALLINT);
INSERT INTO equipment VALUES (1, 'North works', 'site', 1), (2, 'South works', 'site', 2),
  (11, 'Hilltop basin', 'reservoir', 1), (12, 'Valley basin', 'reservoir', 2),
  (22, 'Lift pump', 'pump', 1), (27, 'Transfer pump A', 'pump', 2), (28, 'Transfer pump B', 'pump', 2);
CREATE TABLE wide(t TIMESTAMP, L_T1 DOUBLE, L_T2 DOUBLE, F_PU2 DOUBLE, S_PU2 DOUBLE, F_PU7 DOUBLE, F_PU8 DOUBLE);
INSERT INTO wide SELECT ts,
  CASE WHEN hour(ts) >= 2 AND hour(ts) < 4 THEN 0.5 ELSE 2 END, 3, hour(ts),
  CASE WHEN (hour(ts) >= 6 AND hour(ts) < 10) OR (hour(ts) >= 18 AND hour(ts) < 20) THEN 1 ELSE 0 END, 10, 20
  FROM (SELECT TIMESTAMP '2014-01-01 00:00:00' + to_minutes(15 * i) AS ts FROM range(0, 7 * 96) r(i));
CREATE TABLE readings AS UNPIVOT wide ON L_T1, L_T2, F_PU2, S_PU2, F_PU7, F_PU8 INTO NAME sensor VALUE v;
DROP TABLE wide;
`;

/** Writes the DuckDB file and a policy granting the engineer role the `plant` source; returns their paths. */
export async function createReadingsPlant(): Promise<{ file: string; policyFile: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'otq-readings-'));
  const file = join(dir, 'plant.duckdb');
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run(SQL);
  connection.closeSync();
  instance.closeSync();
  const policyFile = join(dir, 'plant.policy.yaml');
  writeFileSync(
    policyFile,
    [
      'version: 1',
      'roles:',
      '  engineer:',
      '    tools: [run_sql]',
      '    maxRows: 10000',
      '    sources:',
      '      plant:',
      '        tables: "*"',
      '',
    ].join('\n'),
  );
  return { file, policyFile, dir };
}
