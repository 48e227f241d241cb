// `npm run mutate`: plants each fault of planted-faults.ts in a temporary copy of the tree, one at a time, and reports
// whether the test suite (a subset, or all with --full) and `otq eval` over data-samples/questions.jsonl catch it.
// Exit 0 only when every fault is caught by both; 1 when one slips through; 2 when a fault no longer applies or the
// unmutated copy is not green. Not part of `npm test` (it takes minutes: the eval waits out the roles' rate limits).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plantedFaults, type PlantedFault } from './planted-faults.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The tests that judge the planner and its answers; --full runs the whole suite instead. */
const SUBSET = ['test/agent/planner', 'test/agent/eval', 'test/app/commands/eval-command.test.ts'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, OTQ_FROM_SOURCE: '1', FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** A copy of the working tree (tracked and untracked-but-not-ignored files), sharing node_modules and the reference dataset. */
async function copyTree(): Promise<string> {
  const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], root);
  if (listed.code !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), 'otq-mutate-'));
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(root, file), join(dir, file));
  }
  symlinkSync(realpathSync(join(root, 'node_modules')), join(dir, 'node_modules'));
  const samples = join(root, '.otq', 'test-samples');
  if (existsSync(samples)) {
    mkdirSync(join(dir, '.otq'), { recursive: true });
    symlinkSync(realpathSync(samples), join(dir, '.otq', 'test-samples'));
  }
  return dir;
}

interface TestOutcome {
  passed: boolean;
  failed: string[];
}

async function runTests(dir: string, full: boolean): Promise<TestOutcome> {
  const out = join(dir, '.otq', 'mutate-vitest.json');
  const result = await run('npx', ['vitest', 'run', ...(full ? [] : SUBSET), '--reporter=json', `--outputFile=${out}`], dir);
  if (!existsSync(out)) return { passed: false, failed: [`vitest wrote no report (exit ${result.code}): ${result.stderr.slice(-300)}`] };
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    testResults: { name: string; status: string; message?: string; assertionResults: { fullName: string; status: string }[] }[];
  };
  rmSync(out);
  const failed = report.testResults.flatMap((file) => {
    const tests = file.assertionResults.filter((t) => t.status === 'failed').map((t) => t.fullName);
    return tests.length === 0 && file.status === 'failed' ? [`${file.name}: ${file.message ?? 'failed to load'}`] : tests;
  });
  return { passed: result.code === 0 && failed.length === 0, failed };
}

interface EvalOutcome {
  correct: Set<string>;
  reasons: Map<string, string>;
  error?: string;
}

async function runEval(dir: string): Promise<EvalOutcome> {
  const result = await run('node', ['bin/otq.mjs', 'eval', 'data-samples/questions.jsonl', '--json'], dir);
  try {
    const report = JSON.parse(result.stdout) as { outcomes: { id: string; correct: boolean; reason?: string }[] };
    return {
      correct: new Set(report.outcomes.filter((o) => o.correct).map((o) => o.id)),
      reasons: new Map(report.outcomes.map((o) => [o.id, o.reason ?? ''])),
    };
  } catch {
    return { correct: new Set(), reasons: new Map(), error: `otq eval exit ${result.code}: ${result.stderr.trim().slice(-300)}` };
  }
}

function plant(dir: string, fault: PlantedFault): string {
  const path = join(dir, fault.file);
  const original = readFileSync(path, 'utf8');
  const count = original.split(fault.find).length - 1;
  if (count !== 1)
    throw new Error(`fault ${fault.id}: the text to replace occurs ${count} times in ${fault.file}, not once; update planted-faults.ts`);
  writeFileSync(path, original.replace(fault.find, fault.replace));
  return original;
}

async function main(argv: string[]): Promise<number> {
  const full = argv.includes('--full');
  const keep = argv.includes('--keep');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',') : undefined;
  const faults = plantedFaults.filter((f) => !only || only.includes(f.id));
  if (faults.length === 0) {
    process.stderr.write(`no such fault; known: ${plantedFaults.map((f) => f.id).join(', ')}\n`);
    return 2;
  }
  const dir = await copyTree();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  try {
    // Every fault must apply before anything runs: a stale anchor is a maintenance error (exit 2), not a pass.
    try {
      for (const fault of faults) writeFileSync(join(dir, fault.file), plant(dir, fault));
    } catch (error) {
      log((error as Error).message);
      return 2;
    }
    log(`copy of the tree in ${dir}; tests: ${full ? 'the whole suite' : SUBSET.join(' ')}`);
    log('unmutated: running the tests and otq eval ...');
    const [baseTests, baseEval] = [await runTests(dir, full), await runEval(dir)];
    if (!baseTests.passed || baseEval.error) {
      log(`the unmutated copy is not a baseline: ${baseEval.error ?? `failing tests: ${baseTests.failed.slice(0, 5).join('; ')}`}`);
      return 2;
    }
    log(`unmutated: tests pass; otq eval ${baseEval.correct.size} correct`);
    const missed: string[] = [];
    for (const fault of faults) {
      const original = plant(dir, fault);
      try {
        const tests = await runTests(dir, full);
        const evalRun = await runEval(dir);
        const lost = [...baseEval.correct].filter((id) => !evalRun.correct.has(id)).sort();
        const byTests = !tests.passed;
        const byEval = evalRun.error !== undefined || lost.length > 0;
        if (!byTests || !byEval) missed.push(fault.id);
        log(`\n${fault.id}: ${fault.what}`);
        log(`  tests: ${byTests ? `caught (${tests.failed.length} failing, e.g. ${tests.failed[0] ?? ''})` : 'NOT CAUGHT'}`);
        log(
          `  eval:  ${
            evalRun.error
              ? `caught (${evalRun.error})`
              : byEval
                ? `caught (${lost.length} question(s) now wrong: ${lost.slice(0, 8).join(', ')}${lost.length > 8 ? ', ...' : ''}; ${lost[0]}: ${evalRun.reasons.get(lost[0] ?? '')?.slice(0, 160)})`
                : 'NOT CAUGHT'
          }`,
        );
      } finally {
        writeFileSync(join(dir, fault.file), original);
      }
    }
    log(`\n${faults.length - missed.length} of ${faults.length} planted faults caught by both the tests and otq eval`);
    if (missed.length > 0) log(`not caught by both: ${missed.join(', ')}`);
    return missed.length === 0 ? 0 : 1;
  } finally {
    if (keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
