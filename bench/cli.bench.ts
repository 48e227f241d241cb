// CLI start-up benchmark: `otq --help` and a quick-planner `otq ask` as new processes, against `node -e 0` in the same run (targets 0.3 s and 0.8 s).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { defaultConfigDocument } from '../app/config/default-config.ts';
import { ensureSamples } from '../data-samples/generate.ts';
import { buildCli } from '../bin/cli-build.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const otq = join(root, 'bin/otq.mjs');
const ROUNDS = 9;

/** Wall time of one process from spawn to exit, in milliseconds, and its standard error; fails the bench on a non-zero exit. */
function runProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve({ ms: performance.now() - started, stderr: err })
        : reject(new Error(`${args.join(' ')} exited ${code}: ${err.slice(0, 500)}`)),
    );
  });
}

const timeProcess = async (args: string[], env: NodeJS.ProcessEnv): Promise<number> => (await runProcess(args, env)).ms;

/** Per start-up phase (OTQ_TIMING=1 lines of app/ and core/phase-timing.ts), the wall and CPU milliseconds of each run. */
function collectPhases(stderr: string, into: Map<string, { wall: number[]; cpu: number[] }>): void {
  for (const m of stderr.matchAll(/^otq timing: (.+?)\s+\+\s*(\d+) ms \(cpu \+\s*(\d+) ms\)/gm)) {
    const phase = into.get(m[1]!) ?? { wall: [], cpu: [] };
    phase.wall.push(Number(m[2]));
    phase.cpu.push(Number(m[3]));
    into.set(m[1]!, phase);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Each round runs every case once, interleaved, so a busy machine slows them alike; medians of ROUNDS rounds. The
 * compiled CLI (dist/cli) is what `otq` runs after `npm install`; "from source" is the tsx path it falls back to.
 */
export default async function run(report: (line: string) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'otq-cli-bench-'));
  try {
    const samples = join(root, '.otq/test-samples');
    await ensureSamples({ dir: samples, seed: 42, days: 90, end: new Date('2026-11-01T00:00:00Z') });
    const { samples: _samples, ...base } = defaultConfigDocument;
    const config = join(dir, 'otq.yaml');
    await writeFile(
      config,
      stringify({
        ...base,
        sources: {
          historian: { ...defaultConfigDocument.sources.historian, file: join(samples, 'historian.duckdb') },
          telemetry: { ...defaultConfigDocument.sources.telemetry, folder: join(samples, 'telemetry') },
        },
        audit: { dir: join(dir, 'audit') },
      }),
    );
    await buildCli();
    const compiled = { ...process.env, OTQ_FROM_SOURCE: '0' };
    const source = { ...process.env, OTQ_FROM_SOURCE: '1' };
    const ask = [otq, 'ask', 'max discharge pressure at BPS03 yesterday', '--now', '2026-10-15T08:00:00Z', '--config', config];
    const cases: { name: string; args: string[]; env: NodeJS.ProcessEnv }[] = [
      { name: 'node -e 0', args: ['-e', '0'], env: process.env },
      { name: 'otq --help', args: [otq, '--help'], env: compiled },
      { name: 'otq ask (planner)', args: ask, env: compiled },
      { name: 'otq --help from source (tsx)', args: [otq, '--help'], env: source },
      { name: 'otq ask from source (tsx)', args: ask, env: source },
    ];
    // One warm-up round: the OS file cache and the DuckDB file's pages.
    for (const c of cases) await timeProcess(c.args, c.env);
    const times = new Map(cases.map((c) => [c.name, [] as number[]]));
    for (let round = 0; round < ROUNDS; round++) for (const c of cases) times.get(c.name)!.push(await timeProcess(c.args, c.env));
    const baseline = median(times.get('node -e 0')!);
    const targets: Record<string, number> = { 'otq --help': 300, 'otq ask (planner)': 800 };
    // Where a planner `otq ask` spends its time, phase by phase (the same call with OTQ_TIMING=1, after the rounds).
    const phases = new Map<string, { wall: number[]; cpu: number[] }>();
    for (let round = 0; round < ROUNDS; round++) collectPhases((await runProcess(ask, { ...compiled, OTQ_TIMING: '1' })).stderr, phases);
    report(`cli: median wall time of ${ROUNDS} interleaved rounds per case (new process each)`);
    for (const c of cases) {
      const ms = median(times.get(c.name)!);
      const target = targets[c.name];
      report(
        `cli: ${c.name.padEnd(30)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / baseline).toFixed(1).padStart(5)}x node -e 0` +
          (target ? `  (target < ${target} ms: ${ms < target ? 'met' : 'NOT met'})` : ''),
      );
    }
    report(`cli: otq ask phases, median of ${ROUNDS} runs with OTQ_TIMING=1 (wall / CPU ms; CPU counts DuckDB's threads too)`);
    for (const [name, t] of phases)
      report(`cli:   ${name.padEnd(36)} ${median(t.wall).toFixed(0).padStart(4)} / ${median(t.cpu).toFixed(0).padStart(4)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
