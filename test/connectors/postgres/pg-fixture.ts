// A throw-away PostgreSQL database for integration tests: sample plant loaded, reader role made by `otq pg grant --apply`.
import pg from 'pg';
import { pgCommand } from '../../../app/commands/pg-command.ts';
import { loadSamplesToPostgres } from '../../../data-samples/pg-samples.ts';
import type { PostgresSourceConfig } from '../../../connectors/source-config.ts';

export const PG_HOST = '127.0.0.1:5432';
const adminUrlFor = (db: string): string => `postgres://postgres@${PG_HOST}/${db}`;
/** Fixed window so both engines get identical data. */
export const FIXTURE_END = new Date('2026-11-01T00:00:00Z');
export const FIXTURE_SEED = 42;

export interface PgFixture {
  database: string;
  role: string;
  password: string;
  adminUrl: string;
  /** Source config of the reader role (password through passwordEnv). */
  source: PostgresSourceConfig;
  env: NodeJS.ProcessEnv;
  /** Rows of the sample tables at load time, to prove nothing changed. */
  counts: () => Promise<Record<string, number>>;
  drop: () => Promise<void>;
}

/** Fails loudly when PostgreSQL is not there: integration tests never skip silently. */
export async function adminQuery(db: string, sql: string, values?: unknown[]): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrlFor(db) });
  try {
    await client.connect();
  } catch (cause) {
    throw new Error(
      `PostgreSQL is not reachable on ${PG_HOST} as user postgres (trust auth); the PostgreSQL integration tests need it running`,
      { cause },
    );
  }
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/** Creates database + role with unique names, loads `days` of the sample plant, applies the grant with --restrict-public. */
export async function createPgFixture(days = 3): Promise<PgFixture> {
  const database = `otq_t_${process.pid}_${Date.now().toString(36)}`;
  const role = `${database}_reader`;
  const password = `pw-${Math.random().toString(36).slice(2)}-secret`;
  await adminQuery('postgres', `CREATE DATABASE ${database}`);
  const adminUrl = adminUrlFor(database);
  const drop = async (): Promise<void> => {
    await adminQuery('postgres', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await adminQuery('postgres', `DROP ROLE IF EXISTS ${role}`);
  };
  try {
    await loadSamplesToPostgres({ url: adminUrl, days, seed: FIXTURE_SEED, end: FIXTURE_END });
    const out: string[] = [];
    const code = await pgCommand(
      ['grant', '--role', role, '--password-env', 'OTQ_FIXTURE_PW', '--restrict-public', '--apply', adminUrl],
      { out: (t) => out.push(t), err: (t) => out.push(t) },
      { OTQ_FIXTURE_PW: password },
    );
    if (code !== 0) throw new Error(`pg grant failed: ${out.join('\n')}`);
  } catch (error) {
    await drop();
    throw error;
  }
  const env = { OTQ_TEST_PG_PASSWORD: password };
  const source: PostgresSourceConfig = {
    engine: 'postgres',
    url: `postgres://${role}@${PG_HOST}/${database}`,
    passwordEnv: 'OTQ_TEST_PG_PASSWORD',
    schemas: ['historian'],
    timeoutMs: 5000,
  };
  const counts = async (): Promise<Record<string, number>> => {
    const result = await adminQuery(
      database,
      `SELECT (SELECT count(*) FROM historian.tags)::int AS tags, (SELECT count(*) FROM historian.samples)::int AS samples,
      (SELECT count(*) FROM historian.shift_log)::int AS shift_log, (SELECT count(*) FROM pg_class WHERE relpersistence = 't')::int AS temp_tables,
      (SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema', 'historian'))::int AS other_tables`,
    );
    return result.rows[0] as Record<string, number>;
  };
  return { database, role, password, adminUrl, source, env, counts, drop };
}
