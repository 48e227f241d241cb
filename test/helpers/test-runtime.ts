// A real runtime over the reference sample data, with its own config file and audit directory, for channel tests.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../app/config/load-config.ts';
import { defaultConfigDocument } from '../../app/config/default-config.ts';
import { createRuntime, type RuntimeOptions } from '../../app/create-runtime.ts';
import type { Runtime } from '../../ui/runtime.ts';
import { testHistorianFile, testTelemetryDir } from './sample-data.ts';

export interface TestRuntime {
  runtime: Runtime;
  /** Temp directory holding otq.yaml and the audit log. */
  dir: string;
  auditDir: string;
}

/** Builds the embedded default's shape over the test dataset, plus `extra` top-level keys (bots, reports, egress, users...). */
export async function createTestRuntime(extra: Record<string, unknown> = {}, options: RuntimeOptions = {}): Promise<TestRuntime> {
  const dir = await mkdtemp(join(tmpdir(), 'otq-rt-'));
  const { samples: _samples, ...base } = defaultConfigDocument;
  const config = {
    ...base,
    sources: {
      historian: { ...defaultConfigDocument.sources.historian, file: testHistorianFile },
      telemetry: { ...defaultConfigDocument.sources.telemetry, folder: testTelemetryDir },
    },
    audit: { dir: join(dir, 'audit') },
    ...extra,
    users: { ...defaultConfigDocument.users, ...((extra['users'] as object | undefined) ?? {}) },
  };
  const path = join(dir, 'otq.yaml');
  await writeFile(path, stringify(config));
  const runtime = await createRuntime(await loadConfig(path), { ensureSamples: false, loadModel: false, ...options });
  return { runtime, dir, auditDir: join(dir, 'audit') };
}
