// Policy guard: decision time (median, p99) over the attack corpus and three typical queries, and (guard + query) / query.
import { readFileSync } from 'node:fs';
import type { Connector, SourceDescription } from '../connectors/connector.ts';
import { createDuckDbConnector } from '../connectors/duckdb/duckdb-connector.ts';
import { createDuckDbSqlParser } from '../connectors/duckdb/duckdb-sql-parser.ts';
import { historianMappingSchema } from '../connectors/historian-mapping.ts';
import { createPgSqlParser } from '../connectors/postgres/pg-sql-parser.ts';
import { defaultConfigDocument } from '../app/config/default-config.ts';
import { ensureSamples } from '../data-samples/generate.ts';
import { createGuard, type PolicyGuard } from '../policies/create-guard.ts';
import type { Decision } from '../policies/decision.ts';

const TARGET_MEDIAN_MS = 2;
const TARGET_RATIO = 1.05;
const ROUNDS = 25;
// Typical queries: 2 x ROUNDS rounds of (same text + query, new text + query, query, rewritten query), order alternating.
const end = new Date('2026-11-01T00:00:00Z');

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}
const ms = (v: number) => `${v.toFixed(3)} ms`;

export default async function run(report: (line: string) => void): Promise<void> {
  const samples = await ensureSamples({ dir: '.otq/test-samples', seed: 42, days: 90, end });
  const mapping = historianMappingSchema.parse(defaultConfigDocument.sources.historian.historian);
  const connector: Connector = await createDuckDbConnector('historian', {
    engine: 'duckdb',
    file: samples.historianFile,
    historian: mapping,
  });
  const duckdb = await createDuckDbSqlParser();
  const postgres = await createPgSqlParser();
  try {
    const described = await connector.describe();
    const pgTwin: SourceDescription = {
      ...described,
      name: 'historian_pg',
      dialect: 'postgres',
      tables: described.tables.map((t) => ({ ...t, schema: 'public' })),
    };
    const guard: PolicyGuard = await createGuard({
      policyFiles: [],
      shipped: true,
      sources: [described, pgTwin],
      parsers: { duckdb, postgres },
      clock: () => end.getTime(),
    });
    let n = 0;
    // A fresh principal id per call keeps the rate limiter out of the measurement.
    const check = (source: string, sql: string): Promise<Decision> =>
      guard.check({ id: `bench-${n++}`, roles: ['engineer'] }, { tool: 'run_sql', args: { source, sql } });
    const time = async (source: string, sql: string) => {
      const started = performance.now();
      const decision = await check(source, sql);
      return { decision, elapsed: performance.now() - started };
    };

    const corpus = readFileSync(new URL('../test/fixtures/security/sql-attacks.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { dialect: string; sql: string });
    const corpusCalls = corpus.flatMap((c) => [
      ...(c.dialect !== 'postgres' ? [['historian', c.sql]] : []),
      ...(c.dialect !== 'duckdb' ? [['historian_pg', c.sql]] : []),
    ]) as [string, string][];
    // First pass: cold (new texts for the guard and its parsers; later passes hit the judgment cache).
    const cold: number[] = [];
    for (const [source, sql] of corpusCalls) cold.push((await time(source, sql)).elapsed);
    report(`attack corpus, first (uncached) pass: decision median ${ms(quantile(cold, 0.5))}, p99 ${ms(quantile(cold, 0.99))}`);
    const corpusTimes: number[] = [];
    for (let r = 0; r < ROUNDS; r++) for (const [source, sql] of corpusCalls) corpusTimes.push((await time(source, sql)).elapsed);
    report(
      `attack corpus, repeated (${corpusCalls.length} calls x ${ROUNDS}, judgment cache): decision median ${ms(quantile(corpusTimes, 0.5))}, p99 ${ms(quantile(corpusTimes, 0.99))} (target median < ${TARGET_MEDIAN_MS} ms)`,
    );

    const tag = (await connector.query(`SELECT tag_id FROM tags WHERE data_type = 'analog' ORDER BY tag_id LIMIT 1`)).rows[0]?.[0];
    const day = new Date(end.getTime() - 86_400_000).toISOString();
    const from90 = new Date(end.getTime() - 90 * 86_400_000).toISOString();
    const typical: [string, string][] = [
      ['latest value of one tag', `SELECT ts, value FROM samples WHERE tag_id = ${tag} ORDER BY ts DESC LIMIT 1`],
      [
        'hourly averages, one tag, one day',
        `SELECT time_bucket(INTERVAL '1 hour', ts) AS hour, avg(value) AS avg FROM samples WHERE tag_id = ${tag} AND ts >= TIMESTAMPTZ '${day}' AND ts < TIMESTAMPTZ '${end.toISOString()}' GROUP BY 1 ORDER BY 1`,
      ],
      [
        'daily maxima, one tag, 90 days',
        `SELECT date_trunc('day', ts) AS day, max(value) AS max FROM samples WHERE tag_id = ${tag} AND ts >= TIMESTAMPTZ '${from90}' GROUP BY 1 ORDER BY 1`,
      ],
    ];
    // Two kinds of call: the same text again (a dashboard or report: the guard's judgment cache answers) and a new text
    // each time (a fresh question: every cache misses, the text differs by a comment only).
    let fresh = 0;
    const newText = (sql: string) => `${sql} /* call ${fresh++} */`;
    for (const [name, sql] of typical) {
      const first = await check('historian', sql);
      if (first.kind === 'deny') throw new Error(`${name} was denied: ${first.reason}`);
      const guarded = first.kind === 'rewrite' ? String(first.call.args['sql']) : sql;
      await connector.query(sql);
      await connector.query(guarded);
      const t = { repeated: [] as number[], fresh: [] as number[], plain: [] as number[], rewritten: [] as number[] };
      const withGuard = { repeated: [] as number[], fresh: [] as number[] };
      const pair = async (kind: 'repeated' | 'fresh') => {
        const text = kind === 'fresh' ? newText(sql) : sql;
        const started = performance.now();
        const { decision, elapsed } = await time('historian', text);
        await connector.query(decision.kind === 'rewrite' ? String(decision.call.args['sql']) : text);
        withGuard[kind].push(performance.now() - started);
        t[kind].push(elapsed);
      };
      const alone = async (kind: 'plain' | 'rewritten') => {
        const started = performance.now();
        await connector.query(kind === 'plain' ? sql : guarded);
        t[kind].push(performance.now() - started);
      };
      for (let r = 0; r < ROUNDS * 2; r++) {
        const steps = [() => pair('repeated'), () => pair('fresh'), () => alone('plain'), () => alone('rewritten')];
        for (const step of r % 2 === 0 ? steps : steps.reverse()) await step();
      }
      const med = (v: number[]) => quantile(v, 0.5);
      const ratio = (v: number[], base = t.plain) => (med(v) / med(base)).toFixed(3);
      report(
        `${name}: decision median ${ms(med(t.repeated))} (same text again), ${ms(med(t.fresh))} (new text), p99 ${ms(quantile(t.fresh, 0.99))}; ` +
          `query ${ms(med(t.plain))}, rewritten query alone ${ms(med(t.rewritten))} (x${ratio(t.rewritten)}); ` +
          `guard+query / query ${ratio(withGuard.repeated)} same text, ${ratio(withGuard.fresh)} new text (target <= ${TARGET_RATIO}); ` +
          `the guard's own share, guard+query / rewritten query alone: ${ratio(withGuard.repeated, t.rewritten)} same text, ${ratio(withGuard.fresh, t.rewritten)} new text` +
          `${first.kind === 'rewrite' ? ` [rewrite: ${first.reason}]` : ''}`,
      );
    }
    await guard.close();
  } finally {
    await duckdb.close();
    await postgres.close();
    await connector.close();
  }
}
