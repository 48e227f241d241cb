// PostgreSQL bench: the three typical queries through the connector vs raw pg (same SQL, pool size, session settings; interleaved pairs), and 16 concurrent.
import pg from 'pg';
import { pgCommand } from '../app/commands/pg-command.ts';
import { loadSamplesToPostgres } from '../data-samples/pg-samples.ts';
import { createPostgresConnector } from '../connectors/postgres/postgres-connector.ts';
import { typicalQueries } from '../connectors/postgres/typical-queries.ts';

const host = process.env.OTQ_BENCH_PG_HOST ?? '127.0.0.1:5432';
const days = Number(process.env.OTQ_BENCH_PG_DAYS ?? 30);
const database = `otq_bench_${days}d`;
const role = 'otq_bench_reader';
const end = new Date('2026-11-01T00:00:00Z');
/** Paired runs per query after warm-up; the median of many pairs is what is compared (the machine is shared and noisy). */
const iterations = Number(process.env.OTQ_BENCH_PG_ITERATIONS ?? 151);
const warmup = 50;
const globalWarmup = 400;
const poolSize = 4;
/** Session settings the connector uses too, so both sides format the same values the same way. */
const sessionOptions = '-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=iso_8601 -c extra_float_digits=1';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The 10th percentile: the fast end, where other work on a shared machine interferes least. */
const p10 = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 10)]!;

/** One result line: medians, their ratio, the median of per-pair ratios, and the p10 ratio. */
function line(name: string, connector: number[], raw: number[]): string {
  const [mc, mr] = [median(connector), median(raw)];
  const paired = median(connector.map((c, i) => c / raw[i]!));
  return `${name.padEnd(24)} connector ${mc.toFixed(3)} ms   raw pg ${mr.toFixed(3)} ms   ratio of medians ${(mc / mr).toFixed(2)}   median of paired ratios ${paired.toFixed(2)}   p10 ratio ${(p10(connector) / p10(raw)).toFixed(2)}`;
}

async function admin(db: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: `postgres://postgres@${host}/${db}` });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Loads the sample once per window length into a database kept between runs; the reader role is made by `otq pg grant`. */
export async function ensureBenchDatabase(report: (line: string) => void): Promise<{ database: string; role: string; host: string }> {
  await ensureDatabase(report);
  return { database, role, host };
}

async function ensureDatabase(report: (line: string) => void): Promise<void> {
  const exists = await admin('postgres', `SELECT 1 FROM pg_database WHERE datname = '${database}'`);
  if (exists.rowCount) {
    const loaded = await admin(database, "SELECT 1 FROM pg_tables WHERE schemaname = 'historian' AND tablename = 'samples'").catch(() => ({
      rowCount: 0,
    }));
    if (loaded.rowCount) return;
    await admin('postgres', `DROP DATABASE ${database} WITH (FORCE)`);
  }
  await admin('postgres', `CREATE DATABASE ${database}`);
  const load = await loadSamplesToPostgres({ url: `postgres://postgres@${host}/${database}`, days, seed: 42, end });
  const total = Object.values(load.rows).reduce((a, b) => a + b, 0);
  report(`loaded ${days} days (${total} rows, samples ${load.rows.samples}) into ${database} in ${(load.durationMs / 1000).toFixed(1)} s`);
  const code = await pgCommand(['grant', '--role', role, '--apply', `postgres://postgres@${host}/${database}`], {
    out: () => {},
    err: report,
  });
  if (code !== 0) throw new Error('pg grant failed');
}

/** Times one call of `a` and one of `b`, alternating which goes first, and returns both durations in ms. */
async function pair(a: () => Promise<unknown>, b: () => Promise<unknown>, aFirst: boolean): Promise<[number, number]> {
  const time = async (f: () => Promise<unknown>): Promise<number> => {
    const started = performance.now();
    await f();
    return performance.now() - started;
  };
  if (aFirst) {
    const ta = await time(a);
    return [ta, await time(b)];
  }
  const tb = await time(b);
  return [await time(a), tb];
}

export default async function run(report: (line: string) => void): Promise<void> {
  await ensureDatabase(report);
  const url = `postgres://${role}@${host}/${database}`;
  const connector = await createPostgresConnector('bench', { engine: 'postgres', url, schemas: ['historian'], poolSize }, {});
  const raw = new pg.Pool({ connectionString: url, max: poolSize, options: sessionOptions });
  try {
    const tag = await connector.query("SELECT tag_id FROM tags WHERE tag_path LIKE '%/DischargePressure' ORDER BY tag_id LIMIT 1");
    const queries = typicalQueries(tag.rows[0]![0] as number, '2026-10-15');
    // Both sides warm up together first (JIT, the parser's WebAssembly, pooled connections), then per query again.
    for (let i = 0; i < globalWarmup; i++) {
      const sql = i % 4 === 3 ? `${queries[0]!.sql} -- warm-up ${i}` : queries[i % 4]!.sql;
      await pair(
        () => connector.query(sql),
        () => raw.query({ text: sql, rowMode: 'array' }),
        i % 2 === 0,
      );
    }
    report(
      `window ${days} days; pools of ${poolSize} on both sides; ${globalWarmup} warm-up pairs, then per query ${warmup} more and ${iterations} measured pairs, interleaved, order alternating`,
    );
    report('raw = pg Pool.query(sql) with rowMode array: one simple-protocol round trip, no transaction, no caps, no checks');
    for (const query of queries) {
      const viaConnector = () => connector.query(query.sql);
      const viaRaw = () => raw.query({ text: query.sql, rowMode: 'array' });
      for (let i = 0; i < warmup; i++) await pair(viaConnector, viaRaw, i % 2 === 0);
      const c: number[] = [];
      const r: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const [tc, tr] = await pair(viaConnector, viaRaw, i % 2 === 0);
        c.push(tc);
        r.push(tr);
      }
      report(`${line(query.name, c, r)}   (target <= 1.10)`);
    }
    // A text the connector has not seen before (a new comment each call) pays the parser check every time; raw pg gets the same text.
    const latest = queries[0]!;
    let serial = 0;
    const fresh = (): string => `${latest.sql} -- call ${++serial}`;
    const c: number[] = [];
    const r: number[] = [];
    for (let i = 0; i < warmup + iterations; i++) {
      const text = fresh();
      const [tc, tr] = await pair(
        () => connector.query(text),
        () => raw.query({ text, rowMode: 'array' }),
        i % 2 === 0,
      );
      if (i < warmup) continue;
      c.push(tc);
      r.push(tr);
    }
    report(line('latest value, new text', c, r));
    const mix = Array.from({ length: 16 }, (_, i) => queries[i % 3]!.sql);
    const burst = async (one: (sql: string) => Promise<unknown>): Promise<number> => {
      const started = performance.now();
      await Promise.all(mix.map(one));
      return performance.now() - started;
    };
    const bursts: [number[], number[]] = [[], []];
    for (let i = 0; i < 11; i++) {
      const [tc, tr] = await pair(
        () => burst((sql) => connector.query(sql)),
        () => burst((sql) => raw.query({ text: sql, rowMode: 'array' })),
        i % 2 === 0,
      );
      bursts[0].push(tc);
      bursts[1].push(tr);
    }
    const [bc, br] = [median(bursts[0]), median(bursts[1])];
    report(
      `16 concurrent (pools of ${poolSize}), median of 11 bursts: connector ${bc.toFixed(1)} ms   raw pg ${br.toFixed(1)} ms   ratio ${(bc / br).toFixed(2)}`,
    );
  } finally {
    await connector.close();
    await raw.end();
  }
}
