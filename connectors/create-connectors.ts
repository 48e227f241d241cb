// Builds one connector per configured source; the only place that chooses an engine by config.
import type { Connector } from './connector.ts';
import { createDuckDbConnector } from './duckdb/duckdb-connector.ts';
import { createPostgresConnector } from './postgres/postgres-connector.ts';
import type { SourceConfig } from './source-config.ts';

/** Opens every source; on failure closes the ones already open and rethrows. */
export async function createConnectors(
  sources: Record<string, SourceConfig>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Map<string, Connector>> {
  const connectors = new Map<string, Connector>();
  try {
    for (const [name, source] of Object.entries(sources)) {
      connectors.set(
        name,
        source.engine === 'postgres' ? await createPostgresConnector(name, source, env) : await createDuckDbConnector(name, source),
      );
    }
  } catch (error) {
    await Promise.allSettled([...connectors.values()].map((c) => c.close()));
    throw error;
  }
  return connectors;
}
