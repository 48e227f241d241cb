// Planner benchmark: planning + compiling time per question of questions.jsonl (target median < 20 ms), against chrono-node alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';
import { defaultConfigDocument } from '../app/config/default-config.ts';
import { compileOptionsFor, compilePlan } from '../agent/planner/compile-plan.ts';
import { buildCatalogs, planQuestion } from '../agent/planner/plan-question.ts';
import { createDuckDbConnector } from '../connectors/duckdb/duckdb-connector.ts';
import { historianMappingSchema } from '../connectors/historian-mapping.ts';

const root = fileURLToPath(new URL('../', import.meta.url));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Median and p99 of planning time per question over several rounds; chrono-node's parse of the same text is the baseline. */
export default async function run(report: (line: string) => void): Promise<void> {
  const questions = readFileSync(join(root, 'data-samples/questions.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { question: string; now: string });
  const file = join(root, '.otq/test-samples/historian.duckdb');
  const connector = await createDuckDbConnector('historian', {
    engine: 'duckdb',
    file,
    historian: historianMappingSchema.parse(defaultConfigDocument.sources.historian.historian),
  });
  const description = await connector.describe();
  await connector.close();
  const catalogs = buildCatalogs([description]);
  const options = compileOptionsFor(description);
  const context = {
    timezone: 'Europe/Berlin',
    synonyms: { ...defaultConfigDocument.synonyms },
    shifts: defaultConfigDocument.shifts.map((s) => ({ ...s })),
  };
  const plan: number[] = [];
  const baseline: number[] = [];
  const rounds = 20;
  for (let round = 0; round < rounds + 1; round += 1) {
    for (const q of questions) {
      const now = new Date(q.now);
      let started = performance.now();
      const planned = planQuestion(q.question, catalogs, { ...context, now });
      if (planned.kind === 'plan') compilePlan(planned, description.historian!, description.dialect, options);
      const planMs = performance.now() - started;
      started = performance.now();
      chrono.parse(q.question, now);
      const chronoMs = performance.now() - started;
      if (round > 0) {
        plan.push(planMs);
        baseline.push(chronoMs);
      }
    }
  }
  plan.sort((a, b) => a - b);
  baseline.sort((a, b) => a - b);
  const median = percentile(plan, 50);
  const baseMedian = percentile(baseline, 50);
  report(`planner: ${questions.length} questions x ${rounds} rounds (${description.tags?.length ?? 0} tags)`);
  report(
    `planner: plan+compile median ${median.toFixed(3)} ms, p99 ${percentile(plan, 99).toFixed(3)} ms (target median < 20 ms: ${median < 20 ? 'met' : 'NOT met'})`,
  );
  report(`planner: chrono-node parse alone median ${baseMedian.toFixed(3)} ms; planner/chrono ratio ${(median / baseMedian).toFixed(1)}x`);
}
