// Builds one connector per configured source; the only place that chooses an engine by config.
import type { Connector } from './connector.ts';
import type { SourceConfig } from './source-config.ts';

/** Opens every source; on failure closes the ones already open and rethrows. */
export async function createConnectors(
  sources: Record<string, SourceConfig>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Map<string, Connector>> {
  const connectors = new Map<string, Connector>();
  try {
    for (const [name, source] of Object.entries(sources)) {
      // Each engine's library is loaded only when a source uses it (pg alone costs ~80 ms of a CLI call).
      if (source.engine === 'postgres') {
        const { createPostgresConnector } = await import('./postgres/postgres-connector.ts');
        connectors.set(name, await createPostgresConnector(name, source, env));
      } else {
        const { createDuckDbConnector } = await import('./duckdb/duckdb-connector.ts');
        connectors.set(name, await createDuckDbConnector(name, source));
      }
    }
  } catch (error) {
    await Promise.allSettled([...connectors.values()].map((c) => c.close()));
    throw error;
  }
  return connectors;
}
