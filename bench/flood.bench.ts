// Fair sharing under a flood: one principal keeps four slow queries running on a DuckDB source (pool of four), while
// another principal asks simple questions. Reports the simple query's latency with the shipped per-principal limit
// (half the pool) and, as the baseline, with the limit set to the whole pool (what one principal could do before).
import { createDuckDbConnector } from '../connectors/duckdb/duckdb-connector.ts';
import { createHistorianFixture } from '../test/connectors/duckdb/historian-fixture.ts';

const SLOW = 'SELECT count(*) FROM range(100000000000)';
const SIMPLE = 'SELECT tag_id, avg(value) AS mean FROM samples GROUP BY tag_id ORDER BY tag_id';

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function measure(file: string, perPrincipal: number, simpleQueries: number): Promise<number[]> {
  const connector = await createDuckDbConnector('flood', {
    engine: 'duckdb',
    file,
    timeoutMs: 3_000,
    poolSize: 4,
    maxConcurrentPerPrincipal: perPrincipal,
  });
  let flooding = true;
  const flooder = async (): Promise<void> => {
    while (flooding) await connector.query(SLOW, { principal: 'flooder' }).catch(() => undefined);
  };
  const floods = Array.from({ length: 4 }, flooder);
  try {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const latencies: number[] = [];
    for (let i = 0; i < simpleQueries; i++) {
      const started = performance.now();
      await connector.query(SIMPLE, { principal: 'eve' });
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return latencies;
  } finally {
    flooding = false;
    await connector.close();
    await Promise.all(floods);
  }
}

export default async function run(report: (line: string) => void): Promise<void> {
  const fixture = await createHistorianFixture();
  try {
    const rows = (format: string, latencies: number[]) =>
      report(
        `${format}: simple query p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms (n=${latencies.length})`,
      );
    report('flooder: 4 concurrent slow queries (3 s time limit, restarted at once); pool of 4; other user: one simple query every 50 ms');
    rows('fair (2 per principal, round-robin)', await measure(fixture.file, 2, 40));
    rows('baseline (4 per principal = whole pool)', await measure(fixture.file, 4, 8));
  } finally {
    fixture.cleanup();
  }
}
