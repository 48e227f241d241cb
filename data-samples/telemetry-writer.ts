// Writes the 10 s pump drive telemetry as one Parquet file per UTC day into a folder.
import { BOOLEAN, DOUBLE, DuckDBInstance, VARCHAR } from '@duckdb/node-api';
import { join } from 'node:path';
import type { PlantDataset } from './dataset-types.ts';
import { appendColumns } from './duckdb-chunks.ts';
import { sqlString } from './table-schemas.ts';

const DAY_MS = 86_400_000;

/** Writes `<folder>/<YYYY-MM-DD>.parquet` files (folder must exist); returns rows and file names. */
export async function writeTelemetry(folder: string, dataset: PlantDataset): Promise<{ rows: number; files: string[] }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(
      'CREATE TABLE stage (ts_s DOUBLE, pump VARCHAR, speed_rpm DOUBLE, motor_current_a DOUBLE, power_kw DOUBLE, vibration_mm_s DOUBLE, running BOOLEAN)',
    );
    const appender = await conn.createAppender('stage');
    let rows = 0;
    for (const b of dataset.telemetry()) {
      const seconds = new Float64Array(b.length);
      const running = new Array<boolean>(b.length);
      for (let i = 0; i < b.length; i += 1) {
        seconds[i] = (b.tsMs[i] ?? 0) / 1000;
        running[i] = b.running[i] === 1;
      }
      appendColumns(
        appender,
        [DOUBLE, VARCHAR, DOUBLE, DOUBLE, DOUBLE, DOUBLE, BOOLEAN],
        [seconds, b.pump, b.speedRpm, b.motorCurrentA, b.powerKw, b.vibrationMmS, running],
        b.length,
      );
      rows += b.length;
    }
    appender.flushSync();
    appender.closeSync();
    const files: string[] = [];
    for (let day = dataset.telemetryStart.getTime(); day < dataset.end.getTime(); day += DAY_MS) {
      const name = `${new Date(day).toISOString().slice(0, 10)}.parquet`;
      await conn.run(
        `COPY (SELECT to_timestamp(ts_s) AS ts, pump, speed_rpm, motor_current_a, power_kw, vibration_mm_s, running FROM stage
          WHERE ts_s >= ${day / 1000} AND ts_s < ${(day + DAY_MS) / 1000} ORDER BY ts_s, pump)
         TO ${sqlString(join(folder, name))} (FORMAT parquet, COMPRESSION zstd)`,
      );
      files.push(name);
    }
    return { rows, files };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
