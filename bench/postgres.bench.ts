// PostgreSQL bench: the three typical queries through the connector vs raw pg (same run, same role), and 16 concurrent queries through the pool.
import pg from 'pg';
import { pgCommand } from '../connectors/postgres/pg-command.ts';
import { loadSamplesToPostgres } from '../connectors/postgres/pg-samples-command.ts';
import { createPostgresConnector } from '../connectors/postgres/postgres-connector.ts';
import { typicalQueries } from '../connectors/postgres/typical-queries.ts';

const host = process.env.OTQ_BENCH_PG_HOST ?? '127.0.0.1:5432';
const days = Number(process.env.OTQ_BENCH_PG_DAYS ?? 30);
const database = `otq_bench_${days}d`;
const role = 'otq_bench_reader';
const end = new Date('2026-11-01T00:00:00Z');
const iterations = 40;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function admin(db: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: `postgres://postgres@${host}/${db}` });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Loads the sample once per window length into a database kept between runs. */
async function ensureDatabase(report: (line: string) => void): Promise<void> {
  const exists = await admin('postgres', `SELECT 1 FROM pg_database WHERE datname = '${database}'`);
  if (exists.rowCount) {
    const loaded = await admin(database, "SELECT 1 FROM pg_tables WHERE schemaname = 'historian' AND tablename = 'samples'").catch(() => ({ rowCount: 0 }));
    if (loaded.rowCount) return;
    await admin('postgres', `DROP DATABASE ${database} WITH (FORCE)`);
  }
  await admin('postgres', `CREATE DATABASE ${database}`);
  const load = await loadSamplesToPostgres({ url: `postgres://postgres@${host}/${database}`, days, seed: 42, end });
  const total = Object.values(load.rows).reduce((a, b) => a + b, 0);
  report(`loaded ${days} days (${total} rows, samples ${load.rows.samples}) into ${database} in ${(load.durationMs / 1000).toFixed(1)} s`);
  const code = await pgCommand(['grant', '--role', role, '--apply', `postgres://postgres@${host}/${database}`], { out: () => {}, err: report });
  if (code !== 0) throw new Error('pg grant failed');
}

export default async function run(report: (line: string) => void): Promise<void> {
  await ensureDatabase(report);
  const url = `postgres://${role}@${host}/${database}`;
  const connector = await createPostgresConnector('bench', { engine: 'postgres', url, schemas: ['historian'] }, {});
  const raw = new pg.Pool({ connectionString: url, max: 4, options: '-c TimeZone=UTC' });
  try {
    const tag = await connector.query("SELECT tag_id FROM tags WHERE tag_path LIKE '%/DischargePressure' ORDER BY tag_id LIMIT 1");
    const queries = typicalQueries(tag.rows[0]![0] as number, '2026-10-15');
    report(`window ${days} days; ${iterations} runs each, interleaved; raw = pg Pool.query (one extended-protocol round trip, no transaction)`);
    for (const query of queries) {
      const viaConnector: number[] = [];
      const viaRaw: number[] = [];
      for (let i = 0; i < 3; i++) {
        await connector.query(query.sql);
        await raw.query(query.sql);
      }
      for (let i = 0; i < iterations; i++) {
        let started = performance.now();
        await connector.query(query.sql);
        viaConnector.push(performance.now() - started);
        started = performance.now();
        await raw.query(query.sql);
        viaRaw.push(performance.now() - started);
      }
      const c = median(viaConnector);
      const r = median(viaRaw);
      report(`${query.name.padEnd(24)} connector ${c.toFixed(2)} ms   raw pg ${r.toFixed(2)} ms   ratio ${(c / r).toFixed(2)} (target <= 1.10)`);
    }
    const mix = Array.from({ length: 16 }, (_, i) => queries[i % 3]!.sql);
    const perQuery: number[] = [];
    const started = performance.now();
    await Promise.all(
      mix.map(async (sql) => {
        const t = performance.now();
        await connector.query(sql);
        perQuery.push(performance.now() - t);
      }),
    );
    const total = performance.now() - started;
    report(`16 concurrent (pool of 4): total ${total.toFixed(1)} ms, per-query median ${median(perQuery).toFixed(1)} ms (includes waiting for a pooled connection)`);
  } finally {
    await connector.close();
    await raw.end();
  }
}
