// THE reference dataset in PostgreSQL, loaded once per dataset and kept: a schema of the database `test` named after
// the hash of the dataset's parameters and generator version, so repeated runs reuse it and a new generator gets a
// new schema. Loading (about 5 million samples) takes a minute or two; an advisory lock makes concurrent runs wait
// for one load instead of racing.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { GENERATOR_VERSION } from '../../data-samples/dataset-manifest.ts';
import { loadSamplesToPostgres } from '../../data-samples/pg-samples.ts';
import { pgCommand } from '../../app/commands/pg-command.ts';
import type { PostgresSourceConfig } from '../../connectors/source-config.ts';
import { PG_HOST } from '../connectors/postgres/pg-fixture.ts';
import { testDatasetDays, testDatasetEnd, testDatasetSeed } from './sample-data.ts';

const database = 'test';
const url = `postgres://postgres@${PG_HOST}/${database}`;
/** The reader's password (the server trusts local connections; the connector still wants one from the environment). */
const password = 'otq-reference-reader';

/** `otq_ref_<12 hex>`: sha256 of seed, days, end and generator version. */
export function referenceSchema(): string {
  const key = JSON.stringify({
    seed: testDatasetSeed,
    days: testDatasetDays,
    end: testDatasetEnd.toISOString(),
    version: GENERATOR_VERSION,
  });
  return `otq_ref_${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

export interface ReferencePg {
  schema: string;
  /** Whether this call loaded it (false: it was there from an earlier run). */
  loaded: boolean;
  /** Source config for the connector: the schema's reader role. */
  source: PostgresSourceConfig;
  env: NodeJS.ProcessEnv;
}

/** Loads the reference dataset into its schema unless a complete copy is there (the load is one transaction). */
export async function ensureReferencePg(): Promise<ReferencePg> {
  const schema = referenceSchema();
  const client = new pg.Client({ connectionString: url, application_name: 'otq:test-reference' });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (cause) {
    throw new Error(`PostgreSQL is not reachable on ${PG_HOST} (database ${database}, user postgres); this integration test needs it`, {
      cause,
    });
  }
  let loaded = false;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [schema]);
    const exists = await client.query('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [schema]);
    if (!exists.rowCount) {
      await loadSamplesToPostgres({ url, schema, seed: testDatasetSeed, days: testDatasetDays, end: testDatasetEnd });
      loaded = true;
    }
    // A reader role whose search_path is the schema (the planner's SQL names tables without a schema), as otq pg grant makes it.
    const role = await client.query('SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1', [`${schema}_reader`]);
    if (!role.rowCount) {
      const out: string[] = [];
      const code = await pgCommand(
        ['grant', '--role', `${schema}_reader`, '--schema', schema, '--password-env', 'OTQ_TEST_REFERENCE_PG_PASSWORD', '--apply', url],
        { out: (t) => out.push(t), err: (t) => out.push(t) },
        { OTQ_TEST_REFERENCE_PG_PASSWORD: password },
      );
      if (code !== 0) throw new Error(`otq pg grant for ${schema} failed: ${out.join('\n')}`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [schema]).catch(() => {});
    await client.end().catch(() => {});
  }
  return {
    schema,
    loaded,
    source: {
      engine: 'postgres',
      url: `postgres://${schema}_reader@${PG_HOST}/${database}`,
      passwordEnv: 'OTQ_TEST_REFERENCE_PG_PASSWORD',
      schemas: [schema],
      timeoutMs: 30_000,
    },
    env: { OTQ_TEST_REFERENCE_PG_PASSWORD: password },
  };
}
