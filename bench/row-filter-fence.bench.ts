// The cost of fencing row filters on PostgreSQL (OFFSET 0 in the guard's replacement subquery, so no user predicate
// runs on rows the filter hides): operator-bps03's typical queries as the guard rewrites them, fenced vs not fenced.
import { defaultConfigDocument } from '../app/config/default-config.ts';
import { historianMappingSchema } from '../connectors/historian-mapping.ts';
import { createPgSqlParser } from '../connectors/postgres/pg-sql-parser.ts';
import { createPostgresConnector } from '../connectors/postgres/postgres-connector.ts';
import { typicalQueries } from '../connectors/postgres/typical-queries.ts';
import { createDuckDbSqlParser } from '../connectors/duckdb/duckdb-sql-parser.ts';
import { createGuard } from '../policies/create-guard.ts';
import { ensureBenchDatabase } from './postgres.bench.ts';

const iterations = Number(process.env.OTQ_BENCH_FENCE_ITERATIONS ?? 41);
const warmup = 10;
const end = Date.parse('2026-11-01T00:00:00Z');

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export default async function run(report: (line: string) => void): Promise<void> {
  const { database, role, host } = await ensureBenchDatabase(report);
  const mapping = historianMappingSchema.parse(defaultConfigDocument.sources.historian.historian);
  const connector = await createPostgresConnector(
    'historian',
    { engine: 'postgres', url: `postgres://${role}@${host}/${database}`, schemas: ['historian'], poolSize: 2, historian: mapping },
    {},
  );
  const parsers = { duckdb: await createDuckDbSqlParser(), postgres: await createPgSqlParser() };
  try {
    const guard = await createGuard({ policyFiles: [], shipped: true, sources: [await connector.describe()], parsers, clock: () => end });
    const tag = await connector.query("SELECT tag_id FROM tags WHERE tag_path LIKE 'BPS03/%/DischargePressure' ORDER BY tag_id LIMIT 1");
    const operator = { id: 'bench-operator', roles: ['operator-bps03'] };
    report(`operator-bps03 (row filters on assets, tags, samples, alarm_events); ${iterations} interleaved pairs after ${warmup}`);
    for (const query of typicalQueries(tag.rows[0]![0] as number, '2026-10-15')) {
      const decision = await guard.check(operator, { tool: 'run_sql', args: { source: 'historian', sql: query.sql } });
      if (decision.kind !== 'rewrite') throw new Error(`expected a rewrite for ${query.name}, got ${JSON.stringify(decision)}`);
      const fenced = String(decision.call.args['sql']);
      if (!fenced.includes(' OFFSET 0')) throw new Error('the rewrite has no fence');
      const open = fenced.replaceAll(' OFFSET 0', '');
      const times: [number[], number[]] = [[], []];
      for (let i = 0; i < warmup + iterations; i++) {
        for (const [k, sql] of (i % 2
          ? [
              [0, fenced],
              [1, open],
            ]
          : [
              [1, open],
              [0, fenced],
            ]) as [0 | 1, string][]) {
          const started = performance.now();
          await connector.query(sql);
          if (i >= warmup) times[k].push(performance.now() - started);
        }
      }
      const [f, o] = [median(times[0]), median(times[1])];
      report(`${query.name.padEnd(24)} fenced ${f.toFixed(2)} ms   not fenced ${o.toFixed(2)} ms   ratio ${(f / o).toFixed(2)}`);
    }
    await guard.close();
  } finally {
    await connector.close();
    await parsers.duckdb.close();
    await parsers.postgres.close();
  }
}
