// The truth oracle for bands: time inside / outside a band, the hours outside it per plant-local day and the longest
// stretch, from the planner's compiled SQL against the generator's uncompressed 1-minute signal (see truth-oracle.ts).
import type { Cell, Dialect } from '../../connectors/connector.ts';
import { compilePlan } from '../../agent/planner/compile-plan.ts';
import { makeWindow } from '../../agent/planner/time-window.ts';
import { addDays, fromWall, toWall } from '../../agent/planner/zoned-time.ts';
import type { PlantDataset } from '../../data-samples/simulate-plant.ts';
import { oracleMapping, oraclePlan, truthStats, type OracleCheck, type OraclePair, type OracleQuery } from './truth-oracle.ts';

const MIN_MS = 60_000;
const ZONE = 'Europe/Berlin';

/** Minutes of the true signal in a threshold state (`between`: lo <= v <= hi; `outside`: v < lo or v > hi), and those near an edge. */
function truthMinutesIn(
  series: Float64Array,
  fromMinute: number,
  toMinute: number,
  op: { comparator: 'between' | 'outside'; lo: number; hi: number },
  deadband: number,
): { inside: number; near: number } {
  let inside = 0;
  let near = 0;
  for (let m = fromMinute; m < toMinute; m += 1) {
    const v = series[m]!;
    const within = v >= op.lo && v <= op.hi;
    if (op.comparator === 'between' ? within : !within) inside += 1;
    if (Math.abs(v - op.lo) <= deadband || Math.abs(v - op.hi) <= deadband) near += 1;
  }
  return { inside, near };
}

/**
 * Time inside and outside a band (the middle half of the window's true range) of analog pairs, and the hours outside it
 * per plant-local day (pieces cut at local midnight), against the minutes of the true signal; tolerance as for the time
 * above a limit: the minutes within the deadband of either end, plus three. The longest stretch is one of the stretches
 * and as long as the longest of them.
 */
export async function bandChecks(
  query: OracleQuery,
  dialect: Dialect,
  dataset: PlantDataset,
  pairs: readonly OraclePair[],
): Promise<OracleCheck[]> {
  const checks: OracleCheck[] = [];
  const startMs = dataset.start.getTime();
  const hoursOf = (result: { columns: { name: string }[]; rows: Cell[][] }): number[] => {
    const i = result.columns.findIndex((c) => c.name === 'hours');
    return result.rows.filter((row) => row[i] !== null).map((row) => Number(row[i]));
  };
  for (const pair of pairs) {
    const series = dataset.truth(pair.tag.tagPath);
    const truth = truthStats(series, pair.fromMinute, pair.toMinute);
    const lo = truth.min + (truth.max - truth.min) / 4;
    const hi = truth.max - (truth.max - truth.min) / 4;
    const what = (s: string): string => `${s} ${lo}..${hi} ${pair.tag.tagPath} ${pair.from}..${pair.to}`;
    for (const comparator of ['between', 'outside'] as const) {
      const plan = oraclePlan(pair, { kind: 'threshold', comparator, value: lo, upper: hi });
      const got = hoursOf(await query(compilePlan(plan, oracleMapping, dialect))).reduce((a, b) => a + b, 0);
      const t = truthMinutesIn(series, pair.fromMinute, pair.toMinute, { comparator, lo, hi }, pair.tag.deadband);
      checks.push({ what: what(`hours ${comparator}`), got, truth: t.inside / 60, tolerance: (t.near + 3) / 60 + 1e-9 });
    }
    // Per plant-local day: the hours outside the band, each day against the truth of its minutes.
    const days = await query(
      compilePlan(
        oraclePlan(pair, { kind: 'threshold', comparator: 'outside', value: lo, upper: hi, report: 'days' }),
        oracleMapping,
        dialect,
      ),
    );
    const dayIndex = days.columns.findIndex((c) => c.name === 'day');
    const hourIndex = days.columns.findIndex((c) => c.name === 'hours');
    const perDay = new Map<number, number>();
    for (const row of days.rows) perDay.set(Date.parse(String(row[dayIndex])), Number(row[hourIndex]));
    const window = makeWindow(new Date(pair.from), new Date(pair.to), ZONE, 'oracle window');
    for (const day of localDays(Date.parse(window.from), Date.parse(window.to))) {
      const fromMinute = Math.round((Math.max(day.fromMs, Date.parse(pair.from)) - startMs) / MIN_MS);
      const toMinute = Math.round((Math.min(day.toMs, Date.parse(pair.to)) - startMs) / MIN_MS);
      const t = truthMinutesIn(series, fromMinute, toMinute, { comparator: 'outside', lo, hi }, pair.tag.deadband);
      checks.push({
        what: what(`day ${new Date(day.fromMs).toISOString()} hours outside`),
        got: perDay.get(day.fromMs) ?? 0,
        truth: t.inside / 60,
        tolerance: (t.near + 3) / 60 + 1e-9,
      });
    }
    const stretches = hoursOf(
      await query(
        compilePlan(
          oraclePlan(pair, { kind: 'threshold', comparator: 'outside', value: lo, upper: hi, report: 'stretches' }),
          oracleMapping,
          dialect,
        ),
      ),
    );
    const longest = await query(
      compilePlan(
        oraclePlan(pair, { kind: 'threshold', comparator: 'outside', value: lo, upper: hi, report: 'longest' }),
        oracleMapping,
        dialect,
      ),
    );
    checks.push({ what: what('longest'), got: hoursOf(longest)[0] ?? 0, truth: Math.max(0, ...stretches), tolerance: 1e-9 });
  }
  return checks;
}

/** The plant-local calendar days meeting [fromMs, toMs), as the instants of their local midnights. */
function localDays(fromMs: number, toMs: number): { fromMs: number; toMs: number }[] {
  const days: { fromMs: number; toMs: number }[] = [];
  let wall = toWall(new Date(fromMs), ZONE);
  let day = midnight(wall);
  while (day < toMs) {
    wall = addDays(wall, 1);
    const next = midnight(wall);
    days.push({ fromMs: day, toMs: next });
    day = next;
  }
  return days;
}

/** The instant of a local day's midnight. */
function midnight(wall: { year: number; month: number; day: number }): number {
  return fromWall({ ...wall, hour: 0, minute: 0, second: 0 }, ZONE).getTime();
}
