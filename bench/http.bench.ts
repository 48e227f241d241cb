// HTTP API under load on loopback: 20 concurrent clients against POST /api/sql and GET /api/catalog (GET /healthz as the baseline); server in its own process.
// Besides throughput and latency it reports what each request cost the server in CPU (from /proc, all its threads and its
// main thread alone) and the client, and for /api/sql where the time went (the route's Server-Timing phases): the bench
// client shares the machine's cores with the server, so req/s alone mixes the two. Last, the engine's own CPU for the same
// statement, the floor under /api/sql's server CPU.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const CLIENTS = 20;
/** Seconds per phase; OTQ_BENCH_HTTP_SECONDS overrides (bounded to 5..60). */
const PHASE_S = Math.min(60, Math.max(5, Number(process.env['OTQ_BENCH_HTTP_SECONDS'] ?? 10)));
const BASELINE_S = 5;
/** A typical question shape as SQL: hourly average of one tag over one day of the reference dataset. */
const TYPICAL_SQL =
  "SELECT date_trunc('hour', ts) AS hour, avg(value) AS avg_value, count(*) AS n FROM samples " +
  "WHERE tag_id = (SELECT tag_id FROM tags WHERE tag_path = 'BPS02/Header/Flow') " +
  "AND ts >= TIMESTAMPTZ '2026-08-26 00:00:00+00' AND ts < TIMESTAMPTZ '2026-08-27 00:00:00+00' GROUP BY 1 ORDER BY 1";

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface PhaseResult {
  requests: number;
  errors: number;
  firstError?: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU milliseconds per request: the server process (all threads), its main (JavaScript) thread, the bench client. */
  serverCpuMs: number;
  serverMainCpuMs: number;
  clientCpuMs: number;
  /** 1-minute load average when the phase started. */
  load: number;
  /** Mean duration (ms) of each Server-Timing phase over the responses that carried one. */
  timing: Map<string, number>;
}

export default async function run(report: (line: string) => void): Promise<void> {
  const { ensureSamples } = await import('../data-samples/generate.ts');
  const { testDatasetDays, testDatasetEnd, testDatasetSeed, testSamplesDir } = await import('../test/helpers/sample-data.ts');
  await ensureSamples({ dir: testSamplesDir, seed: testDatasetSeed, days: testDatasetDays, end: testDatasetEnd });
  const { child, url } = await startChildServer();
  try {
    report(
      `server pid ${child.pid} at ${url}; ${CLIENTS} concurrent clients (keep-alive), ${PHASE_S} s per route, rate limit off, audit log fsynced per batch (one durable wait per call)`,
    );
    const pid = child.pid!;
    const baseline = await phase(pid, BASELINE_S, () => fetch(`${url}/healthz`));
    const sql = await phase(pid, PHASE_S, () =>
      fetch(`${url}/api/sql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ source: 'historian', sql: TYPICAL_SQL }),
      }),
    );
    const catalog = await phase(pid, PHASE_S, () => fetch(`${url}/api/catalog`));
    const line = (name: string, r: PhaseResult) =>
      `${name.padEnd(18)} ${String(r.requests).padStart(7)} req  ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50Ms.toFixed(1).padStart(6)} ms  p99 ${r.p99Ms.toFixed(1).padStart(7)} ms  errors ${r.errors}` +
      `  (${(r.rps / baseline.rps).toFixed(3)} x healthz req/s)`;
    const cpu = (name: string, r: PhaseResult) =>
      `${name.padEnd(18)} CPU per request: server ${r.serverCpuMs.toFixed(3)} ms (main thread ${r.serverMainCpuMs.toFixed(3)} ms), bench client ${r.clientCpuMs.toFixed(3)} ms; load ${r.load.toFixed(1)}`;
    report(line('GET /healthz', baseline));
    report(line('POST /api/sql', sql));
    report(line('GET /api/catalog', catalog));
    report(cpu('GET /healthz', baseline));
    report(cpu('POST /api/sql', sql));
    report(cpu('GET /api/catalog', catalog));
    const phases = [...sql.timing].map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ');
    report(`POST /api/sql time per request (Server-Timing means, ms): ${phases}`);
    // What the server alone could do on this machine's cores: a request of /api/sql uses every core (DuckDB runs on
    // worker threads), one of /healthz only the main thread; the lower bound of the two limits is the capacity.
    const cores = availableParallelism();
    const capacity = (r: PhaseResult) => Math.min(cores / r.serverCpuMs, 1 / r.serverMainCpuMs) * 1000;
    report(
      `server CPU capacity on ${cores} cores (client elsewhere): /healthz ~${capacity(baseline).toFixed(0)} req/s, /api/sql ~${capacity(sql).toFixed(0)} req/s = ${(capacity(sql) / capacity(baseline)).toFixed(3)} x`,
    );
    const engineMs = await engineCpuMs(join(testSamplesDir, 'historian.duckdb'));
    report(
      `engine alone (DuckDB in this process, the same SQL prepared once, streamed ${ENGINE_CALLS} times): ${engineMs.toFixed(3)} ms CPU per statement; /api/sql server CPU = ${(sql.serverCpuMs / engineMs).toFixed(1)} x engine`,
    );
    const peakMiB = peakRssMiB(child.pid!);
    report(`server peak RSS ${peakMiB.toFixed(0)} MiB (VmHWM)`);
    const errors = baseline.errors + sql.errors + catalog.errors;
    if (errors > 0)
      throw new Error(`${errors} request(s) failed; first: ${[baseline, sql, catalog].find((r) => r.firstError)?.firstError}`);
  } finally {
    await stopChild(child);
  }
}

/** CPU milliseconds used so far by a process (all threads) or one of its threads, from /proc. */
function cpuMsOf(path: string): number {
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
}

/** Runs CLIENTS loops for `seconds`; a response counts as an error unless it is 2xx and its body was read. */
async function phase(pid: number, seconds: number, send: () => Promise<Response>): Promise<PhaseResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const timingSums = new Map<string, number>();
  let timed = 0;
  const load = loadavg()[0]!;
  const serverBefore = cpuMsOf(`/proc/${pid}/stat`);
  const mainBefore = cpuMsOf(`/proc/${pid}/task/${pid}/stat`);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const endAt = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < endAt) {
        const t0 = performance.now();
        try {
          const res = await send();
          const text = await res.text();
          const timing = res.headers.get('server-timing');
          if (timing) {
            timed++;
            for (const part of timing.split(',')) {
              const m = /^\s*([\w-]+);dur=([\d.]+)\s*$/.exec(part);
              if (m) timingSums.set(m[1]!, (timingSums.get(m[1]!) ?? 0) + Number(m[2]));
            }
          }
          if (!res.ok) {
            errors += 1;
            firstError ??= `${res.status} ${text.slice(0, 200)}`;
          }
        } catch (error) {
          errors += 1;
          firstError ??= (error as Error).message;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const client = process.cpuUsage(clientBefore);
  const per = (ms: number) => ms / Math.max(1, latencies.length);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    ...(firstError ? { firstError } : {}),
    rps: latencies.length / elapsedS,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    serverCpuMs: per(cpuMsOf(`/proc/${pid}/stat`) - serverBefore),
    serverMainCpuMs: per(cpuMsOf(`/proc/${pid}/task/${pid}/stat`) - mainBefore),
    clientCpuMs: per((client.user + client.system) / 1000),
    load,
    timing: new Map([...timingSums].map(([name, sum]) => [name, sum / Math.max(1, timed)])),
  };
}

const ENGINE_CALLS = 200;

/**
 * CPU per execution of TYPICAL_SQL on the engine alone (all threads of this process): the floor under /api/sql's server
 * CPU, which adds HTTP, the guard, three audit records and the result's JSON. Opened as the connector opens a file.
 */
async function engineCpuMs(file: string): Promise<number> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY', temp_directory: '', memory_limit: '2GB' });
  const connection = await instance.connect();
  try {
    const prepared = await connection.prepare(TYPICAL_SQL);
    const once = async (): Promise<void> => {
      const result = await prepared.stream();
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) chunk.getRows();
    };
    for (let i = 0; i < 20; i++) await once();
    const before = process.cpuUsage();
    for (let i = 0; i < ENGINE_CALLS; i++) await once();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / ENGINE_CALLS;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}

/** Starts this same file in a child process (OTQ_HTTP_BENCH_CHILD=1), which serves the real runtime and prints its URL. */
async function startChildServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'run-ts.mjs'), join(root, 'bench', 'http.bench.ts')], {
    cwd: root,
    // As `npm start` runs it: a thread pool with room for the audit log's fsyncs beside DuckDB's statements.
    env: { ...process.env, OTQ_HTTP_BENCH_CHILD: '1', UV_THREADPOOL_SIZE: process.env['UV_THREADPOOL_SIZE'] ?? '16' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with code ${code} before it was ready`)));
    lines.on('line', (line) => {
      const ready = /^READY (\S+)$/.exec(line);
      if (ready) resolve(ready[1]!);
    });
  });
  return { child, url };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** Child side: a real runtime over the reference dataset in a temp dir, served on 127.0.0.1 until SIGTERM. */
async function serveForBench(): Promise<void> {
  const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { createTestRuntime } = await import('../test/helpers/test-runtime.ts');
  const { startServer } = await import('../ui/start-server.ts');
  // The shipped roles allow 120 queries per minute; the load test runs as a role with the engineer's scope and a high limit.
  const policyDir = await mkdtemp(join(tmpdir(), 'otq-http-bench-'));
  const policyFile = join(policyDir, 'loadtest.policy.yaml');
  await writeFile(
    policyFile,
    [
      'version: 1',
      'roles:',
      '  loadtest:',
      '    tools: [run_sql, catalog]',
      '    maxRows: 10000',
      '    rateLimitPerMinute: 100000',
      '    sources:',
      '      historian:',
      '        tables: "*"',
      '        exceptTables: [shift_log]',
      '',
    ].join('\n'),
  );
  const test = await createTestRuntime({
    defaultUser: 'loadtest',
    users: { loadtest: { roles: ['loadtest'] } },
    policies: { files: [policyFile], shipped: true },
  });
  const server = await startServer(test.runtime, { host: '127.0.0.1', port: 0, rateLimit: false });
  process.stdout.write(`READY ${server.url}\n`);
  process.once('SIGTERM', () => {
    void (async () => {
      await server.close();
      await test.runtime.close();
      await rm(test.dir, { recursive: true, force: true });
      await rm(policyDir, { recursive: true, force: true });
      process.exit(0);
    })();
  });
}

if (process.env['OTQ_HTTP_BENCH_CHILD'] === '1') await serveForBench();
