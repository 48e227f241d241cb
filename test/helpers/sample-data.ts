// Where the reference test dataset lives (made once by test/global-setup.ts and cached across runs).
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Parameters of THE reference test dataset: tests may rely on exact values derived from them. */
export const testDatasetSeed = 42;
export const testDatasetDays = 90;
/** Exclusive end of the reference window (start = end - 90 days = 2026-08-03T00:00:00Z). */
export const testDatasetEnd = new Date('2026-11-01T00:00:00Z');

/** Folder holding historian.duckdb, telemetry/ and dataset.json (git-ignored). */
export const testSamplesDir = join(repoRoot, '.otq', 'test-samples');
/** The historian DuckDB file (tables assets, tags, samples, alarm_events, shift_log, dataset_info). */
export const testHistorianFile = join(testSamplesDir, 'historian.duckdb');
/** The telemetry folder: sub-folder pump_drive/ holds one Parquet file per day. */
export const testTelemetryDir = join(testSamplesDir, 'telemetry');
