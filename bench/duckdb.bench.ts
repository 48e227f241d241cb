// DuckDB connector overhead: three typical historian queries through the connector vs raw @duckdb/node-api, same file, same run.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createDuckDbConnector } from '../connectors/duckdb/duckdb-connector.ts';
import { ensureSamples } from '../data-samples/generate.ts';
import { testDatasetDays, testDatasetEnd, testDatasetSeed, testSamplesDir } from '../test/helpers/sample-data.ts';

const WARMUP = 3;
/** Paired rounds per query: between these bounds, as many as fit in ROUND_BUDGET_MS. */
const MIN_ROUNDS = 9;
const MAX_ROUNDS = 151;
const ROUND_BUDGET_MS = 20_000;
/** The connector may cost at most this much over raw node-api (issue 2). */
const TARGET_RATIO = 1.1;

/** The historian file: `OTQ_BENCH_HISTORIAN` if set, else the reference sample dataset (seed 42, 90 days; generated when missing). */
async function historianFile(report: (line: string) => void): Promise<string> {
  const override = process.env.OTQ_BENCH_HISTORIAN;
  if (override) return override;
  const generated = await ensureSamples({
    dir: testSamplesDir,
    seed: testDatasetSeed,
    days: testDatasetDays,
    end: testDatasetEnd,
  });
  report(
    `sample data: seed ${generated.manifest.seed}, ${generated.manifest.start} .. ${generated.manifest.end}${generated.generated ? ` (generated in ${Math.round(generated.durationMs)} ms)` : ''}`,
  );
  return generated.historianFile;
}

/** The raw baseline: the same file with the same session settings the connector applies, read with runAndReadAll. */
async function openRaw(file: string): Promise<{ connection: DuckDBConnection; close(): void }> {
  const instance = await DuckDBInstance.create(file, {
    access_mode: 'READ_ONLY',
    temp_directory: '',
    memory_limit: '2GB',
    autoload_known_extensions: 'false',
    autoinstall_known_extensions: 'false',
    allow_community_extensions: 'false',
    enable_external_access: 'false',
  });
  const connection = await instance.connect();
  await connection.run("SET disabled_filesystems = 'LocalFileSystem'");
  await connection.run('SET lock_configuration = true');
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export default async function run(report: (line: string) => void): Promise<void> {
  const file = await historianFile(report);
  const raw = await openRaw(file);
  const connector = await createDuckDbConnector('historian', { engine: 'duckdb', file });
  try {
    const picked = await connector.query(
      `SELECT t.tag_id, t.tag_path, max(s.ts)::VARCHAR FROM tags t JOIN samples s USING (tag_id)
        WHERE t.data_type = 'analog' GROUP BY ALL ORDER BY t.tag_id LIMIT 1`,
    );
    const [tagId, tagPath, lastTs] = picked.rows[0] ?? [];
    if (typeof tagId !== 'number' || typeof lastTs !== 'string') throw new Error(`${file} has no analog tag with samples`);
    const lastDay = `TIMESTAMPTZ '${lastTs}' - INTERVAL 1 DAY`;
    // date_trunc, not time_bucket: on TIMESTAMPTZ, time_bucket(INTERVAL 1 DAY, ts) is ~40x slower in DuckDB 1.5.6.
    const queries: [string, string][] = [
      ['latest value of one tag', `SELECT ts, value, quality FROM samples WHERE tag_id = ${tagId} ORDER BY ts DESC LIMIT 1`],
      [
        'hourly averages, one tag, one day',
        `SELECT date_trunc('hour', ts) AS hour, avg(value) AS avg_value FROM samples
          WHERE tag_id = ${tagId} AND ts > ${lastDay} AND quality = 192 GROUP BY 1 ORDER BY 1`,
      ],
      [
        'daily maxima, one tag, 90 days',
        `SELECT date_trunc('day', ts) AS day, max(value) AS max_value FROM samples
          WHERE tag_id = ${tagId} AND ts > TIMESTAMPTZ '${lastTs}' - INTERVAL 90 DAY GROUP BY 1 ORDER BY 1`,
      ],
    ];
    report(`file: ${file}; tag ${tagId} ${String(tagPath)}; ${WARMUP} warm-up rounds, then paired rounds`);
    report('ratio = median over rounds of connector time / raw time (raw = runAndReadAll + getRowsJson, same settings)');
    report(
      `${'query'.padEnd(36)} ${'rows'.padStart(5)} ${'rounds'.padStart(6)} ${'connector ms'.padStart(13)} ${'raw ms'.padStart(9)} ${'ratio'.padStart(7)}`,
    );
    let worst = 0;
    for (const [label, sql] of queries) {
      const viaConnector = (): Promise<unknown> => connector.query(sql);
      const viaRaw = async (): Promise<unknown> => (await raw.connection.runAndReadAll(sql)).getRowsJson();
      let warmupMs = 0;
      for (let round = 0; round < WARMUP; round += 1) {
        warmupMs = (await timed(viaConnector)) + (await timed(viaRaw));
      }
      const rounds = Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS, Math.floor(ROUND_BUDGET_MS / Math.max(warmupMs, 1))));
      const connectorMs: number[] = [];
      const rawMs: number[] = [];
      const pairRatios: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        // Paired and alternating: each round measures both sides back to back, in turns, so load drift cancels out.
        let connectorTime: number;
        let rawTime: number;
        if (round % 2 === 0) {
          connectorTime = await timed(viaConnector);
          rawTime = await timed(viaRaw);
        } else {
          rawTime = await timed(viaRaw);
          connectorTime = await timed(viaConnector);
        }
        connectorMs.push(connectorTime);
        rawMs.push(rawTime);
        pairRatios.push(connectorTime / rawTime);
      }
      const rows = (await connector.query(sql)).rows.length;
      const ratio = median(pairRatios);
      worst = Math.max(worst, ratio);
      report(
        `${label.padEnd(36)} ${String(rows).padStart(5)} ${String(rounds).padStart(6)} ${median(connectorMs).toFixed(2).padStart(13)} ${median(rawMs).toFixed(2).padStart(9)} ${ratio.toFixed(2).padStart(7)}`,
      );
    }
    report(`worst ratio ${worst.toFixed(2)} (target <= ${TARGET_RATIO.toFixed(2)}): ${worst <= TARGET_RATIO ? 'OK' : 'ABOVE TARGET'}`);
  } finally {
    await connector.close();
    raw.close();
  }
}
