// For 10 tags of the sample plant over one day: the old answer (arithmetic mean of stored rows; run-hours without the
// carried-in state), the new answer (the planner's signal SQL) and the truth (the generator's uncompressed 1-minute signal),
// side by side; and volumes of rates (the old planner refused "how much" of a rate). Run: node bin/run-ts.mjs bench/historian-truth-table.ts [YYYY-MM-DD] (a day of the test dataset, UTC).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePlan } from '../agent/planner/compile-plan.ts';
import type { Operation, Plan } from '../agent/planner/plan.ts';
import { rateUnit } from '../agent/planner/signal-units.ts';
import { makeWindow } from '../agent/planner/time-window.ts';
import { defaultConfigDocument } from '../app/config/default-config.ts';
import { createDuckDbConnector } from '../connectors/duckdb/duckdb-connector.ts';
import { historianMappingSchema } from '../connectors/historian-mapping.ts';
import { ensureSamples } from '../data-samples/generate.ts';
import { buildCatalog } from '../data-samples/plant-catalog.ts';
import { simulatePlant } from '../data-samples/simulate-plant.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const SEED = 42;
const DAYS = 90;
const END = new Date('2026-11-01T00:00:00Z');
const MIN_MS = 60_000;

const ANALOG = [
  'BPS03/P02/MotorCurrent',
  'BPS03/P02/Power',
  'T3/Tank/InletFlow',
  'T1/Tank/Level',
  'BPS01/Header/Flow',
  'DMA02/Inlet/Flow',
  'WTP01/HL/OutletFlow',
];
const STATUS = ['BPS03/P01/Running', 'BPS03/P02/Running', 'WTP01/CL01/Running'];
const RATES = ['T3/Tank/InletFlow', 'WTP01/CL01/DosingRate', 'BPS03/P02/Power'];

async function main(): Promise<void> {
  const day = process.argv[2] ?? '2026-10-31';
  const from = new Date(`${day}T00:00:00Z`);
  const to = new Date(from.getTime() + 86_400_000);
  const dir = join(root, '.otq/test-samples');
  await ensureSamples({ dir, seed: SEED, days: DAYS, end: END });
  const mapping = historianMappingSchema.parse(defaultConfigDocument.sources.historian.historian);
  const connector = await createDuckDbConnector('historian', { engine: 'duckdb', file: join(dir, 'historian.duckdb'), historian: mapping });
  const dataset = simulatePlant({ seed: SEED, days: DAYS, end: END });
  const tags = new Map(buildCatalog().tags.map((t) => [t.tagPath, t]));
  const first = Math.round((from.getTime() - dataset.start.getTime()) / MIN_MS);
  const last = first + 1440;
  const a = `TIMESTAMPTZ '${from.toISOString()}'`;
  const b = `TIMESTAMPTZ '${to.toISOString()}'`;
  const row = async (sql: string): Promise<number> => Number((await connector.query(sql)).rows[0]?.[0]);
  const plan = (path: string, operation: Operation): Plan => {
    const t = tags.get(path)!;
    return {
      kind: 'plan',
      source: 'historian',
      tags: [{ id: t.tagId, name: t.tagPath, unit: t.unit, dataType: t.dataType, measurement: t.measurement }],
      window: makeWindow(from, to, 'Europe/Berlin', day),
      operation,
      understood: 'truth table',
    };
  };
  const fmt = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');
  const pct = (v: number, truth: number): string => (truth === 0 ? '' : ` (${(((v - truth) / Math.abs(truth)) * 100).toFixed(1)} %)`);
  const lines: string[] = [`Day ${day} (UTC), sample plant seed ${SEED}; error against the truth in brackets`, ''];
  lines.push('| tag | quantity | old answer | new answer | truth |', '| --- | --- | ---: | ---: | ---: |');
  try {
    for (const path of ANALOG) {
      const t = tags.get(path)!;
      const old = await row(`SELECT avg(value) FROM samples WHERE tag_id = ${t.tagId} AND quality = 192 AND ts >= ${a} AND ts < ${b}`);
      const now = await row(compilePlan(plan(path, { kind: 'aggregate', fns: ['avg'] }), mapping, 'duckdb'));
      const series = dataset.truth(path);
      let sum = 0;
      for (let m = first; m < last; m += 1) sum += series[m]!;
      const truth = sum / (last - first);
      lines.push(`| ${path} | average ${t.unit} | ${fmt(old)}${pct(old, truth)} | ${fmt(now)}${pct(now, truth)} | ${fmt(truth)} |`);
    }
    for (const path of STATUS) {
      const t = tags.get(path)!;
      // The old planner: pieces from the first sample inside the day, the last held to the day's end; nothing carried in.
      const old = await row(
        `SELECT coalesce(sum(CASE WHEN value >= 0.5 THEN epoch(coalesce(nxt, ${b}) - ts) ELSE 0 END), 0) / 3600 FROM ` +
          `(SELECT ts, value, lead(ts) OVER (ORDER BY ts) AS nxt FROM samples WHERE tag_id = ${t.tagId} AND quality = 192 AND ts >= ${a} AND ts < ${b}) AS s`,
      );
      const now = await row(compilePlan(plan(path, { kind: 'run-hours' }), mapping, 'duckdb'));
      const series = dataset.truth(path);
      let minutes = 0;
      for (let m = first; m < last; m += 1) if (series[m]! >= 0.5) minutes += 1;
      const truth = minutes / 60;
      lines.push(`| ${path} | run-hours h | ${fmt(old)}${pct(old, truth)} | ${fmt(now)}${pct(now, truth)} | ${fmt(truth)} |`);
    }
    for (const path of RATES) {
      const t = tags.get(path)!;
      const unit = rateUnit(t.unit)!;
      const now = await row(compilePlan(plan(path, { kind: 'aggregate', fns: ['integral'] }), mapping, 'duckdb'));
      const series = dataset.truth(path);
      let truth = 0;
      for (let m = first; m < last; m += 1) truth += series[m]! * 60 * unit.perSecond;
      lines.push(`| ${path} | ${unit.quantity} ${unit.amount} | refused | ${fmt(now)}${pct(now, truth)} | ${fmt(truth)} |`);
    }
  } finally {
    await connector.close();
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
