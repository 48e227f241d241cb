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
import type { SourceDescription } from '../connectors/connector.ts';
import type { AggFn, Plan } from '../agent/planner/plan.ts';
import { makeWindow } from '../agent/planner/time-window.ts';

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
  report(`planner: plan+compile median ${median.toFixed(3)} ms against the issue-14 target < 5 ms: ${median < 5 ? 'met' : 'NOT met'}`);
  await timeWeightedCost(report, file, description);
}

/**
 * The cost of the signal maths: a 90-day time-weighted average of one tag (the compiled planner SQL) against the
 * arithmetic mean of its stored rows, in the same run on the same file (target ratio <= 2x). Medians of 7 runs after one warm-up.
 */
async function timeWeightedCost(report: (line: string) => void, file: string, description: SourceDescription): Promise<void> {
  const mapping = description.historian!;
  const tag = description.tags?.find((t) => t.name === 'BPS03/Header/Flow') ?? description.tags?.[0];
  if (!tag) return;
  const to = new Date('2026-11-01T00:00:00Z');
  const from = new Date(to.getTime() - 90 * 86_400_000);
  const planTag = { id: tag.id, name: tag.name, ...(tag.dataType ? { dataType: tag.dataType } : {}) };
  const plan = (fns: AggFn[]): Plan => ({
    kind: 'plan',
    source: 'historian',
    tags: [planTag],
    window: makeWindow(from, to, 'Europe/Berlin', '90 days'),
    operation: { kind: 'aggregate', fns },
    understood: 'bench',
  });
  const weighted = compilePlan(plan(['avg']), mapping, description.dialect, compileOptionsFor(description));
  const arithmetic = `SELECT avg(value) FROM samples WHERE tag_id = ${typeof tag.id === 'number' ? tag.id : `'${tag.id}'`} AND quality = 192 AND ts >= TIMESTAMPTZ '${from.toISOString()}' AND ts < TIMESTAMPTZ '${to.toISOString()}'`;
  const connector = await createDuckDbConnector('historian', { engine: 'duckdb', file, historian: mapping });
  try {
    const time = async (sql: string): Promise<{ ms: number; value: unknown }> => {
      const runs: number[] = [];
      let value: unknown;
      for (let i = 0; i < 8; i += 1) {
        const started = performance.now();
        value = (await connector.query(sql)).rows[0]?.[0];
        if (i > 0) runs.push(performance.now() - started);
      }
      runs.sort((a, b) => a - b);
      return { ms: percentile(runs, 50), value };
    };
    const tw = await time(weighted);
    const am = await time(arithmetic);
    // The floor of any time-weighted method that pairs each sample with its successor by a window function: one lead()
    // pass over the same rows, which must order them, while avg() streams.
    const lead = await time(
      `SELECT count(nt) FROM (SELECT lead(ts) OVER (PARTITION BY tag_id ORDER BY ts) AS nt FROM samples WHERE tag_id = ${typeof tag.id === 'number' ? tag.id : `'${tag.id}'`} AND ts >= TIMESTAMPTZ '${from.toISOString()}' AND ts < TIMESTAMPTZ '${to.toISOString()}') AS s`,
    );
    const ratio = tw.ms / am.ms;
    report(
      `planner: one lead() pass over the same rows alone ${lead.ms.toFixed(1)} ms (${(lead.ms / am.ms).toFixed(2)}x the arithmetic mean: the floor of a window-function method)`,
    );
    report(
      `planner: 90-day average of ${tag.name}: time-weighted ${tw.ms.toFixed(1)} ms (${Number(tw.value).toFixed(3)}), arithmetic mean of rows ${am.ms.toFixed(1)} ms (${Number(am.value).toFixed(3)}); ratio ${ratio.toFixed(2)}x (target <= 2x: ${ratio <= 2 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await connector.close();
  }
}
