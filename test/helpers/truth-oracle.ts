// The truth oracle: the sample generator's uncompressed 1-minute signal of a tag, for seeded random tag/window pairs,
// compared with what the planner's compiled SQL answers from the compressed historian (on DuckDB or PostgreSQL).
import type { Cell, Dialect } from '../../connectors/connector.ts';
import { historianMappingSchema } from '../../connectors/historian-mapping.ts';
import { compilePlan } from '../../agent/planner/compile-plan.ts';
import type { Operation, Plan } from '../../agent/planner/plan.ts';
import { makeWindow } from '../../agent/planner/time-window.ts';
import { defaultConfigDocument } from '../../app/config/default-config.ts';
import { commGaps, planIncidents } from '../../data-samples/incidents.ts';
import { buildCatalog, type TagSpec } from '../../data-samples/plant-catalog.ts';
import { createRng } from '../../data-samples/rng.ts';
import { simulatePlant, type PlantDataset } from '../../data-samples/simulate-plant.ts';
import { rateUnit } from '../../agent/planner/signal-units.ts';

/** Runs SQL on the engine under test (DuckDB or PostgreSQL): the columns by name and the rows. */
export type OracleQuery = (sql: string) => Promise<{ columns: { name: string }[]; rows: Cell[][] }>;

const MIN_MS = 60_000;

/** The oracle's dataset: the PostgreSQL fixture's parameters (3 days to 2026-11-01), written to DuckDB the same way. */
export const ORACLE_SEED = 42;
export const ORACLE_DAYS = 3;
export const ORACLE_END = new Date('2026-11-01T00:00:00Z');

export const oracleMapping = historianMappingSchema.parse(defaultConfigDocument.sources.historian.historian);

/** One seeded random question: a tag and a window in whole minutes of the dataset (index 0 = dataset start). */
export interface OraclePair {
  tag: TagSpec;
  fromMinute: number;
  toMinute: number;
  from: string;
  to: string;
}

/** The truth over a window of the 1-minute signal: each minute's value holds for that minute. */
export interface TruthStats {
  avg: number;
  min: number;
  max: number;
  /** Largest change between consecutive minutes in the window (how fast the signal moves). */
  maxStep: number;
}

export function truthStats(series: Float64Array, fromMinute: number, toMinute: number): TruthStats {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let maxStep = 0;
  for (let m = fromMinute; m < toMinute; m += 1) {
    const v = series[m]!;
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
    if (m > fromMinute) maxStep = Math.max(maxStep, Math.abs(v - series[m - 1]!));
  }
  return { avg: sum / (toMinute - fromMinute), min, max, maxStep };
}

/** The simulated dataset of the oracle (the same the PostgreSQL fixture loads and `writeOracleDuckDb` writes). */
export function oracleDataset(): PlantDataset {
  return simulatePlant({ seed: ORACLE_SEED, days: ORACLE_DAYS, end: ORACLE_END });
}

/**
 * `count` seeded pairs of tags accepted by `accept` and windows of 30 min .. 24 h that start at least an hour into the
 * data and avoid the site's communication outages (where the historian has no data, by design).
 */
export function seededPairs(dataset: PlantDataset, count: number, seed: number, accept: (tag: TagSpec) => boolean): OraclePair[] {
  const startMs = dataset.start.getTime();
  const minutes = Math.round((dataset.end.getTime() - startMs) / MIN_MS);
  const tags = buildCatalog().tags.filter(accept);
  const outages = commGaps(planIncidents(startMs, dataset.end.getTime()));
  const rng = createRng(seed, 'truth-oracle');
  const pairs: OraclePair[] = [];
  while (pairs.length < count) {
    const tag = tags[rng.int(0, tags.length - 1)]!;
    const length = rng.int(30, 1440);
    const fromMinute = rng.int(60, minutes - length);
    const toMinute = fromMinute + length;
    const fromMs = startMs + fromMinute * MIN_MS;
    const toMs = startMs + toMinute * MIN_MS;
    const site = tag.tagPath.split('/')[0];
    if (outages.some((o) => o.site === site && o.interval.fromMs < toMs + 3 * 3_600_000 && o.interval.toMs > fromMs - 3 * 3_600_000))
      continue;
    pairs.push({ tag, fromMinute, toMinute, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() });
  }
  return pairs;
}

/** The plan of an operation on a pair's tag and window, as the planner would make it. */
export function oraclePlan(pair: OraclePair, operation: Operation): Plan {
  const t = pair.tag;
  return {
    kind: 'plan',
    source: 'historian',
    tags: [{ id: t.tagId, name: t.tagPath, unit: t.unit, dataType: t.dataType, measurement: t.measurement }],
    window: makeWindow(new Date(pair.from), new Date(pair.to), 'Europe/Berlin', 'oracle window'),
    operation,
    understood: 'oracle',
  };
}

/** Runs a plan's compiled SQL and returns the named columns of its first row as numbers (null stays null). */
export async function planRow(query: OracleQuery, dialect: Dialect, plan: Plan): Promise<Record<string, number | null>> {
  const result = await query(compilePlan(plan, oracleMapping, dialect));
  const row = result.rows[0] ?? [];
  const out: Record<string, number | null> = {};
  for (const [i, c] of result.columns.entries()) {
    const cell = row[i];
    out[c.name] = cell === null || cell === undefined ? null : Number.isFinite(Number(cell)) ? Number(cell) : Date.parse(String(cell));
  }
  return out;
}

/** One comparison of an answer with the truth. */
export interface OracleCheck {
  what: string;
  got: number | null;
  truth: number;
  tolerance: number;
}

export const failed = (checks: readonly OracleCheck[]): OracleCheck[] =>
  checks.filter((c) => c.got === null || !(Math.abs(c.got - c.truth) <= c.tolerance));

/**
 * Time-weighted average, minimum and maximum of analog pairs. Tolerances: the stored step signal is within the tag's
 * deadband of the truth at every minute, so min/max are within the deadband (plus three minutes of the signal's fastest
 * movement, for minutes the historian flagged uncertain and the answer rightly left out); the average likewise, plus 1 %
 * of the window's range for those left-out minutes.
 */
export async function aggregateChecks(
  query: OracleQuery,
  dialect: Dialect,
  dataset: PlantDataset,
  pairs: readonly OraclePair[],
): Promise<OracleCheck[]> {
  const checks: OracleCheck[] = [];
  for (const pair of pairs) {
    const truth = truthStats(dataset.truth(pair.tag.tagPath), pair.fromMinute, pair.toMinute);
    const row = await planRow(query, dialect, oraclePlan(pair, { kind: 'aggregate', fns: ['avg', 'min', 'max'] }));
    const what = (fn: string): string => `${fn} ${pair.tag.tagPath} ${pair.from}..${pair.to}`;
    const slack = pair.tag.deadband + 3 * truth.maxStep + 1e-9;
    checks.push({
      what: what('avg'),
      got: row.avg_value ?? null,
      truth: truth.avg,
      tolerance: pair.tag.deadband + 0.01 * (truth.max - truth.min) + 1e-9,
    });
    checks.push({ what: what('min'), got: row.min_value ?? null, truth: truth.min, tolerance: slack });
    checks.push({ what: what('max'), got: row.max_value ?? null, truth: truth.max, tolerance: slack });
  }
  return checks;
}

/** Hours in the running state (value >= 0.5) and starts (a minute running after one that was not) of the true signal. */
export function truthRuns(series: Float64Array, fromMinute: number, toMinute: number): { hours: number; starts: number } {
  let minutes = 0;
  let starts = 0;
  for (let m = fromMinute; m < toMinute; m += 1) {
    if (series[m]! >= 0.5) minutes += 1;
    if (m > 0 && series[m]! >= 0.5 && series[m - 1]! < 0.5) starts += 1;
  }
  return { hours: minutes / 60, starts };
}

/**
 * Run-hours and starts of status pairs. The historian stores every change of a status tag, so the step signal is the
 * truth to the minute: run-hours within 1e-6 h, starts exact. The state carried in at the window start counts.
 */
export async function runChecks(
  query: OracleQuery,
  dialect: Dialect,
  dataset: PlantDataset,
  pairs: readonly OraclePair[],
): Promise<OracleCheck[]> {
  const checks: OracleCheck[] = [];
  for (const pair of pairs) {
    const truth = truthRuns(dataset.truth(pair.tag.tagPath), pair.fromMinute, pair.toMinute);
    const row = await planRow(query, dialect, oraclePlan(pair, { kind: 'run-hours' }));
    const what = (fn: string): string => `${fn} ${pair.tag.tagPath} ${pair.from}..${pair.to}`;
    checks.push({ what: what('run-hours'), got: row.run_hours ?? null, truth: truth.hours, tolerance: 1e-6 });
    checks.push({ what: what('starts'), got: row.starts ?? null, truth: truth.starts, tolerance: 0 });
  }
  return checks;
}

/**
 * Hourly buckets of the signal (time-weighted average, min, max, the value carried across each bucket edge) of analog
 * pairs, bucket by bucket against the truth of the minutes inside the bucket and the window; tolerances as for a
 * window's aggregates. Every bucket of the window must be there.
 */
export async function bucketChecks(
  query: OracleQuery,
  dialect: Dialect,
  dataset: PlantDataset,
  pairs: readonly OraclePair[],
): Promise<OracleCheck[]> {
  const checks: OracleCheck[] = [];
  const startMs = dataset.start.getTime();
  for (const pair of pairs) {
    const series = dataset.truth(pair.tag.tagPath);
    const result = await query(
      compilePlan(oraclePlan(pair, { kind: 'series', bucket: 'hour', fns: ['avg', 'min', 'max'] }), oracleMapping, dialect),
    );
    const fromMs = Date.parse(pair.from);
    const toMs = Date.parse(pair.to);
    const expected = Math.ceil(toMs / 3_600_000) - Math.floor(fromMs / 3_600_000);
    checks.push({ what: `buckets ${pair.tag.tagPath} ${pair.from}..${pair.to}`, got: result.rows.length, truth: expected, tolerance: 0 });
    for (const row of result.rows) {
      const bucketMs = Date.parse(String(row[0]));
      const fromMinute = Math.round((Math.max(bucketMs, fromMs) - startMs) / MIN_MS);
      const toMinute = Math.round((Math.min(bucketMs + 3_600_000, toMs) - startMs) / MIN_MS);
      const truth = truthStats(series, fromMinute, toMinute);
      const what = (fn: string): string => `${fn} ${pair.tag.tagPath} bucket ${new Date(bucketMs).toISOString()}`;
      const slack = pair.tag.deadband + 3 * truth.maxStep + 1e-9;
      const value = (i: number): number | null => (row[i] === null || row[i] === undefined ? null : Number(row[i]));
      checks.push({
        what: what('avg'),
        got: value(1),
        truth: truth.avg,
        tolerance: pair.tag.deadband + 0.01 * (truth.max - truth.min) + 1e-9,
      });
      checks.push({ what: what('min'), got: value(2), truth: truth.min, tolerance: slack });
      checks.push({ what: what('max'), got: value(3), truth: truth.max, tolerance: slack });
    }
  }
  return checks;
}

/**
 * Counter changes (`delta`) of counter pairs: what the true signal counted from the window's first minute to its last.
 * The stored values at both edges are within the deadband of the truth, so the change is within two deadbands (plus one
 * minute of the counter's fastest rise, for the edge minute). The sample counters never reset.
 */
export async function counterChecks(
  query: OracleQuery,
  dialect: Dialect,
  dataset: PlantDataset,
  pairs: readonly OraclePair[],
): Promise<OracleCheck[]> {
  const checks: OracleCheck[] = [];
  for (const pair of pairs) {
    const series = dataset.truth(pair.tag.tagPath);
    const truth = truthStats(series, pair.fromMinute, pair.toMinute);
    const row = await planRow(query, dialect, oraclePlan(pair, { kind: 'aggregate', fns: ['delta'] }));
    checks.push({
      what: `delta ${pair.tag.tagPath} ${pair.from}..${pair.to}`,
      got: row.delta_value ?? null,
      truth: series[pair.toMinute - 1]! - series[pair.fromMinute]!,
      tolerance: 2 * pair.tag.deadband + truth.maxStep + 1e-9,
    });
    checks.push({ what: `resets ${pair.tag.tagPath} ${pair.from}..${pair.to}`, got: row.resets ?? null, truth: 0, tolerance: 0 });
  }
  return checks;
}

/**
 * Value at an instant (the pair's middle minute) and time above a limit (the middle of the window's true range) of analog
 * pairs. The value is within the deadband of the truth (plus one minute of the fastest movement); the time above is exact
 * but for minutes within a deadband of the limit, which the stored signal may put on either side (plus 3 minutes).
 */
export async function instantAndLimitChecks(
  query: OracleQuery,
  dialect: Dialect,
  dataset: PlantDataset,
  pairs: readonly OraclePair[],
): Promise<OracleCheck[]> {
  const checks: OracleCheck[] = [];
  const startMs = dataset.start.getTime();
  for (const pair of pairs) {
    const series = dataset.truth(pair.tag.tagPath);
    const truth = truthStats(series, pair.fromMinute, pair.toMinute);
    const middle = Math.floor((pair.fromMinute + pair.toMinute) / 2);
    const at = new Date(startMs + middle * MIN_MS).toISOString();
    const value = await planRow(query, dialect, oraclePlan(pair, { kind: 'at', at }));
    checks.push({
      what: `at ${pair.tag.tagPath} ${at}`,
      got: value.value ?? null,
      truth: series[middle]!,
      tolerance: pair.tag.deadband + truth.maxStep + 1e-9,
    });
    const limit = (truth.min + truth.max) / 2;
    const result = await query(
      compilePlan(oraclePlan(pair, { kind: 'threshold', comparator: 'above', value: limit }), oracleMapping, dialect),
    );
    const hoursIndex = result.columns.findIndex((c) => c.name === 'hours');
    const got = result.rows.reduce((sum, row) => sum + Number(row[hoursIndex] ?? 0), 0);
    let above = 0;
    let near = 0;
    for (let m = pair.fromMinute; m < pair.toMinute; m += 1) {
      if (series[m]! > limit) above += 1;
      if (Math.abs(series[m]! - limit) <= pair.tag.deadband) near += 1;
    }
    checks.push({
      what: `hours above ${limit} ${pair.tag.tagPath} ${pair.from}..${pair.to}`,
      got,
      truth: above / 60,
      tolerance: (near + 3) / 60 + 1e-9,
    });
  }
  return checks;
}

/** Rate tags (m3/h, L/h, kW...) of the sample plant: what "how much / volume / total" integrates. */
export const isRateTag = (tag: TagSpec): boolean => tag.dataType === 'analog' && rateUnit(tag.unit) !== null;

/**
 * Volumes (the integral of a rate over the window, in its amount unit: m3/h -> m3, L/h -> L, kW -> kWh) of rate pairs
 * against the integral of the true 1-minute signal. Tolerance: the stored step signal is within the deadband of the truth
 * at every minute, so the integral is within deadband x duration; plus, for time the answer left out as not good, that
 * time at the window's largest true value (the answer integrates good time only and says so).
 */
export async function volumeChecks(
  query: OracleQuery,
  dialect: Dialect,
  dataset: PlantDataset,
  pairs: readonly OraclePair[],
): Promise<OracleCheck[]> {
  const checks: OracleCheck[] = [];
  for (const pair of pairs) {
    const unit = rateUnit(pair.tag.unit);
    if (!unit) throw new Error(`${pair.tag.tagPath} (${pair.tag.unit}) is not a rate`);
    const series = dataset.truth(pair.tag.tagPath);
    const truth = truthStats(series, pair.fromMinute, pair.toMinute);
    const seconds = (pair.toMinute - pair.fromMinute) * 60;
    let integral = 0;
    for (let m = pair.fromMinute; m < pair.toMinute; m += 1) integral += series[m]! * 60 * unit.perSecond;
    const row = await planRow(query, dialect, oraclePlan(pair, { kind: 'aggregate', fns: ['integral'] }));
    const leftOut = (1 - Math.min(1, row.coverage ?? 0)) * seconds;
    const peak = Math.max(Math.abs(truth.min), Math.abs(truth.max));
    checks.push({
      what: `volume ${pair.tag.tagPath} ${pair.from}..${pair.to} (${unit.amount})`,
      got: row.integral_value ?? null,
      truth: integral,
      tolerance: (pair.tag.deadband * seconds + peak * leftOut) * unit.perSecond + 1e-9,
    });
  }
  return checks;
}
