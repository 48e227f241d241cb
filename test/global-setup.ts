// Vitest global setup: makes sure the reference sample dataset exists before any test runs (cached via dataset.json).
import { ensureSamples } from '../data-samples/generate.ts';
import { testDatasetDays, testDatasetEnd, testDatasetSeed, testSamplesDir } from './helpers/sample-data.ts';

/** Generates .otq/test-samples/ when missing or stale; a cache hit costs a file read. */
export default async function setup(): Promise<void> {
  const report = await ensureSamples({ dir: testSamplesDir, seed: testDatasetSeed, days: testDatasetDays, end: testDatasetEnd });
  if (report.generated) {
    process.stderr.write(
      `[global-setup] generated sample dataset in ${testSamplesDir} (${Math.round(report.durationMs)} ms, ${report.rows?.samples ?? 0} samples)\n`,
    );
  }
}
