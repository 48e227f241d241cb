// Builds a user's own historian export in a temp folder and a runtime over it, as a new user would configure otq.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { stringify } from 'yaml';
import { loadConfig } from '../../app/config/load-config.ts';
import { createRuntime, type AppRuntime } from '../../app/create-runtime.ts';

/** File formats a folder export can come in. */
export type ExportFormat = 'csv' | 'parquet' | 'jsonl';

/** A fresh temp directory for one test file. */
export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `otq-${prefix}-`));
}

/**
 * Runs SQL on a scratch in-memory DuckDB (the test's own tool for writing export files), then closes it.
 * `statements` run in order; use COPY ... TO to write files.
 */
export async function withScratchDuckDb(statements: readonly string[]): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const sql of statements) await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The COPY options that write `format`. */
export function copyOptions(format: ExportFormat): string {
  return format === 'parquet' ? '(FORMAT parquet)' : format === 'jsonl' ? '(FORMAT json)' : '(FORMAT csv, HEADER true)';
}

/** Writes otq.yaml (and, if given, a policy file beside it) into `dir` and returns the config path. */
export async function writeOwnConfig(dir: string, config: Record<string, unknown>, policy?: Record<string, unknown>): Promise<string> {
  const document = { audit: { dir: join(dir, 'audit') }, ...config };
  if (policy) {
    const policyPath = join(dir, 'site.policy.yaml');
    await writeFile(policyPath, stringify({ version: 1, ...policy }));
    Object.assign(document, { policies: { files: [policyPath] } });
  }
  const path = join(dir, 'otq.yaml');
  await writeFile(path, stringify(document));
  return path;
}

/** A runtime over a written config, without the sample data or a model (as `otq ask` builds it); `log` gets start-up lines. */
export async function openOwnRuntime(configPath: string, log?: (line: string) => void): Promise<AppRuntime> {
  return createRuntime(await loadConfig(configPath), {
    ensureSamples: false,
    loadModel: false,
    watchPolicies: false,
    ...(log ? { log } : {}),
  });
}

/** A policy granting every table of `source` to the default roles' tools. */
export function grantAll(source: string): Record<string, unknown> {
  const role = {
    tools: ['run_sql', 'search_catalog', 'describe_table', 'tag_history', 'tag_stats'],
    sources: { [source]: { tables: '*' } },
  };
  return { roles: { engineer: role, supervisor: role } };
}
