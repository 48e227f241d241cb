// Writes the historian tables of a simulated dataset into a new DuckDB file, with table and column comments.
import { DOUBLE, DuckDBInstance, INTEGER, SMALLINT, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { PlantDataset } from './dataset-types.ts';
import { appendColumns } from './duckdb-chunks.ts';
import { HISTORIAN_TABLES, sqlString, tableDdl } from './table-schemas.ts';

/** Row counts per table, as written. */
export interface HistorianCounts {
  assets: number;
  tags: number;
  samples: number;
  alarmEvents: number;
  shiftLog: number;
  datasetInfo: number;
}

async function stageAndInsert(
  conn: DuckDBConnection,
  table: string,
  stageDdl: string,
  select: string,
  fill: (append: (types: Parameters<typeof appendColumns>[1], cols: Parameters<typeof appendColumns>[2], rows: number) => void) => void,
): Promise<void> {
  await conn.run(`CREATE TABLE memory.main.${table}_stage (${stageDdl})`);
  const appender = await conn.createAppender(`${table}_stage`, 'main', 'memory');
  fill((types, cols, rows) => appendColumns(appender, types, cols, rows));
  appender.flushSync();
  appender.closeSync();
  await conn.run(`INSERT INTO h.main.${table} ${select.replace('$stage', `memory.main.${table}_stage`)}`);
  await conn.run(`DROP TABLE memory.main.${table}_stage`);
}

/** Creates `file` (must not exist) and fills it; timestamps go through DOUBLE epoch seconds, exact for whole seconds. */
export async function writeHistorian(file: string, dataset: PlantDataset): Promise<HistorianCounts> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH ${sqlString(file)} AS h`);
    await conn.run('USE h');
    for (const table of HISTORIAN_TABLES) {
      for (const statement of tableDdl(table)) await conn.run(statement);
    }
    const a = dataset.assets;
    await stageAndInsert(
      conn,
      'assets',
      'asset_id VARCHAR, parent_id VARCHAR, name VARCHAR, kind VARCHAR, site VARCHAR, description VARCHAR',
      'SELECT * FROM $stage',
      (append) =>
        append(
          [VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR],
          [
            a.map((r) => r.assetId),
            a.map((r) => r.parentId),
            a.map((r) => r.name),
            a.map((r) => r.kind),
            a.map((r) => r.site),
            a.map((r) => r.description),
          ],
          a.length,
        ),
    );
    const t = dataset.tags;
    await stageAndInsert(
      conn,
      'tags',
      'tag_id INTEGER, tag_path VARCHAR, asset_id VARCHAR, measurement VARCHAR, description VARCHAR, unit VARCHAR, data_type VARCHAR, low_limit DOUBLE, high_limit DOUBLE',
      'SELECT * FROM $stage ORDER BY tag_id',
      (append) =>
        append(
          [INTEGER, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, DOUBLE, DOUBLE],
          [
            t.map((r) => r.tagId),
            t.map((r) => r.tagPath),
            t.map((r) => r.assetId),
            t.map((r) => r.measurement),
            t.map((r) => r.description),
            t.map((r) => r.unit),
            t.map((r) => r.dataType),
            t.map((r) => r.lowLimit),
            t.map((r) => r.highLimit),
          ],
          t.length,
        ),
    );
    let samples = 0;
    await stageAndInsert(
      conn,
      'samples',
      'tag_id INTEGER, ts_s DOUBLE, value DOUBLE, quality SMALLINT',
      'SELECT tag_id, to_timestamp(ts_s), value, quality FROM $stage',
      (append) => {
        for (const batch of dataset.samples()) {
          const seconds = new Float64Array(batch.length);
          for (let i = 0; i < batch.length; i += 1) seconds[i] = (batch.tsMs[i] ?? 0) / 1000;
          append([INTEGER, DOUBLE, DOUBLE, SMALLINT], [batch.tagId, seconds, batch.value, batch.quality], batch.length);
          samples += batch.length;
        }
      },
    );
    const e = dataset.alarmEvents;
    await stageAndInsert(
      conn,
      'alarm_events',
      'event_id INTEGER, tag_id INTEGER, ts_s DOUBLE, event_type VARCHAR, priority SMALLINT, condition VARCHAR, message VARCHAR',
      'SELECT event_id, tag_id, to_timestamp(ts_s), event_type, priority, condition, message FROM $stage ORDER BY event_id',
      (append) =>
        append(
          [INTEGER, INTEGER, DOUBLE, VARCHAR, SMALLINT, VARCHAR, VARCHAR],
          [
            e.map((r) => r.eventId),
            e.map((r) => r.tagId),
            e.map((r) => r.tsMs / 1000),
            e.map((r) => r.eventType),
            e.map((r) => r.priority),
            e.map((r) => r.condition),
            e.map((r) => r.message),
          ],
          e.length,
        ),
    );
    const s = dataset.shiftLog;
    await stageAndInsert(
      conn,
      'shift_log',
      'ts_s DOUBLE, site VARCHAR, operator_name VARCHAR, note VARCHAR',
      'SELECT to_timestamp(ts_s), site, operator_name, note FROM $stage ORDER BY ts_s, site',
      (append) =>
        append(
          [DOUBLE, VARCHAR, VARCHAR, VARCHAR],
          [s.map((r) => r.tsMs / 1000), s.map((r) => r.site), s.map((r) => r.operatorName), s.map((r) => r.note)],
          s.length,
        ),
    );
    const d = dataset.datasetInfo;
    await stageAndInsert(conn, 'dataset_info', 'key VARCHAR, value VARCHAR', 'SELECT * FROM $stage', (append) =>
      append([VARCHAR, VARCHAR], [d.map((r) => r.key), d.map((r) => r.value)], d.length),
    );
    await conn.run('USE memory');
    await conn.run('DETACH h');
    return { assets: a.length, tags: t.length, samples, alarmEvents: e.length, shiftLog: s.length, datasetInfo: d.length };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
