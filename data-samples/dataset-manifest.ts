// The sample dataset's manifest (dataset.json) and whether cached files can be reused: no simulation code, so start-up reads it cheaply.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Bumped whenever the simulation changes what it produces, so cached datasets are regenerated. */
export const GENERATOR_VERSION = 5;

/** Contents of `<dir>/dataset.json`: the parameters that decide whether a cached dataset can be reused. */
export interface DatasetManifest {
  seed: number;
  days: number;
  /** ISO-8601 UTC. */
  start: string;
  end: string;
  generatedAt: string;
  version: number;
}

/** Where a dataset's files live inside its folder. */
export function datasetPaths(dir: string): { historian: string; telemetry: string; manifest: string } {
  return { historian: join(dir, 'historian.duckdb'), telemetry: join(dir, 'telemetry'), manifest: join(dir, 'dataset.json') };
}

/** Reads `<dir>/dataset.json`, or null when missing or unreadable. */
export async function readManifest(dir: string): Promise<DatasetManifest | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(datasetPaths(dir).manifest, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const m = parsed as Partial<DatasetManifest>;
    if (
      typeof m.seed !== 'number' ||
      typeof m.days !== 'number' ||
      typeof m.end !== 'string' ||
      typeof m.start !== 'string' ||
      typeof m.version !== 'number'
    )
      return null;
    return { seed: m.seed, days: m.days, start: m.start, end: m.end, generatedAt: String(m.generatedAt ?? ''), version: m.version };
  } catch {
    return null;
  }
}

/** The manifest when the folder holds a complete dataset of exactly these parameters and this generator version, else null. */
export async function currentManifest(options: { dir: string; seed: number; days: number; end: Date }): Promise<DatasetManifest | null> {
  const manifest = await readManifest(options.dir);
  const paths = datasetPaths(options.dir);
  const fresh =
    manifest !== null &&
    manifest.seed === options.seed &&
    manifest.days === options.days &&
    manifest.end === options.end.toISOString() &&
    manifest.version === GENERATOR_VERSION &&
    existsSync(paths.historian) &&
    existsSync(join(paths.telemetry, 'pump_drive'));
  return fresh ? manifest : null;
}
