// Benchmark harness: runs every bench/*.bench.ts module (or those named on the command line) and prints their reports.
import { readdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What a bench module exports: a function that measures and reports lines of text (ratios against a baseline of the same run). */
export type BenchRun = (report: (line: string) => void) => Promise<void>;

const benchDir = dirname(fileURLToPath(import.meta.url));

/** Module names (`duckdb` for `duckdb.bench.ts`) found next to this file, sorted. */
function listBenchModules(dir: string = benchDir): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.bench.ts'))
    .map((file) => file.slice(0, -'.bench.ts'.length))
    .sort();
}

function header(): string[] {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return [
    `otq benchmarks  ${new Date().toISOString()}`,
    `machine: ${platform()} ${release()}, ${availableParallelism()} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM`,
    `node ${process.version}; load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} (other work on the machine skews absolute times)`,
  ];
}

async function main(argv: string[]): Promise<number> {
  const available = listBenchModules();
  const wanted = argv.filter((arg) => !arg.startsWith('-'));
  const unknown = wanted.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    console.error(`unknown bench module(s): ${unknown.join(', ')}; available: ${available.join(', ') || '(none)'}`);
    return 2;
  }
  for (const line of header()) console.log(line);
  let failed = 0;
  for (const name of wanted.length > 0 ? wanted : available) {
    console.log(`\n== ${name}`);
    const started = performance.now();
    try {
      const module = (await import(pathToFileURL(join(benchDir, `${name}.bench.ts`)).href)) as { default?: BenchRun };
      if (typeof module.default !== 'function') throw new Error(`${name}.bench.ts has no default export run(report)`);
      await module.default((line) => console.log(`  ${line}`));
      console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed += 1;
      console.error(`  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
