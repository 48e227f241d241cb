// Writes the sample dataset to disk (DuckDB historian, Parquet telemetry, dataset.json), atomically, and caches it.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withDirLock } from './dir-lock.ts';
import { writeHistorian, type HistorianCounts } from './historian-writer.ts';
import { simulatePlant } from './simulate-plant.ts';
import { GENERATOR_VERSION, currentManifest, datasetPaths, type DatasetManifest } from './dataset-manifest.ts';

export { readManifest, type DatasetManifest } from './dataset-manifest.ts';
import { writeTelemetry } from './telemetry-writer.ts';

const DAY_MS = 86_400_000;
/** Defaults of `otq samples` and of the embedded configuration. */
/** Default output folder, the one the embedded configuration reads (`data-samples/generated`). */
export const DEFAULT_SAMPLES_DIR = fileURLToPath(new URL('./generated/', import.meta.url));
export const DEFAULT_SEED = 42;
export const DEFAULT_DAYS = 90;

/** Where and what to generate; end defaults to midnight UTC of the current day. */
export interface GenerateOptions {
  dir: string;
  seed?: number;
  days?: number;
  end?: Date;
}

/** What a generation (or a cache hit) produced. */
export interface GenerateReport {
  dir: string;
  historianFile: string;
  telemetryDir: string;
  manifest: DatasetManifest;
  /** false when ensureSamples found matching files and did nothing. */
  generated: boolean;
  /** Row counts; null on a cache hit. */
  rows: (HistorianCounts & { telemetry: number }) | null;
  /** Wall time in milliseconds (simulate + write). */
  durationMs: number;
}

/** Midnight UTC of the current day. */
export function todayMidnightUtc(now: Date = new Date()): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
}

function resolve(options: GenerateOptions): { dir: string; seed: number; days: number; end: Date } {
  return {
    dir: options.dir,
    seed: options.seed ?? DEFAULT_SEED,
    days: options.days ?? DEFAULT_DAYS,
    end: options.end ?? todayMidnightUtc(),
  };
}

/** Simulates and writes the dataset, replacing existing files only once the new ones are complete. */
export async function generateSamples(options: GenerateOptions): Promise<GenerateReport> {
  await mkdir(options.dir, { recursive: true });
  return withDirLock(options.dir, () => generateUnlocked(options));
}

async function generateUnlocked(options: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  const { dir, seed, days, end } = resolve(options);
  const dataset = simulatePlant({ seed, days, end });
  const p = datasetPaths(dir);
  const tag = `tmp-${process.pid}-${Date.now()}`;
  const tmpHistorian = `${p.historian}.${tag}`;
  const tmpTelemetry = `${p.telemetry}.${tag}`;
  try {
    const counts = await writeHistorian(tmpHistorian, dataset);
    await mkdir(join(tmpTelemetry, 'pump_drive'), { recursive: true });
    const telemetry = await writeTelemetry(join(tmpTelemetry, 'pump_drive'), dataset);
    const manifest: DatasetManifest = {
      seed,
      days,
      start: dataset.start.toISOString(),
      end: end.toISOString(),
      generatedAt: new Date().toISOString(),
      version: GENERATOR_VERSION,
    };
    // The manifest goes first so that a crash between renames leaves it pointing at parameters whose files are incomplete:
    // it is removed here and rewritten last.
    await rm(p.manifest, { force: true });
    await rename(tmpHistorian, p.historian);
    await rm(`${p.historian}.wal`, { force: true });
    const old = `${p.telemetry}.old-${tag}`;
    if (existsSync(p.telemetry)) await rename(p.telemetry, old);
    await rename(tmpTelemetry, p.telemetry);
    await rm(old, { recursive: true, force: true });
    await writeFile(`${p.manifest}.${tag}`, `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(`${p.manifest}.${tag}`, p.manifest);
    return {
      dir,
      historianFile: p.historian,
      telemetryDir: p.telemetry,
      manifest,
      generated: true,
      rows: { ...counts, telemetry: telemetry.rows },
      durationMs: performance.now() - started,
    };
  } finally {
    await rm(tmpHistorian, { force: true });
    await rm(`${tmpHistorian}.wal`, { force: true });
    await rm(tmpTelemetry, { recursive: true, force: true });
  }
}

/** Generates only when the files are missing or were made with other parameters (or an older generator). */
export async function ensureSamples(options: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  const { dir, seed, days, end } = resolve(options);
  const p = datasetPaths(dir);
  const cached = async (): Promise<GenerateReport | null> => {
    const manifest = await currentManifest({ dir, seed, days, end });
    return manifest
      ? {
          dir,
          historianFile: p.historian,
          telemetryDir: p.telemetry,
          manifest,
          generated: false,
          rows: null,
          durationMs: performance.now() - started,
        }
      : null;
  };
  const hit = await cached();
  if (hit) return hit;
  await mkdir(dir, { recursive: true });
  // Another process may be generating the same folder: wait for it, then look again before generating.
  return withDirLock(dir, async () => (await cached()) ?? generateUnlocked({ dir, seed, days, end }));
}
