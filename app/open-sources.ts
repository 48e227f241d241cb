// Opens the configured sources once: connectors, their descriptions and the SQL parsers the guard judges with (start-up and `otq policy check` share it).
import type { Connector, SourceDescription } from '../connectors/connector.ts';
import type { SqlParser } from '../connectors/sql-parser.ts';
import type { OtqConfig } from './config/config-schema.ts';
import { markPhase } from '../core/phase-timing.ts';

export interface OpenSources {
  readonly connectors: Map<string, Connector>;
  readonly descriptions: SourceDescription[];
  /** DuckDB's parser always (the guard judges folder sources too); PostgreSQL's only when a source needs it. */
  readonly parsers: { duckdb: SqlParser; postgres?: SqlParser };
  close(): Promise<void>;
}

export interface OpenSourcesOptions {
  /** Where inferred tag types are cached between starts (`<state dir>/cache`); none: inferred each time. */
  cacheDir?: string;
  /** Start-up lines (tag types not inferred, and why). */
  log?: (line: string) => void;
  /** Leave tags untyped unless mapped (`otq policy check` needs no types). */
  skipTagTypes?: boolean;
}

/** Opens and describes every source, typing each tag (mapped, inferred, or configured); on failure closes what was opened and rethrows. */
export async function openSources(
  sources: OtqConfig['sources'],
  env?: NodeJS.ProcessEnv,
  options: OpenSourcesOptions = {},
): Promise<OpenSources> {
  const { createConnectors } = await import('../connectors/create-connectors.ts');
  const connectors = await createConnectors(sources, env);
  markPhase('connectors created (DuckDB open)');
  const closers: (() => Promise<void>)[] = [async () => void (await Promise.allSettled([...connectors.values()].map((c) => c.close())))];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => {});
  };
  try {
    const descriptions = await Promise.all([...connectors.values()].map((c) => c.describe()));
    markPhase('catalog described');
    const { applyTagTypes } = await import('../connectors/apply-tag-types.ts');
    for (const description of options.skipTagTypes ? [] : descriptions) {
      const source = sources[description.name];
      const connector = connectors.get(description.name);
      if (!source || !connector) continue;
      const location = 'file' in source ? source.file : 'folder' in source ? source.folder : source.url;
      await applyTagTypes(connector, description, {
        location,
        ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
        ...(options.log ? { log: options.log } : {}),
      });
    }
    markPhase('tag types applied (cache)');
    const { createDuckDbSqlParser } = await import('../connectors/duckdb/duckdb-sql-parser.ts');
    const duckdb = await createDuckDbSqlParser();
    closers.push(() => duckdb.close());
    markPhase('DuckDB SQL parser created');
    let postgres: SqlParser | undefined;
    if (descriptions.some((d) => d.dialect === 'postgres')) {
      const { createPgSqlParser } = await import('../connectors/postgres/pg-sql-parser.ts');
      postgres = await createPgSqlParser();
    }
    return { connectors, descriptions, parsers: { duckdb, ...(postgres ? { postgres } : {}) }, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Generates the embedded default's sample data when it is missing (first start), keeping an existing dataset of the same seed and length. */
export async function prepareSamples(samples: OtqConfig['samples'], log: (line: string) => void): Promise<void> {
  if (!samples) return;
  const { currentManifest, readManifest } = await import('../data-samples/dataset-manifest.ts');
  const { dir, seed, days } = samples;
  const existing = await readManifest(dir);
  // Keep an existing dataset of the same seed and length (its window ends where it was generated); a new day is no reason to regenerate.
  const end = existing && existing.seed === seed && existing.days === days ? new Date(existing.end) : undefined;
  if (end && (await currentManifest({ dir, seed, days, end }))) return;
  const { ensureSamples } = await import('../data-samples/generate.ts');
  if (!end) log(`otq: generating ${days} days of sample plant data into ${dir} (first start only, about a minute)...`);
  const report = await ensureSamples({ dir, seed, days, ...(end ? { end } : {}) });
  if (report.generated) log(`otq: sample data ready (${Math.round(report.durationMs / 1000)} s)`);
}
