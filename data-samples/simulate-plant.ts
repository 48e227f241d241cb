// Entry point of the simulator: a pure, deterministic function from (seed, days, end) to the whole sample dataset.
import { buildAlarmJournal } from './alarm-journal.ts';
import type { DatasetInfoRow, PlantDataset, SampleBatch } from './dataset-types.ts';
import { createWeather } from './demand-model.ts';
import { compressTag, type StoredSeries } from './historian-compress.ts';
import { planIncidents } from './incidents.ts';
import { buildCatalog } from './plant-catalog.ts';
import { runProcess } from './process-sim.ts';
import { BATCH_ROWS, pumpTelemetry } from './pump-telemetry.ts';
import { buildShiftLog } from './shift-log.ts';
import { GENERATOR_VERSION } from './dataset-manifest.ts';

export type * from './dataset-types.ts';

const MIN_MS = 60_000;
const DAY_MS = 86_400_000;
/** Days of 10 s telemetry at the end of the window. */
export const TELEMETRY_DAYS = 14;
/** Bumped whenever the simulation changes what it produces (defined beside the manifest, which start-up reads without this file). */
export { GENERATOR_VERSION };

/** Parameters of a dataset: same parameters, same data. */
export interface SimulateOptions {
  seed: number;
  /** Length of the window in days (1..366). */
  days: number;
  /** Exclusive end of the window; must be midnight UTC. */
  end: Date;
}

/** Checks the options and returns the window start (epoch ms); throws on nonsense so callers get a clear message. */
export function windowStart(options: SimulateOptions): number {
  const endMs = options.end.getTime();
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff)
    throw new RangeError(`seed must be an integer 0..4294967295, got ${options.seed}`);
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > 366)
    throw new RangeError(`days must be an integer 1..366, got ${options.days}`);
  if (!Number.isFinite(endMs) || endMs % DAY_MS !== 0)
    throw new RangeError(`end must be midnight UTC (e.g. 2026-11-01T00:00:00Z), got ${String(options.end)}`);
  return endMs - options.days * DAY_MS;
}

/** Simulates the plant; every table comes out identical for identical options. */
export function simulatePlant(options: SimulateOptions): PlantDataset {
  const startMs = windowStart(options);
  const endMs = options.end.getTime();
  const { seed, days } = options;
  const minutes = days * 1440;
  const catalog = buildCatalog();
  const incidents = planIncidents(startMs, endMs);
  const store = runProcess(catalog, seed, startMs, minutes, incidents);
  const scratch = { minute: new Int32Array(minutes), value: new Float64Array(minutes), quality: new Int16Array(minutes) };
  const stored: StoredSeries[] = [];
  const transitions = catalog.tags.map((tag) => {
    const result = compressTag(tag, store.window(tag.tagPath), startMs, incidents, seed, scratch);
    stored.push(result.stored);
    return result.transitions;
  });
  const alarmEvents = buildAlarmJournal(catalog.tags, transitions, startMs, endMs, seed);
  const weather = createWeather(seed, startMs - 2 * DAY_MS, days + 3);
  const shiftLog = buildShiftLog(
    store,
    startMs,
    days,
    incidents,
    weather.rainStarts.filter((t) => t >= startMs && t < endMs - DAY_MS),
  );
  const telemetryStartMs = Math.max(startMs, endMs - TELEMETRY_DAYS * DAY_MS);
  const sampleCount = stored.reduce((n, s) => n + s.minute.length, 0);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const datasetInfo: DatasetInfoRow[] = [
    { key: 'generator_version', value: String(GENERATOR_VERSION) },
    { key: 'seed', value: String(seed) },
    { key: 'days', value: String(days) },
    { key: 'start', value: iso(startMs) },
    { key: 'end', value: iso(endMs) },
    { key: 'timezone', value: 'Europe/Berlin' },
    { key: 'base_rate', value: '1 minute (deadband compression, 15 min heartbeat for analog and counter, 60 min for status)' },
    { key: 'telemetry_start', value: iso(telemetryStartMs) },
    { key: 'sample_rows', value: String(sampleCount) },
  ];
  for (const [name, value] of Object.entries(incidents)) {
    if (value === null) continue;
    for (const [field, v] of Object.entries(value as Record<string, number>)) {
      if (field.endsWith('Ms')) datasetInfo.push({ key: `incident.${name}.${field.slice(0, -2)}`, value: iso(v) });
    }
  }
  const tags = catalog.tags.map(({ tagId, tagPath, assetId, measurement, description, unit, dataType, lowLimit, highLimit }) => ({
    tagId,
    tagPath,
    assetId,
    measurement,
    description,
    unit,
    dataType,
    lowLimit,
    highLimit,
  }));
  return {
    seed,
    days,
    start: new Date(startMs),
    end: new Date(endMs),
    telemetryStart: new Date(telemetryStartMs),
    assets: catalog.assets,
    tags,
    alarmEvents,
    shiftLog,
    datasetInfo,
    samples: () =>
      sampleBatches(
        catalog.tags.map((t) => t.tagId),
        stored,
        startMs,
      ),
    telemetry: () => pumpTelemetry(store, seed, startMs, telemetryStartMs, endMs),
    truth: (tagPath) => store.window(tagPath),
  };
}

function* sampleBatches(tagIds: readonly number[], stored: readonly StoredSeries[], startMs: number): Generator<SampleBatch> {
  const fresh = (): SampleBatch => ({
    tagId: new Int32Array(BATCH_ROWS),
    tsMs: new Float64Array(BATCH_ROWS),
    value: new Float64Array(BATCH_ROWS),
    quality: new Int16Array(BATCH_ROWS),
    length: 0,
  });
  let batch = fresh();
  for (let t = 0; t < stored.length; t += 1) {
    const s = stored[t]!;
    const id = tagIds[t]!;
    for (let j = 0; j < s.minute.length; j += 1) {
      const i = batch.length;
      batch.tagId[i] = id;
      batch.tsMs[i] = startMs + s.minute[j]! * MIN_MS;
      batch.value[i] = s.value[j]!;
      batch.quality[i] = s.quality[j]!;
      batch.length += 1;
      if (batch.length === BATCH_ROWS) {
        yield batch;
        batch = fresh();
      }
    }
  }
  if (batch.length > 0) yield batch;
}
