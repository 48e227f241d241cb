// The method of a planner answer: what was computed, with which interpolation, over which window, on how much good data;
// as an object for scripts and as one line a person reads ("time-weighted average (step) over 24 h, 99.7 % good coverage").
import { DURING } from './alarm-sentences.ts';
import { stateReportMethod } from './state-time.ts';
import type { Cell, QueryResult } from '../../connectors/connector.ts';
import type { AnswerMethod, MethodInterpolation } from '../answer.ts';
import type { AggFn, Plan } from './plan.ts';
import type { PlanSignal } from './signal-model.ts';
import { conversionText, rateUnit } from './signal-units.ts';
import { thresholdMethod } from './threshold-sentence.ts';
import { memberMethod } from './member-sentence.ts';
import { isMixed, wholeState } from './group-state.ts';
import { formatShort, offsetMs } from './zoned-time.ts';

const AGG_METHOD: Record<AggFn, string> = {
  avg: 'time-weighted average',
  mean: 'arithmetic mean of the readings',
  min: 'minimum of the signal (window edges included)',
  max: 'maximum of the signal (window edges included)',
  first: 'value in force at the window start',
  last: 'value in force at the window end',
  delta: 'change over the window (what the counter counted; after a reset it counts from zero)',
  count: 'count of the stored readings',
  sum: 'sum of the stored readings',
  integral: 'integral of the time-weighted signal over its good-quality time',
};

/** A change of tags none of which is a counter: no reset is looked for (signal-sql.ts counts resets of counters only). */
const PLAIN_CHANGE = 'change over the window (the value in force at its end minus at its start)';

/** The words of one aggregation of a plan: a change names the counter's resets only when it reads a counter. */
function aggWords(fn: AggFn, plan: Plan): string {
  const noCounter = plan.tags.length > 0 && plan.tags.every((t) => t.dataType !== undefined && t.dataType.toLowerCase() !== 'counter');
  return fn === 'delta' && noCounter ? PLAIN_CHANGE : AGG_METHOD[fn];
}

/** Aggregations over the signal (time-weighted, edges included); the others read the stored rows only. */
const OF_SIGNAL: ReadonlySet<AggFn> = new Set(['avg', 'min', 'max', 'first', 'last', 'delta', 'integral']);

const BUCKET_WORD = { hour: 'hourly', day: 'daily', week: 'weekly', month: 'monthly' } as const;

/** "24 h", "45 min", "7 d", "2 h 5 min": a duration as people say it. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  if (minutes >= 3 * 1440) return `${Math.round((minutes / 1440) * 10) / 10} d`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** "2026-12-04 00:52 +01:00": plant time with its offset (the window label says the zone, a data end must say the offset). */
export function plantTimeWithOffset(ms: number, timezone: string): string {
  const offset = offsetMs(new Date(ms), timezone) / 60_000;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${formatShort(new Date(ms), timezone)} ${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The aggregation a plan computes, in words; `null` for plans that compute nothing from the samples' values. */
export function aggregationOf(plan: Plan, timeWeightedBuckets = true): string {
  const op = plan.operation;
  switch (op.kind) {
    case 'latest':
      return 'newest stored sample (at any age)';
    case 'at':
      return 'value in force at the moment asked about (the last sample at or before it)';
    case 'aggregate':
      return `${op.fns.map((fn) => aggWords(fn, plan)).join(', ')}${op.when ? `; the time is the first instant the signal reached the ${op.when === 'max' ? 'maximum' : 'minimum'}` : ''}`;
    case 'rank':
    case 'compare':
      if (op.kind === 'compare' && op.bucket) return bucketAggregation([op.fn], op.bucket, timeWeightedBuckets);
      return aggWords(op.fn, plan);
    case 'series':
      return bucketAggregation(op.fns, op.bucket, timeWeightedBuckets);
    case 'total':
      return `sum over the tags of each tag's ${aggWords(op.fn, plan)}`;
    case 'threshold':
      return `${thresholdMethod(op, plan.tags[0]?.unit)}${plan.tags.length > 1 ? memberMethod(plan) : ''}`;
    case 'run-hours':
      if (op.report) return stateReportMethod(op.report);
      return `run-hours and starts of the step signal, the state carried in at the window start included${op.hoursLimit ? memberMethod(plan) : ''}${op.summed ? `; added over the ${plan.tags.length} tags (${plan.tags.map((t) => t.name).join(', ')}): pump-hours, not the time any of them ran` : ''}`;
    case 'alarm-count':
      if (op.during) return `count of alarms standing at any moment of the window ${DURING}`;
      return op.standing
        ? 'count of alarm activations raised by the moment asked with no clear of their tag in between'
        : op.unacknowledged
          ? 'count of alarm activations with no acknowledgement of their tag from the activation to the moment asked'
          : 'count of alarm activations';
    case 'alarm-top':
      if (op.chatter)
        return `tags with ${op.chatter.count} or more activations within ${op.chatter.minutes} min in the window, with their activations counted`;
      // "daily alarm count": per plant-local calendar bucket, every one of the window (0 where none came).
      if (op.bucket) return `alarm activations counted per plant-local ${op.bucket}, every ${op.bucket} of the window`;
      return `alarm activations counted per ${op.by === 'site' ? 'site of the tag’s asset' : (op.by ?? 'tag')}`;
    case 'alarm-list':
      if (op.during) return `alarms standing at any moment of the window ${DURING}, each with its clear and acknowledgement`;
      return op.unacknowledged
        ? 'alarm activations with no acknowledgement of their tag from the activation to the end of the window'
        : `alarm activations, each with its clear and acknowledgement${op.newest ? ', newest first' : ''}`;
    case 'alarm-ack-time':
      return `${alarmStatistic(op.statistic)} of the time from activation to the first acknowledgement at or after it`;
    case 'alarm-clear-time':
      return `${alarmStatistic(op.statistic)} of the time from activation to clear`;
    case 'crossing':
      return op.event === 'start' || op.event === 'stop'
        ? `${op.which ?? 'first'} ${op.event} inside the window of the step signal (a state carried in does not count)`
        : `${op.which ?? 'first'} moment inside the window the step signal went ${op.event} ${op.value ?? 0} (a state carried in does not count)`;
    case 'state-events':
      return op.count
        ? `${op.events.join(' and ')}s counted per tag inside the window of the step signal: a ${op.events.join(' or ')} is a good piece ${op.events.length === 1 && op.events[0] === 'stop' ? 'not running (0) after a good running one (1)' : 'beginning in the other state after a good one'}; a state carried in does not count${op.events.includes('stop') ? ', and a stop says nothing of why (no tag records a trip)' : ''}`
        : `each ${op.events.join(' and each ')} inside the window of the step signal (a good piece beginning in the other state after a good one; a state carried in does not count), oldest first`;
    case 'last-run':
      return 'the newest stretch of good running pieces (running = 1; a not-good piece or the max age ends it) inside the window, searched back from its end; its end is the window end when it still runs';
    case 'together':
      return `stretches when ${op.atLeast !== undefined && op.atLeast < plan.tags.length ? `at least ${op.atLeast} of the ${plan.tags.length} status signals were` : 'every status signal was'} ${isMixed(op.states) ? 'in the state asked of it (running, or known stopped: good 0; an unknown state is neither)' : wholeState(op.states) === 'stopped' ? 'known stopped (good 0; an unknown state is not stopped)' : 'running'} at once (a sweep over each signal's good ${isMixed(op.states) ? 'pieces in that state' : wholeState(op.states) === 'stopped' ? 'stopped pieces' : 'running pieces'}, on their own sample times, none resampled), the states carried in at the window start included`;
    case 'correlation':
      return "Pearson correlation of the two signals aligned on a one-minute grid: at each minute each signal's value from its piece in force (as of that minute: held, or interpolated for a linear signal); minutes where either is not good or past the max age are left out";
    case 'change':
      return op.previous
        ? `${AGG_METHOD[op.fn]} of the window against the same of ${op.previous.label ?? 'the earlier period'}, each period on its own`
        : `${AGG_METHOD[op.fn]} of the window against the same window one ${op.period} earlier`;
    case 'bucket-rank':
      return `${bucketAggregation([op.fn], op.bucket, true)}, buckets ordered ${op.order === 'asc' ? 'lowest' : 'highest'} first`;
    case 'night-flow':
      return `time-weighted average over ${String(op.fromHour).padStart(2, '0')}:00–${String(op.toHour).padStart(2, '0')}:00 plant time of each night (minimum night flow)${op.order ? `, nights ordered ${op.order === 'asc' ? 'lowest' : 'highest'} first` : ''}`;
    case 'shift-log':
      return op.spans?.length ? `shift log entries in the ${op.spans.length} shifts of the window` : 'shift log entries in the window';
    case 'coverage':
      return (
        'share of the whole window covered by good-quality data (each sample holds until the next one, at most its max age; ' +
        'time held by a bad or uncertain sample is not good); a gap is a stretch without good data longer than the heartbeat'
      );
    case 'catalog':
      return `catalog entries as written in the tag table${op.count ? ', counted' : ''}`;
  }
}

const BUCKET_FN: Record<AggFn, string> = {
  avg: 'time-weighted average',
  mean: 'arithmetic mean of the readings',
  min: 'minimum',
  max: 'maximum',
  first: 'first value',
  last: 'last value',
  delta: 'change',
  count: 'count of the readings',
  sum: 'sum of the readings',
  integral: 'integral',
};

/** "hourly time-weighted average, minimum, maximum of the signal, values carried across bucket edges". */
function bucketAggregation(fns: readonly AggFn[], bucket: keyof typeof BUCKET_WORD, timeWeighted: boolean): string {
  if (!timeWeighted) return `${BUCKET_WORD[bucket]} ${fns.map((fn) => (fn === 'avg' ? 'mean' : fn)).join(', ')} of the stored readings`;
  const ofSignal = fns.some((fn) => OF_SIGNAL.has(fn));
  return `${BUCKET_WORD[bucket]} ${fns.map((fn) => BUCKET_FN[fn]).join(', ')}${ofSignal ? ' of the signal, values carried across bucket edges' : ''}`;
}

/** Whether a plan reads the signal (interpolation, coverage and gaps apply) rather than alarm events. */
export function readsSignal(plan: Plan): boolean {
  return !plan.operation.kind.startsWith('alarm-') && plan.operation.kind !== 'shift-log' && plan.operation.kind !== 'catalog';
}

/** One interpolation for the plan's tags ("step, default for analog"), or `mixed` with the count of each. */
export function interpolationOf(plan: Plan, signal: PlanSignal | undefined): MethodInterpolation {
  if (!signal || !readsSignal(plan))
    return {
      kind: 'none',
      why:
        plan.operation.kind === 'shift-log'
          ? 'log entries as written'
          : plan.operation.kind === 'catalog'
            ? 'catalog entries as written'
            : 'alarm events are counted, not interpolated',
    };
  const op = plan.operation;
  if (op.kind === 'latest' || op.kind === 'at') return { kind: 'none', why: 'the stored sample as it is' };
  const fns = op.kind === 'aggregate' || op.kind === 'series' ? op.fns : 'fn' in op ? [op.fn] : [];
  if (fns.length > 0 && fns.every((fn) => !OF_SIGNAL.has(fn))) return { kind: 'none', why: 'the stored readings, not the signal' };
  const models = plan.tags.map((t) => signal.tags.get(t.name)).filter((s) => s !== undefined);
  const kinds = new Set(models.map((m) => m.interpolation));
  if (kinds.size === 1) {
    const whys = [...new Set(models.map((m) => m.why))];
    return { kind: models[0]!.interpolation, why: whys.length === 1 ? whys[0]! : whys.join('; ') };
  }
  const count = (kind: string): number => models.filter((m) => m.interpolation === kind).length;
  return { kind: 'mixed', why: `step for ${count('step')} tags, linear for ${count('linear')}` };
}

const num = (cell: Cell | undefined): number | null =>
  cell === null || cell === undefined || cell === '' ? null : Number.isFinite(Number(cell)) ? Number(cell) : null;

function columnValues(result: QueryResult, name: string): (Cell | undefined)[] {
  const index = result.columns.findIndex((c) => c.name === name);
  return index < 0 ? [] : result.rows.map((r) => r[index]);
}

/** Coverage, gaps and the data end of a result's helper columns (the worst tag of a multi-tag result), when it has them. */
export function coverageOf(
  result: QueryResult,
  window?: { fromMs: number; toMs: number },
): Pick<AnswerMethod, 'coverage' | 'gaps'> & { dataEndMs: number | null } {
  // A row's `coverage` is its good time as a share of the window up to its `data_end`; the claim is about the whole
  // window asked, so a window that runs past the newest data is covered only up to it (askedShare).
  const endIndex = result.columns.findIndex((c) => c.name === 'data_end');
  const coverage = columnValues(result, 'coverage')
    .map((cell, i) => askedShare(num(cell), endIndex >= 0 ? result.rows[i]?.[endIndex] : undefined, window))
    .filter((v): v is number => v !== null);
  const gaps = columnValues(result, 'gaps')
    .map(num)
    .filter((v): v is number => v !== null);
  const longest = columnValues(result, 'longest_gap_minutes')
    .map(num)
    .filter((v): v is number => v !== null);
  const ends = columnValues(result, 'data_end')
    .map((c) => (c === null || c === undefined ? Number.NaN : Date.parse(String(c))))
    .filter(Number.isFinite);
  return {
    coverage: coverage.length > 0 ? Math.min(1, Math.min(...coverage)) : null,
    gaps:
      gaps.length > 0 ? { count: gaps.reduce((a, b) => a + b, 0), longestMinutes: longest.length > 0 ? Math.max(...longest) : 0 } : null,
    dataEndMs: ends.length > 0 ? Math.min(...ends) : null,
  };
}

/** A share of the window up to `dataEnd` as a share of the whole asked window (the same when the data reaches its end). */
function askedShare(share: number | null, dataEnd: Cell | undefined, window?: { fromMs: number; toMs: number }): number | null {
  if (share === null || !window || dataEnd === null || dataEnd === undefined) return share;
  const endMs = Date.parse(String(dataEnd));
  const asked = window.toMs - window.fromMs;
  if (!Number.isFinite(endMs) || endMs >= window.toMs || asked <= 0) return share;
  return (share * Math.max(0, endMs - window.fromMs)) / asked;
}

/** "99.7 %", "100 %", "12 %": a coverage share as a percentage with at most one decimal, never rounded up to 100. */
export function formatPercent(share: number): string {
  const tenths = Math.floor(share * 1000 + 1e-9) / 10;
  return `${tenths % 1 === 0 ? tenths.toFixed(0) : tenths.toFixed(1)} %`;
}

function gapsText(gaps: NonNullable<AnswerMethod['gaps']>): string {
  if (gaps.count === 0) return 'no gaps';
  const longest = formatDuration(gaps.longestMinutes * 60_000);
  return gaps.count === 1 ? `1 gap of ${longest}` : `${gaps.count} gaps, the longest ${longest}`;
}

/** The line a person reads: aggregation (interpolation) over the window, coverage, gaps, where the data ends. */
export function methodLine(method: Omit<AnswerMethod, 'line'>, timezone: string): string {
  const interpolation =
    method.interpolation.kind === 'none'
      ? ''
      : method.interpolation.kind === 'mixed'
        ? ` (${method.interpolation.why})`
        : ` (${method.interpolation.kind}, ${method.interpolation.why})`;
  const parts = [
    `${method.aggregation}${interpolation}${method.window.seconds > 0 ? ` over ${formatDuration(method.window.seconds * 1000)}` : ''}`,
  ];
  if (method.conversion) parts.push(method.conversion);
  if (method.coverage !== null) parts.push(`${formatPercent(method.coverage)} good coverage`);
  if (method.gaps) parts.push(gapsText(method.gaps));
  if (method.window.dataEnd) parts.push(`data ends ${plantTimeWithOffset(Date.parse(method.window.dataEnd), timezone)}`);
  return parts.join(', ');
}

/** The functions a plan computes over its tags (none for latest, alarms, durations...). */
function planFns(plan: Plan): readonly AggFn[] {
  const op = plan.operation;
  if (op.kind === 'aggregate' || op.kind === 'series') return op.fns;
  return 'fn' in op ? [op.fn] : [];
}

/** "1 m3/h for 1 h = 1 m3" (one per distinct rate unit) when the plan integrates a rate; undefined otherwise. */
export function conversionOf(plan: Plan): string | undefined {
  if (!planFns(plan).includes('integral')) return undefined;
  const texts = [...new Set(plan.tags.map((t) => rateUnit(t.unit)).map((u) => (u ? conversionText(u) : null)))];
  return texts.every((t) => t !== null) && texts.length > 0 ? texts.join('; ') : undefined;
}

/** The method of an executed plan. */
export function describeMethod(plan: Plan, result: QueryResult, signal: PlanSignal | undefined, timeWeightedBuckets = true): AnswerMethod {
  const fromMs = Date.parse(plan.window.from);
  const toMs = Date.parse(plan.window.to);
  const instant = plan.operation.kind === 'latest' || plan.operation.kind === 'at';
  const measured = readsSignal(plan) && !instant ? coverageOf(result, { fromMs, toMs }) : { coverage: null, gaps: null, dataEndMs: null };
  const clipped = measured.dataEndMs !== null && measured.dataEndMs < toMs;
  const method: Omit<AnswerMethod, 'line'> = {
    aggregation: aggregationOf(plan, timeWeightedBuckets),
    interpolation: interpolationOf(plan, signal),
    window: {
      from: plan.window.from,
      to: plan.window.to,
      seconds: instant ? 0 : (toMs - fromMs) / 1000,
      ...(clipped ? { dataEnd: new Date(measured.dataEndMs!).toISOString() } : {}),
    },
    coverage: measured.coverage,
    gaps: measured.gaps,
  };
  const conversion = [plan.scale?.text, conversionOf(plan)].filter((t) => t !== undefined).join('; ');
  if (conversion) method.conversion = conversion;
  return { ...method, line: methodLine(method, plan.window.timezone) };
}

/** The statistic of the times to acknowledge or clear, in words. */
function alarmStatistic(statistic: 'max' | 'min' | 'sum' | undefined): string {
  return statistic === 'max' ? 'longest' : statistic === 'min' ? 'shortest' : statistic === 'sum' ? 'sum' : 'arithmetic mean';
}
