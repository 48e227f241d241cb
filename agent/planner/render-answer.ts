// Turns a plan and its query result into the Answer: a sentence with numbers and units, chart spec, quality notes.
import { duringWindow } from './time-window.ts';
import type { Cell, QueryResult } from '../../connectors/connector.ts';
import type { HistorianMapping } from '../../connectors/historian-mapping.ts';
import type { Answer, AnswerMethod, ChartSpec } from '../answer.ts';
import { describeMethod, formatDuration, formatPercent, plantTimeWithOffset } from './answer-method.ts';
import type { AggFn, Bucket, Plan, PlanTag } from './plan.ts';
import { planSignal, signalSettingsOf, type PlanSignal } from './signal-model.ts';
import { formatShort } from './zoned-time.ts';
import { describeShape } from './render-shapes.ts';
import { rateUnit } from './signal-units.ts';
import { answerRows, unknownStateSentence } from './unknown-state.ts';
import { thresholdReportSentence } from './threshold-report.ts';
import { durationIn } from './duration-unit.ts';
import { alarmStateSentence } from './alarm-state.ts';

const FN_LABEL: Record<AggFn, string> = {
  avg: 'average',
  mean: 'mean of the readings',
  min: 'minimum',
  max: 'maximum',
  sum: 'sum',
  count: 'sample count',
  first: 'first value',
  last: 'last value',
  delta: 'change',
  integral: 'total',
};
const buckets = (count: number): string => `${count} bucket${count === 1 ? '' : 's'}`;
const sentenceCase = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const BUCKET_ADJECTIVE: Record<Bucket, string> = { hour: 'hourly', day: 'daily', week: 'weekly', month: 'monthly' };
const numberFormat = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 3,
  maximumSignificantDigits: 3,
  roundingPriority: 'morePrecision',
});

/**
 * A number for a sentence: 3 decimals or 3 significant digits, whichever shows more (1,234.568; 0.0167, not 0.017),
 * rounded once (0.27747 is 0.277; rounding to 4 digits first gave 0.278). `otq eval` holds a sentence to this.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return numberFormat.format(value);
}

const num = (cell: Cell | undefined): number | null =>
  cell === null || cell === undefined || cell === '' ? null : Number.isFinite(Number(cell)) ? Number(cell) : null;
const withUnit = (value: number | null, unit: string | undefined): string =>
  value === null ? 'no data' : `${formatNumber(value)}${unit ? ` ${unit}` : ''}`;

function when(cell: Cell | undefined, timezone: string): string {
  if (typeof cell !== 'string') return String(cell);
  const hasZone = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/.test(cell);
  const date = new Date(hasZone ? cell : `${cell.replace(' ', 'T')}Z`);
  if (Number.isNaN(date.getTime())) return cell;
  return hasZone ? formatShort(date, timezone) : cell.replace('T', ' ').slice(0, 16);
}

function column(result: QueryResult, name: string): number {
  return result.columns.findIndex((c) => c.name === name);
}

function sumColumn(result: QueryResult, name: string): number | null {
  const index = column(result, name);
  if (index < 0) return null;
  return result.rows.reduce((sum, row) => sum + (num(row[index]) ?? 0), 0);
}

/** "12 of 1,440 samples (0.8 %) had bad quality and were excluded", when any were. */
export function qualityNote(result: QueryResult): string | null {
  const good = sumColumn(result, 'good_samples');
  const all = sumColumn(result, 'all_samples');
  if (good === null || all === null || all === 0 || good === all) return null;
  const bad = all - good;
  return `${formatNumber(bad)} of ${formatNumber(all)} samples (${formatNumber((bad / all) * 100)} %) were not good quality and were excluded`;
}

/** The unit of `fn` of a tag: the amount unit of a rate's integral (m3/h -> m3), else the tag's own unit. */
const unitOf = (fn: AggFn, tag: PlanTag | undefined): string | undefined =>
  fn === 'integral' ? (rateUnit(tag?.unit)?.amount ?? tag?.unit) : tag?.unit;

/** What `fn` of a tag is called: a rate's integral by what it measures ("volume", "energy"), else the function's label. */
const fnLabelOf = (fn: AggFn, tag: PlanTag | undefined): string =>
  fn === 'integral' ? (rateUnit(tag?.unit)?.quantity ?? FN_LABEL.integral) : FN_LABEL[fn];

/**
 * " (integrated over 22 h 51 min with good data, 95.2 % of the window)": with less than full coverage an integral covers
 * only the good part of the window, which the sentence says beside the number.
 */
function integratedPart(result: QueryResult, row: Cell[] | undefined, fromMs: number, toMs: number): string {
  const at = (name: string): Cell | undefined => (row ? row[column(result, name)] : undefined);
  const coverage = num(at('coverage'));
  const end = Date.parse(String(at('data_end')));
  if (coverage === null || !Number.isFinite(end)) return '';
  // `coverage` is the share up to the data's end; the sentence gives the share of the whole window asked.
  const goodMs = coverage * (Math.min(end, toMs) - fromMs);
  const share = toMs > fromMs ? goodMs / (toMs - fromMs) : coverage;
  if (share >= 1) return '';
  return ` (integrated over the ${formatDuration(goodMs)} with good data, ${formatPercent(share)} of the window)`;
}

/** A status tag's value in words, with the number ("running (1)", "stopped (0)"); null for other tags. */
function statusWord(value: number | null, tag: PlanTag | undefined): string | null {
  if (value === null || tag?.dataType?.toLowerCase() !== 'status') return null;
  return value >= 0.5 ? `running (${formatNumber(value)})` : `stopped (${formatNumber(value)})`;
}

/** The tag a result row is about: its first column when the plan has several tags, else the plan's one tag. */
const rowTag = (plan: Plan, row: Cell[]): string => (plan.tags.length > 1 ? String(row[0]) : (plan.tags[0]?.name ?? ''));

const label = (tag: PlanTag | undefined): string => (tag ? `${tag.name}${tag.description ? ` (${tag.description})` : ''}` : 'the tag');

/** The sentence for one plan and its rows; `goodQuality` holds the mapping's good quality codes (192 for OPC DA, 0 for OPC UA...). */
export function describeResult(plan: Plan, result: QueryResult, goodQuality: readonly number[]): string {
  const tz = plan.window.timezone;
  const tag = plan.tags[0];
  const unit = plan.tags.length === 1 ? tag?.unit : plan.tags.every((t) => t.unit === tag?.unit) ? tag?.unit : undefined;
  const rows = result.rows;
  const first = rows[0];
  const op = plan.operation;
  const period = plan.window.label;
  const inPeriod = duringWindow(period, 'in');
  /** "BPS01/P01/Running 12.95 h": a row's tag and its value in the unit of `fn` over that tag. */
  const tagValue = (r: Cell[], fn: AggFn): string =>
    `${String(r[0])} ${withUnit(
      num(r[1]),
      unitOf(
        fn,
        plan.tags.find((t) => t.name === r[0]),
      ),
    )}`;
  switch (op.kind) {
    case 'latest':
    case 'at': {
      if (!first) return `No sample of ${label(tag)} ${inPeriod}.`;
      const valueOf = (cell: Cell | undefined, t: PlanTag | undefined): string => statusWord(num(cell), t) ?? withUnit(num(cell), t?.unit);
      if (op.kind === 'latest' && op.rank && first) {
        const word = op.rank.order === 'asc' ? 'lowest' : 'highest';
        const at = (r: Cell[]): string =>
          `${valueOf(
            r[2],
            plan.tags.find((t) => t.name === r[0]),
          )} at ${when(r[1], tz)}`;
        const rest = rows.slice(1).map((r) => `${String(r[0])} ${at(r)}`);
        return `${String(first[0])} is the ${word} now: ${at(first)}${rest.length > 0 ? `; then ${rest.join('; ')}` : ''} (latest values of ${plan.tags.length} tags).`;
      }
      if (plan.tags.length > 1)
        return `${op.kind === 'latest' ? 'Latest values' : `Values at ${when(op.at, tz)}`}: ${rows
          .map(
            (r) =>
              `${String(r[0])} ${valueOf(
                r[2],
                plan.tags.find((t) => t.name === r[0]),
              )} at ${when(r[1], tz)}`,
          )
          .join('; ')}.`;
      const quality = column(result, 'quality') >= 0 ? num(first[2]) : null;
      const qualityText = quality === null ? '' : goodQuality.includes(quality) ? ', quality good' : `, quality ${quality} (not good)`;
      return `${label(tag)} was ${valueOf(first[1], tag)} at ${when(first[0], tz)} ${tz}${qualityText}${op.kind === 'at' ? ` (last sample at or before ${when(op.at, tz)})` : ''}.`;
    }
    case 'aggregate': {
      // No row: not one sample of the tag in the window, nor one carried into it.
      if (!first) return `No samples of ${label(tag)} ${inPeriod}.`;
      const all = sumColumn(result, 'all_samples');
      if (op.fns.every((_, i) => num(first[i]) === null))
        return `No good-quality data of ${label(tag)} ${inPeriod}${all ? `: all ${formatNumber(all)} samples had bad quality` : ''}.`;
      // "when was it highest": the extreme says when the signal first reached it.
      const reached = column(result, 'time');
      const at = (fn: AggFn): string =>
        op.when === fn && reached >= 0 && first[reached] !== null ? `, first reached at ${when(first[reached], tz)}` : '';
      const parts = op.fns.map(
        (fn, i) =>
          `${fnLabelOf(fn, tag)} ${fn === 'count' ? formatNumber(num(first[i]) ?? 0) : withUnit(num(first[i]), unitOf(fn, tag))}${at(fn)}` +
          (fn === 'integral' && num(first[i]) !== null
            ? integratedPart(result, first, Date.parse(plan.window.from), Date.parse(plan.window.to))
            : ''),
      );
      return `${label(tag)}, ${period}: ${parts.join(', ')}.`;
    }
    case 'series': {
      if (rows.length === 0) return `No data for ${label(tag)} ${inPeriod}.`;
      const values = op.fns.map((fn, i) => ({ fn, values: rows.map((r) => num(r[i + 1])).filter((v): v is number => v !== null) }));
      const overall = values.map(
        ({ fn, values: v }) =>
          `${fnLabelOf(fn, tag)} ranges ${withUnit(Math.min(...v), unitOf(fn, tag))} – ${withUnit(Math.max(...v), unitOf(fn, tag))}`,
      );
      return `${label(tag)}, ${BUCKET_ADJECTIVE[op.bucket]} ${op.fns.join('/')} over ${period}: ${buckets(rows.length)}; ${overall.join('; ')}.`;
    }
    case 'threshold': {
      const side = op.comparator === 'above' ? 'above' : 'below';
      if (op.report) {
        const read = (name: string): number | null => num(first?.[column(result, name)]);
        const row = {
          times: read('times') ?? read('stretches') ?? 0,
          totalHours: read('total_hours') ?? 0,
          sharePct: read('share_pct'),
          coverage: read('coverage'),
        };
        const what = { tag: label(tag), side, limit: withUnit(op.value, unit), during: duringWindow(period) };
        return thresholdReportSentence(op.report, what, row, formatNumber);
      }
      const hours = rows.map((r) => num(r[2]) ?? 0);
      if (rows.length === 0)
        return `${label(tag)} was never ${side} ${withUnit(op.value, unit)} ${duringWindow(period)} (good-quality samples).`;
      const total = hours.reduce((a, b) => a + b, 0);
      const longest = hours.indexOf(Math.max(...hours));
      const row = rows[longest] ?? [];
      const span = (h: number): string => durationIn(h, op.unit, formatNumber);
      return `${label(tag)} was ${side} ${withUnit(op.value, unit)} ${rows.length} time${rows.length === 1 ? '' : 's'} for ${span(total)} in total ${duringWindow(period)}; the longest stretch was ${span(hours[longest] ?? 0)}, from ${when(row[0], tz)} to ${when(row[1], tz)}.`;
    }
    case 'run-hours': {
      const starts = (cell: Cell | undefined) => `${formatNumber(num(cell) ?? 0)} start${num(cell) === 1 ? '' : 's'}`;
      // Ranked by starts, the starts come first: the number after the pump is the one the question asked for. A tag
      // whose state is not known at any time of the window has no run-hours ("no data"), never 0 h.
      const perTag = (r: Cell[]) =>
        num(r[1]) === null
          ? `${String(r[0])} no data`
          : op.rankBy === 'starts'
            ? `${String(r[0])} ${starts(r[2])}, ${formatNumber(num(r[1]) ?? 0)} h`
            : `${String(r[0])} ${formatNumber(num(r[1]) ?? 0)} h, ${starts(r[2])}`;
      // The leader is named once: its numbers follow the period, then the others' with their names.
      if (plan.tags.length > 1 && op.rankBy && first)
        return `${String(first[0])} ${op.rankBy === 'starts' ? `started ${op.order === 'asc' ? 'least' : 'most'} often` : `ran the ${op.order === 'asc' ? 'least' : 'most'}`}, ${period}: ${[perTag(first).slice(String(first[0]).length + 1), ...rows.slice(1).map(perTag)].join('; ')} (of ${plan.tags.length} tags).`;
      if (plan.tags.length > 1) return `Run-hours and starts, ${period}: ${rows.map(perTag).join('; ')}.`;
      if (num(first?.[0]) === null) return `No good-quality state of ${label(tag)} ${inPeriod}.`;
      return `${label(tag)} ran ${formatNumber(num(first?.[0]) ?? 0)} h with ${starts(first?.[1])} ${duringWindow(period)}.`;
    }
    case 'rank': {
      if (rows.length === 0) return `No data for these tags ${inPeriod}.`;
      const word = op.order === 'asc' ? 'lowest' : 'highest';
      const list = rows.map((r) => tagValue(r, op.fn));
      // With one row the leader is named once, its value after the period.
      if (op.limit === 1 && first)
        return `${String(first[0])} had the ${word} ${fnLabelOf(op.fn, tag)}, ${period}: ${list[0]?.slice(String(first[0]).length + 1) ?? ''} (of ${plan.tags.length} tags).`;
      return `Ranked by ${fnLabelOf(op.fn, tag)} (${word} first), ${period}: ${list.join('; ')} (of ${plan.tags.length} tags).`;
    }
    case 'compare': {
      if (op.bucket)
        return `${sentenceCase(FN_LABEL[op.fn])} per ${op.bucket} of ${plan.tags.map((t) => t.name).join(' vs ')}, ${period}: ${buckets(rows.length)}.`;
      return `${sentenceCase(fnLabelOf(op.fn, tag))}, ${period}: ${rows.map((r) => tagValue(r, op.fn)).join('; ')}.`;
    }
    case 'total': {
      const total = num(first?.[0]);
      const withData = num(first?.[1]) ?? 0;
      if (total === null) return `No data for ${plan.tags.map((t) => t.name).join(', ')} ${inPeriod}.`;
      const missing = withData < plan.tags.length ? ` (only ${formatNumber(withData)} of the ${plan.tags.length} tags had data)` : '';
      const totalUnit = op.fn === 'integral' ? unitOf(op.fn, tag) : unit;
      return `Total ${fnLabelOf(op.fn, tag)} of ${plan.tags.map((t) => t.name).join(' + ')}, ${period}: ${withUnit(total, totalUnit)}${missing}.`;
    }
    case 'alarm-count':
      return `${formatNumber(num(first?.[0]) ?? 0)} ${op.priority !== undefined ? `priority-${op.priority} ` : ''}alarms became active${plan.tags.length > 0 ? ` on ${plan.tags.length === 1 ? label(tag) : `${plan.tags.length} matching tags`}` : ''} ${inPeriod}.`;
    case 'alarm-top':
      if (rows.length === 0) return `No ${op.priority !== undefined ? `priority-${op.priority} ` : ''}alarms ${inPeriod}.`;
      return `Most frequent ${op.priority !== undefined ? `priority-${op.priority} ` : ''}alarms ${inPeriod}: ${rows.map((r) => `${String(r[0])} (${formatNumber(num(r[1]) ?? 0)})`).join(', ')}.`;
    case 'alarm-list': {
      const kind = `${op.priority !== undefined ? `priority-${op.priority} ` : ''}alarm`;
      const on = plan.tags.length === 1 ? ` on ${label(tag)}` : plan.tags.length > 1 ? ` on ${plan.tags.length} matching tags` : '';
      if (op.standing || (op.unacknowledged && op.asOf && Date.parse(op.asOf) < Date.parse(plan.window.to))) {
        const rowsOf = rows.map((row) => ({ tag: String(row[column(result, 'tag')]), since: when(row[column(result, 'start_time')], tz) }));
        const state = op.standing ? 'standing' : 'unacknowledged';
        return alarmStateSentence({ state, kind, on, at: when(op.asOf, tz), period: plan.window.label, rows: rowsOf });
      }
      if (op.unacknowledged) {
        const unacked = `unacknowledged ${kind}`;
        if (rows.length === 0) return `No ${unacked}s${on} ${inPeriod}: every alarm that became active was acknowledged.`;
        const list = rows
          .slice(0, 10)
          .map((row) => `${String(row[column(result, 'tag')])} active since ${when(row[column(result, 'start_time')], tz)}`);
        return `${formatNumber(rows.length)} ${unacked}${rows.length === 1 ? '' : 's'}${on} ${inPeriod}: ${list.join('; ')}${rows.length > 10 ? `; ${rows.length - 10} more in the table` : ''}.`;
      }
      if (rows.length === 0) return `No ${kind}s became active${on} ${inPeriod}.`;
      const at = (name: string, row: Cell[]): Cell | undefined => {
        const index = column(result, name);
        return index < 0 ? undefined : row[index];
      };
      const one = (row: Cell[]): string => {
        const cleared = at('end_time', row);
        const acked = at('ack_time', row);
        return (
          `${String(at('tag', row))} at ${when(at('start_time', row), tz)}` +
          `${at('priority', row) !== undefined ? ` (priority ${String(at('priority', row))})` : ''}` +
          `, ${cleared ? `cleared ${when(cleared, tz)}` : 'not cleared'}, ${acked ? `acknowledged ${when(acked, tz)}` : 'not acknowledged'}` +
          `${op.durations && num(at('minutes', row) ?? null) !== null ? `, active ${formatNumber(num(at('minutes', row) ?? null) ?? 0)} min` : ''}`
        );
      };
      const shown = rows.slice(0, 10).map(one);
      const more = rows.length > 10 ? `; ${rows.length - 10} more in the table` : '';
      if (op.byDuration)
        return `The ${kind}${rows.length === 1 ? '' : 's'}${on} that took the ${op.byDuration === 'desc' ? 'longest' : 'shortest'} time to clear, of those raised ${inPeriod}: ${shown.join('; ')}${more}.`;
      return `${formatNumber(rows.length)} ${kind}${rows.length === 1 ? '' : 's'} became active${on} ${inPeriod}: ${shown.join('; ')}${more}.`;
    }
    case 'alarm-ack-time': {
      const minutes = num(first?.[0]);
      const kind = `${op.priority !== undefined ? `priority-${op.priority} ` : ''}alarms`;
      if (minutes === null)
        return `No ${kind} were raised and acknowledged${plan.tags.length > 0 ? ` on ${plan.tags.length} matching tags` : ''} ${inPeriod}.`;
      const open = num(first?.[2]) ?? 0;
      return `${sentenceCase(kind)} took ${formatNumber(minutes)} min on average to be acknowledged (${formatNumber(num(first?.[1]) ?? 0)} acknowledged${open > 0 ? `, ${formatNumber(open)} not yet` : ''}) ${inPeriod}.`;
    }
    case 'alarm-clear-time': {
      const minutes = num(first?.[0]);
      if (minutes === null) return `No alarm was raised and cleared ${inPeriod}.`;
      return `Alarms took ${formatNumber(minutes)} min on average to clear (${formatNumber(num(first?.[1]) ?? 0)} alarms cleared) ${inPeriod}.`;
    }
    case 'crossing':
    case 'together':
    case 'correlation':
    case 'change':
    case 'bucket-rank':
    case 'night-flow':
    case 'shift-log':
      return describeShape(plan, op, result, period);
  }
}

/** A chart for series-like results: x = bucket (or start), one series per value column. */
export function chartFor(plan: Plan, result: QueryResult): ChartSpec | undefined {
  const op = plan.operation;
  if (op.kind === 'series')
    return {
      kind: 'line',
      x: 'bucket',
      series: op.fns.map((fn) => {
        const fnUnit = unitOf(fn, plan.tags[0]);
        return {
          column: `${fn}_value`,
          label: `${fnLabelOf(fn, plan.tags[0])} ${plan.tags[0]?.name ?? ''}`.trim(),
          ...(fnUnit ? { unit: fnUnit } : {}),
        };
      }),
    };
  if (op.kind === 'compare' && op.bucket) {
    return {
      kind: 'line',
      x: 'bucket',
      series: result.columns.slice(1).map((c) => {
        const columnUnit = plan.tags.find((t) => t.name === c.name)?.unit;
        return { column: c.name, label: c.name, ...(columnUnit ? { unit: columnUnit } : {}) };
      }),
    };
  }
  return undefined;
}

/** The complete Answer for an executed plan. */
/** A latest value older than this, relative to the moment asked about, is flagged as possibly not current. */
export const STALE_AFTER_MS = 15 * 60_000;

/**
 * For "latest" and "value at" questions: says so when the sample found is much older than the moment asked about, so a
 * stale value is never presented as current (or as the value at that moment).
 */
export function freshnessNote(plan: Plan, result: QueryResult, signal?: PlanSignal): string | null {
  const op = plan.operation;
  if (op.kind !== 'latest' && op.kind !== 'at') return null;
  const timeIndex = result.columns.findIndex((c) => c.name === 'time');
  const asOf = Date.parse(op.kind === 'at' ? op.at : plan.window.to);
  // A tag stored with a heartbeat (a pump status, heartbeat hourly) is current until its heartbeat is overdue; a tag
  // stored on change (no heartbeat: held until its next sample) is never stale by the age of its sample alone.
  const onChange = (tag: string): boolean => signal?.tags.get(tag)?.maxAgeMs === null;
  const staleAfter = (tag: string): number => Math.max(STALE_AFTER_MS, signal?.tags.get(tag)?.heartbeatMs ?? 0);
  const old = result.rows
    .map((row) => ({ tag: rowTag(plan, row), at: Date.parse(String(row[timeIndex])) }))
    .filter((r) => Number.isFinite(r.at) && asOf - r.at > staleAfter(r.tag));
  const age = (ms: number) => (ms >= 2 * 3600_000 ? `${Math.round(ms / 3600_000)} h` : `${Math.round(ms / 60_000)} min`);
  const held = old.filter((r) => onChange(r.tag));
  const stale = old.filter((r) => !onChange(r.tag));
  const heldNote =
    held.length > 0
      ? `stored on change: ${held.map((r) => `the sample of ${r.tag} (${age(asOf - r.at)} old)`).join('; ')} holds until the next change — no sample since means no change, unless the feed stopped`
      : null;
  if (timeIndex < 0 || stale.length === 0) return timeIndex < 0 ? null : heldNote;
  if (op.kind === 'at')
    return `stale data: ${stale.map((r) => `the last sample of ${r.tag} is ${age(asOf - r.at)} older than the moment asked about`).join('; ')} — the value may not be what it was then`;
  return `stale data: ${stale.map((r) => `the newest sample of ${r.tag} is ${age(asOf - r.at)} old`).join('; ')} — the value may not be current`;
}

/** A measured value that did not move at all for this long is worth a word: a stuck sensor reads like this. */
export const FLAT_LINE_MS = 6 * 3600_000;

/**
 * Says so when an analog tag's signal did not change over a long window (its minimum equals its maximum in a series or
 * an aggregate that computed both): a frozen sensor with good quality looks like this, and the numbers then describe the
 * sensor, not the process.
 */
export function flatLineNote(plan: Plan, result: QueryResult): string | null {
  const op = plan.operation;
  const tag = plan.tags[0];
  if (plan.tags.length !== 1 || !tag || (op.kind !== 'series' && op.kind !== 'aggregate')) return null;
  if (tag.dataType && tag.dataType.toLowerCase() !== 'analog') return null;
  if (Date.parse(plan.window.to) - Date.parse(plan.window.from) < FLAT_LINE_MS) return null;
  const values = (name: string): number[] =>
    column(result, name) < 0 ? [] : result.rows.map((r) => num(r[column(result, name)])).filter((v): v is number => v !== null);
  const lows = values('min_value');
  const highs = values('max_value');
  if (lows.length === 0 || highs.length === 0) return null;
  const low = Math.min(...lows);
  if (low !== Math.max(...highs)) return null;
  return `flat line: ${tag.name} stayed at exactly ${formatNumber(low)}${tag.unit ? ` ${tag.unit}` : ''} over the whole window — check the sensor (a frozen reading keeps good quality)`;
}

/** Data ending this long before the end of an aggregate's window is worth saying. */
export const COVERAGE_GAP_MS = 60 * 60_000;

/** Shortest length of a bucket: a month bucket is taken as 28 days, so a note is never raised too early. */
const BUCKET_MIN_MS: Record<Bucket, number> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000, month: 28 * 86_400_000 };

/**
 * Says so when the data stops well before the window's end: for aggregates, a tag's newest sample in the window; for
 * series, the end of the last bucket with data.
 */
export function coverageNote(plan: Plan, result: QueryResult): string | null {
  const end = Date.parse(plan.window.to);
  const tz = plan.window.timezone;
  const op = plan.operation;
  const bucket = op.kind === 'series' || op.kind === 'compare' ? op.bucket : undefined;
  const bucketIndex = column(result, 'bucket');
  if (bucket && bucketIndex >= 0 && result.rows.length > 0) {
    const last = result.rows[result.rows.length - 1]?.[bucketIndex];
    const lastStart = Date.parse(String(last));
    if (Number.isFinite(lastStart) && end - (lastStart + BUCKET_MIN_MS[bucket]) > COVERAGE_GAP_MS)
      return `incomplete data: the last ${bucket} with data starts ${when(last, tz)} — the rest of the window has no data`;
    return null;
  }
  const index = column(result, 'last_time');
  if (index < 0) return null;
  // With the signal's `data_end` (the newest sample, when it does not hold to the window's end) the window was clipped.
  const endIndex = column(result, 'data_end');
  const short = result.rows
    .map((row) => ({ tag: rowTag(plan, row), cell: row[index], dataEnd: endIndex >= 0 ? Date.parse(String(row[endIndex])) : Number.NaN }))
    .filter((r) => {
      if (Number.isFinite(r.dataEnd)) return r.dataEnd < end;
      const last = Date.parse(String(r.cell));
      return Number.isFinite(last) && end - last > COVERAGE_GAP_MS;
    });
  if (short.length === 0) return null;
  return `incomplete data: ${short.map((r) => `the newest sample of ${r.tag} in this window is from ${when(r.cell, tz)}`).join('; ')} — data ends there; the answer covers the window up to it`;
}

/**
 * What the answer must say before its number: below the mapping's coverage threshold, the share of the window with good
 * data and its gaps ("Low coverage: only 62 % of the window has good data (2 gaps, the longest 5 h)").
 */
export function coverageCaveat(method: AnswerMethod, minCoverage: number): string | null {
  if (method.coverage === null || method.coverage >= minCoverage) return null;
  const gaps =
    method.gaps && method.gaps.count > 0
      ? ` (${method.gaps.count === 1 ? `1 gap of ${formatDuration(method.gaps.longestMinutes * 60_000)}` : `${method.gaps.count} gaps, the longest ${formatDuration(method.gaps.longestMinutes * 60_000)}`})`
      : '';
  return `Low coverage: only ${formatPercent(method.coverage)} of the window has good data${gaps}; the number covers only that part of it.`;
}

/** "Data ends 2026-12-04 00:52 +01:00; the numbers cover the window up to it." when the window was clipped at the newest data. */
export function dataEndSentence(method: AnswerMethod, timezone: string): string | null {
  if (!method.window.dataEnd) return null;
  return `Data ends ${plantTimeWithOffset(Date.parse(method.window.dataEnd), timezone)}; the numbers cover the window up to it.`;
}

/** The sentence with what must lead it (a coverage caveat) and follow it (where the data ends). */
export function withMethodSentences(sentence: string, method: AnswerMethod, minCoverage: number, timezone: string): string {
  return [coverageCaveat(method, minCoverage), sentence, dataEndSentence(method, timezone)].filter((s) => s !== null).join(' ');
}

/**
 * Where the data ends, for a window without data: "Data ends 2026-11-01 00:59 +01:00, before this window." (an old
 * historian asked about "yesterday"), or that the tags have no samples at all.
 */
function noDataEnd(plan: Plan, newest: string | null | undefined): string | null {
  if (newest === undefined) return null;
  const tags = plan.tags.length === 1 ? 'this tag' : 'these tags';
  if (newest === null) return `There are no samples of ${tags} at all.`;
  const ms = Date.parse(newest);
  if (!Number.isFinite(ms)) return null;
  const at = plantTimeWithOffset(ms, plan.window.timezone);
  if (ms >= Date.parse(plan.window.to))
    return `The data of ${tags} goes on after this window (newest sample ${at}): the window falls in a gap.`;
  return `Data of ${tags} ends ${at}${ms < Date.parse(plan.window.from) ? ', before this window' : ''}.`;
}

/**
 * A window that ends before the asker's look-back window starts found nothing because the role may not read that far
 * back, not because the historian has a gap: "Your role may read samples only from 2026-11-05 01:00 +01:00 on (its
 * look-back window); nothing of this window could be read."
 */
function beforeLookBack(plan: Plan, lookBackFrom: string | undefined): string | null {
  if (!lookBackFrom || Date.parse(plan.window.to) > Date.parse(lookBackFrom)) return null;
  const from = plantTimeWithOffset(Date.parse(lookBackFrom), plan.window.timezone);
  return `Your role may read samples only from ${from} on (its look-back window); nothing of this window could be read.`;
}

/** "A counter reset was seen (2 times) ...", when a counter went down inside the window. */
export function resetSentence(result: QueryResult): string | null {
  const resets = sumColumn(result, 'resets');
  if (resets === null || resets === 0) return null;
  return `A counter reset was seen${resets > 1 ? ` (${formatNumber(resets)} times)` : ''}: the change counts from zero after each reset.`;
}

/** Whether a result carries a number: some row with a non-null cell outside the helper columns. */
export function hasValue(result: QueryResult): boolean {
  const helpers = new Set([
    'tag',
    'good_samples',
    'all_samples',
    'coverage',
    'gaps',
    'longest_gap_minutes',
    'data_end',
    'last_time',
    'resets',
  ]);
  const valueIndexes = result.columns.map((c, i) => (helpers.has(c.name) ? -1 : i)).filter((i) => i >= 0);
  return result.rows.some((row) => valueIndexes.some((i) => row[i] !== null && row[i] !== undefined));
}

export function renderAnswer(
  plan: Plan,
  full: QueryResult,
  extra: Pick<Answer, 'sql' | 'source' | 'decision' | 'auditSeq' | 'notes'> & {
    goodQuality: readonly number[];
    /** The source's historian mapping: the tags' interpolation and the coverage threshold come from it. */
    mapping?: HistorianMapping;
    /** The newest sample of the plan's tags at any age (ISO), looked up when the window had no data. */
    newest?: string | null;
    /** Start of the asker's look-back window (ISO), when the guard applied one: nothing before it was read. */
    lookBackFrom?: string;
  },
): Answer {
  const unknown = unknownStateSentence(plan, full, formatNumber);
  const result = answerRows(plan, full);
  const notes = [...extra.notes, `understood: ${plan.understood}`];
  const quality = qualityNote(result);
  if (quality) notes.push(quality);
  const stale = freshnessNote(plan, result, extra.mapping ? planSignal(extra.mapping, plan.tags) : undefined);
  if (stale) notes.push(stale);
  const coverage = coverageNote(plan, result);
  if (coverage) notes.push(coverage);
  const flat = flatLineNote(plan, result);
  if (flat) notes.push(flat);
  const chart = chartFor(plan, result);
  const method = describeMethod(plan, result, extra.mapping ? planSignal(extra.mapping, plan.tags) : undefined);
  const minCoverage = (extra.mapping ? signalSettingsOf(extra.mapping).minCoveragePercent : 80) / 100;
  const sentence = describeResult(plan, result, extra.goodQuality);
  return {
    answer: hasValue(result)
      ? [withMethodSentences(sentence, method, minCoverage, plan.window.timezone), resetSentence(result), unknown]
          .filter((s) => s !== null)
          .join(' ')
      : [sentence, unknown, beforeLookBack(plan, extra.lookBackFrom) ?? noDataEnd(plan, extra.newest)].filter((s) => s !== null).join(' '),
    method,
    sql: extra.sql,
    source: extra.source,
    columns: result.columns,
    rows: result.rows,
    truncated: result.truncated,
    decision: extra.decision,
    auditSeq: extra.auditSeq,
    window: plan.window,
    ...(chart ? { chart } : {}),
    notes,
    answeredBy: 'quick-planner',
  };
}
