// The answer's sentence for a plan and its rows: one case per operation (the newer shapes' sentences are in render-shapes.ts).
import { duringWindow } from './time-window.ts';
import { summedRunSentence } from './summed-run-hours.ts';
import { againstSentence } from './moments-sentence.ts';
import type { Cell, QueryResult } from '../../connectors/connector.ts';
import { formatDuration, formatPercent } from './answer-method.ts';
import type { AggFn, AlarmDurationLimit, Plan, PlanTag } from './plan.ts';
import { describeShape } from './render-shapes.ts';
import { stateEventsSentence } from './state-events.ts';
import { lastRunSentence } from './last-run.ts';
import { thresholdSentence } from './threshold-sentence.ts';
import { memberThresholdSentence, runLimitSentence } from './member-sentence.ts';
import { alarmStateSentence } from './alarm-state.ts';
import { ackAmbiguitySentence, ackAmbiguous } from './alarm-ack-ambiguity.ts';
import { bucketCountSentence, bucketRepeatSentence, chatterSentence, DURING, timeInAlarmSentence, topTie } from './alarm-sentences.ts';
import { STATE_MEASURE, stateSentence } from './state-time.ts';
import { namesOf, tiedAtTop, tieNote, valuesAt } from './rank-ties.ts';
import { durationIn } from './duration-unit.ts';
import { catalogSentence } from './catalog-sql.ts';
import { coverageSentence } from './coverage-sql.ts';
import {
  BUCKET_ADJECTIVE,
  FN_LABEL,
  buckets,
  column,
  fnLabelOf,
  formatNumber,
  label,
  num,
  sentenceCase,
  statusWord,
  sumColumn,
  unitOf,
  when,
  withUnit,
} from './answer-format.ts';

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

/** The sentence for one plan and its rows; `goodQuality` holds the mapping's good quality codes (192 for OPC DA, 0 for OPC UA...). */
export function describeResult(plan: Plan, result: QueryResult, goodQuality: readonly number[]): string {
  // An alarm answer with acknowledgements paired by assumption says so after its sentence (alarm-ack-ambiguity.ts).
  return `${describeRows(plan, result, goodQuality)}${ackAmbiguitySentence(plan, result)}`;
}

function describeRows(plan: Plan, result: QueryResult, goodQuality: readonly number[]): string {
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
  /** " on 23 matching tags at BPS01, DMA03 and T2": an alarm answer over several tags says which sites it read. */
  const onTags = (): string => {
    if (plan.tags.length === 0) return '';
    if (plan.tags.length === 1) return ` on ${label(tag)}`;
    const sites = [...new Set(plan.tags.flatMap((t) => (t.site ? [t.site] : [])))];
    const at =
      sites.length > 0 && sites.length <= 4 ? ` at ${sites.slice(0, -1).join(', ')}${sites.length > 1 ? ' and ' : ''}${sites.at(-1)}` : '';
    return ` on ${plan.tags.length} matching tags${at}`;
  };
  switch (op.kind) {
    case 'latest':
    case 'at': {
      if (!first) return `No sample of ${label(tag)} ${inPeriod}.`;
      const valueOf = (cell: Cell | undefined, t: PlanTag | undefined): string => statusWord(num(cell), t) ?? withUnit(num(cell), t?.unit);
      if (op.kind === 'at' && op.against) return againstSentence(plan, result, op.against, goodQuality);
      if (op.kind === 'latest' && op.rank && first) {
        const word = op.rank.order === 'asc' ? 'lowest' : 'highest';
        const at = (r: Cell[]): string =>
          `${valueOf(
            r[2],
            plan.tags.find((t) => t.name === r[0]),
          )} at ${when(r[1], tz)}`;
        // Several at the same value share the place: all named, said a tie (rank-ties.ts).
        const tied = tiedAtTop(valuesAt(rows, 2));
        const rest = rows.slice(tied).map((r) => `${String(r[0])} ${at(r)}`);
        const then = rest.length > 0 ? `; then ${rest.join('; ')}` : '';
        if (tied > 1) {
          const leaders = rows.slice(0, tied);
          return `A tie for the ${word} now: ${leaders.map((r) => `${String(r[0])} ${at(r)}`).join('; ')}${then} (latest values of ${plan.tags.length} tags).`;
        }
        return `${String(first[0])} is the ${word} now: ${at(first)}${then} (latest values of ${plan.tags.length} tags).`;
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
    case 'threshold':
      return plan.tags.length > 1 ? memberThresholdSentence(plan, op, result) : thresholdSentence(plan, op, result);
    case 'run-hours': {
      if (op.hoursLimit && !op.report) return runLimitSentence(plan, { ...op, hoursLimit: op.hoursLimit }, result);
      if (op.report) {
        const at = (r: Cell[], name: string): number | null => num(r[column(result, name)]);
        const stateRows = rows.map((r) => ({
          tag: plan.tags.length > 1 ? String(r[0]) : label(tag),
          runHours: at(r, 'run_hours'),
          stoppedHours: op.report === 'availability' ? at(r, 'stopped_hours') : at(r, 'down_hours'),
        }));
        const windowHours = (Date.parse(plan.window.to) - Date.parse(plan.window.from)) / 3600_000;
        const tie = op.limit ? tieNote(valuesAt(rows, column(result, STATE_MEASURE[op.report])), op.limit) : '';
        const ranked = op.rankBy && plan.tags.length > 1 ? `${op.order === 'asc' ? 'least' : 'most'} first${tie}` : undefined;
        return stateSentence({
          report: op.report,
          rows: stateRows,
          windowHours,
          during: period,
          format: formatNumber,
          ...(ranked ? { ranked } : {}),
        });
      }
      const starts = (cell: Cell | undefined) => `${formatNumber(num(cell) ?? 0)} start${num(cell) === 1 ? '' : 's'}`;
      // The run time in the unit asked ("how many minutes"): "1,234 min"; hours otherwise.
      const ran = (cell: Cell | undefined): string => durationIn(num(cell) ?? 0, op.unit, formatNumber);
      // Ranked by starts, the starts come first: the number after the pump is the one the question asked for. A tag
      // whose state is not known at any time of the window has no run-hours ("no data"), never 0 h.
      const perTag = (r: Cell[]) =>
        num(r[1]) === null
          ? `${String(r[0])} no data`
          : op.rankBy === 'starts'
            ? `${String(r[0])} ${starts(r[2])}, ${ran(r[1])}`
            : `${String(r[0])} ${ran(r[1])}, ${starts(r[2])}`;
      if (op.summed) return summedRunSentence(plan, result, { during: duringWindow(period), ran, format: formatNumber });
      // The leader is named once: its numbers follow the period, then the others' with their names. Several tied at the
      // top of one asked are each named, said a tie; more kept than asked, the tie at the cut is said (rank-ties.ts).
      if (plan.tags.length > 1 && op.rankBy && first) {
        const ranked =
          op.rankBy === 'starts'
            ? `started ${op.order === 'asc' ? 'least' : 'most'} often`
            : `ran the ${op.order === 'asc' ? 'least' : 'most'}`;
        const values = valuesAt(rows, op.rankBy === 'starts' ? 2 : 1);
        if (op.limit === 1 && tiedAtTop(values) > 1)
          return `A tie: ${namesOf(rows.map((r) => String(r[0])))} ${ranked}, ${period}: ${rows.map(perTag).join('; ')} (of ${plan.tags.length} tags).`;
        const note = op.limit ? tieNote(values, op.limit, op.rankBy === 'starts' ? undefined : (h) => ran(h)) : '';
        return `${String(first[0])} ${ranked}, ${period}${note}: ${[perTag(first).slice(String(first[0]).length + 1), ...rows.slice(1).map(perTag)].join('; ')} (of ${plan.tags.length} tags).`;
      }
      if (plan.tags.length > 1) return `Run-hours and starts, ${period}: ${rows.map(perTag).join('; ')}.`;
      if (num(first?.[0]) === null) return `No good-quality state of ${label(tag)} ${inPeriod}.`;
      return `${label(tag)} ran ${ran(first?.[0])} with ${starts(first?.[1])} ${duringWindow(period)}.`;
    }
    case 'rank': {
      if (rows.length === 0) return `No data for these tags ${inPeriod}.`;
      const word = op.order === 'asc' ? 'lowest' : 'highest';
      const list = rows.map((r) => tagValue(r, op.fn));
      // With one row the leader is named once, its value after the period; several tied at the top are each named.
      const values = valuesAt(rows, 1);
      if (op.limit === 1 && tiedAtTop(values) > 1)
        return `A tie for the ${word} ${fnLabelOf(op.fn, tag)}, ${period}: ${list.join('; ')} (of ${plan.tags.length} tags).`;
      if (op.limit === 1 && first)
        return `${String(first[0])} had the ${word} ${fnLabelOf(op.fn, tag)}, ${period}: ${list[0]?.slice(String(first[0]).length + 1) ?? ''} (of ${plan.tags.length} tags).`;
      const note = tieNote(values, op.limit, (v) => withUnit(v, unitOf(op.fn, tag)));
      return `Ranked by ${fnLabelOf(op.fn, tag)} (${word} first), ${period}${note}: ${list.join('; ')} (of ${plan.tags.length} tags).`;
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
    case 'alarm-count': {
      const on = onTags();
      const n = num(first?.[0]) ?? 0;
      const kind = `${priorityWords(op)}alarm${n === 1 ? '' : 's'}`;
      if (op.standing || op.unacknowledged) {
        const state = op.standing ? 'standing (raised and not cleared)' : 'unacknowledged';
        return `${formatNumber(n)} ${kind}${on} ${n === 1 ? 'was' : 'were'} ${state} at ${when(op.asOf ?? plan.window.to, tz)} (${plan.window.label}).`;
      }
      if (op.durationLimit)
        return `${formatNumber(n)} ${kind} raised${on} ${inPeriod} ${n === 1 ? 'was' : 'were'} ${limitWords(op.durationLimit)}.`;
      if (op.during) return `${formatNumber(n)} ${kind}${on} ${n === 1 ? 'was' : 'were'} active at some moment ${inPeriod} ${DURING}.`;
      if (op.clearedFirst)
        return `${formatNumber(n)} ${kind} raised${on} ${inPeriod} cleared before ${n === 1 ? 'it was' : 'they were'} acknowledged.`;
      return `${formatNumber(n)} ${kind} became active${on} ${inPeriod}.`;
    }
    case 'alarm-top': {
      const kind = `${priorityWords(op.by === 'condition' ? { ...op, conditions: [] } : op)}alarms`;
      if (op.chatter) return chatterSentence(kind, inPeriod, rows, op.chatter);
      if (op.bucket && op.countLimit) {
        const often = `${op.countLimit.comparator === '>' ? 'more than' : 'at least'} ${formatNumber(op.countLimit.count)} times`;
        return bucketRepeatSentence({ kind, bucket: op.bucket, often, inPeriod, rows, timezone: tz });
      }
      if (op.bucket) return bucketCountSentence({ kind, bucket: op.bucket, inPeriod, rows, timezone: tz });
      if (rows.length === 0) return `No ${kind} ${inPeriod}.`;
      const counts = rows
        .map((r) => `${op.by === 'priority' ? 'priority ' : ''}${String(r[0])} (${formatNumber(num(r[1]) ?? 0)})`)
        .join(', ');
      if (op.countLimit) {
        const often = `${op.countLimit.comparator === '>' ? 'more than' : 'at least'} ${formatNumber(op.countLimit.count)} times`;
        if (rows.length === 0) return `No ${op.by ?? 'tag'} raised ${kind} ${often} ${inPeriod}.`;
        return `${sentenceCase(op.by === 'site' ? 'sites' : op.by === 'priority' ? 'priorities' : 'tags')} that raised ${kind} ${often} ${inPeriod}: ${counts}.`;
      }
      if (op.by === 'priority') return `${sentenceCase(kind)} per ${op.by} ${inPeriod}: ${counts}.`;
      // Every tie at the cut is kept (alarm-sql.ts): more rows than asked, or one asked, say so.
      const tie = rows.length > op.limit || (op.limit === 1 && rows.length > 1) ? topTie(rows, op.limit) : '';
      if (op.by) return `${sentenceCase(kind)} per ${op.by} ${inPeriod}${tie}: ${counts}.`;
      return `Most frequent ${kind} ${inPeriod}${tie}: ${counts}.`;
    }
    case 'alarm-list': {
      const kind = `${priorityWords(op)}alarm`;
      const on = onTags();
      const at = (name: string, row: Cell[]): Cell | undefined => {
        const index = column(result, name);
        return index < 0 ? undefined : row[index];
      };
      // " HIGH": the alarm's condition after its tag, where the journal's condition column is mapped.
      const conditionOf = (row: Cell[]): string => {
        const condition = at('condition', row);
        return condition === undefined || condition === null || condition === '' ? '' : ` ${String(condition)}`;
      };
      if (op.standing || (op.unacknowledged && op.asOf && Date.parse(op.asOf) < Date.parse(plan.window.to))) {
        const rowsOf = rows.map((row) => ({ tag: `${String(at('tag', row))}${conditionOf(row)}`, since: when(at('start_time', row), tz) }));
        const state = op.standing ? 'standing' : 'unacknowledged';
        return alarmStateSentence({ state, kind, on, at: when(op.asOf, tz), period: plan.window.label, rows: rowsOf });
      }
      if (op.unacknowledged) {
        const unacked = `unacknowledged ${kind}`;
        if (rows.length === 0) return `No ${unacked}s${on} ${inPeriod}: every alarm that became active was acknowledged.`;
        const list = rows
          .slice(0, 10)
          .map((row) => `${String(at('tag', row))}${conditionOf(row)} active since ${when(at('start_time', row), tz)}`);
        return `${formatNumber(rows.length)} ${unacked}${rows.length === 1 ? '' : 's'}${on} ${inPeriod}: ${list.join('; ')}${rows.length > 10 ? `; ${rows.length - 10} more in the table` : ''}.`;
      }
      if (op.clearedFirst && rows.length === 0) return `No ${kind}s raised${on} ${inPeriod} cleared before they were acknowledged.`;
      if (op.during && rows.length === 0) return `No ${kind}s${on} were active at any moment ${inPeriod} ${DURING}.`;
      if (rows.length === 0)
        return op.durationLimit
          ? `No ${kind}s${on} raised ${inPeriod} were ${limitWords(op.durationLimit)}.`
          : `No ${kind}s became active${on} ${inPeriod}.`;

      const durationColumn = op.unit === 'hours' ? 'hours' : 'minutes';
      const one = (row: Cell[]): string => {
        const cleared = at('end_time', row);
        const acked = at('ack_time', row);
        return (
          `${String(at('tag', row))}${conditionOf(row)} at ${when(at('start_time', row), tz)}` +
          `${at('priority', row) !== undefined ? ` (priority ${String(at('priority', row))})` : ''}` +
          `, ${cleared ? `cleared ${when(cleared, tz)}` : 'not cleared'}, ${acked ? `acknowledged ${when(acked, tz)}${ackAmbiguous(result, row) ? ' (ambiguous)' : ''}` : 'not acknowledged'}` +
          `${op.durations && num(at(durationColumn, row) ?? null) !== null ? `, ${op.durationTo === 'ack' ? 'acknowledged after' : 'active'} ${formatNumber(num(at(durationColumn, row) ?? null) ?? 0)} ${op.unit === 'hours' ? 'h' : 'min'}` : ''}`
        );
      };
      const shown = rows.slice(0, 10).map(one);
      const more = rows.length > 10 ? `; ${rows.length - 10} more in the table` : '';
      if (op.byDuration) {
        const times = rows.map((row) => num(at(durationColumn, row) ?? null));
        const tie = tieNote(times, op.limit, (v) => `${formatNumber(v)} ${op.unit === 'hours' ? 'h' : 'min'}`);
        return `The ${kind}${rows.length === 1 ? '' : 's'}${on} that took the ${op.byDuration === 'desc' ? 'longest' : 'shortest'} time to ${op.durationTo === 'ack' ? 'be acknowledged' : 'clear'}, of those raised ${inPeriod}${tie}: ${shown.join('; ')}${more}.`;
      }
      if (op.durationLimit)
        return `${formatNumber(rows.length)} ${kind}${rows.length === 1 ? '' : 's'}${on} raised ${inPeriod} ${rows.length === 1 ? 'was' : 'were'} ${limitWords(op.durationLimit)}: ${shown.join('; ')}${more}.`;
      if (op.during)
        return `${formatNumber(rows.length)} ${kind}${rows.length === 1 ? ' was' : 's were'}${on} active at some moment ${inPeriod} ${DURING}: ${shown.join('; ')}${more}.`;
      if (op.clearedFirst)
        return `${formatNumber(rows.length)} ${kind}${rows.length === 1 ? '' : 's'} raised${on} ${inPeriod} cleared before ${rows.length === 1 ? 'it was' : 'they were'} acknowledged: ${shown.join('; ')}${more}.`;
      if (op.newest)
        return `The ${formatNumber(rows.length)} most recent ${kind}${rows.length === 1 ? '' : 's'}${on}, newest first, ${inPeriod}: ${shown.join('; ')}${more}.`;
      return `${formatNumber(rows.length)} ${kind}${rows.length === 1 ? '' : 's'} became active${on} ${inPeriod}: ${shown.join('; ')}${more}.`;
    }
    case 'alarm-ack-time': {
      const time = num(first?.[0]);
      const took = `${formatNumber(time ?? 0)} ${op.unit === 'hours' ? 'h' : 'min'}`;
      const kind = `${priorityWords(op)}alarms`;
      if (time === null) return `No ${kind} were raised and acknowledged${onTags()} ${inPeriod}.`;
      const alone = oneAlarmTime(result, first);
      if (alone) return `The ${priorityWords(op)}alarm${onTags()} was acknowledged ${alone} after it was raised ${inPeriod}.`;
      const open = num(first?.[2]) ?? 0;
      if (op.statistic)
        return `The ${op.statistic === 'max' ? 'longest' : 'shortest'} time to acknowledge one of the ${kind} was ${took} (${formatNumber(num(first?.[1]) ?? 0)} acknowledged${open > 0 ? `, ${formatNumber(open)} not yet` : ''}) ${inPeriod}.`;
      return `${sentenceCase(kind)} took ${took} on average to be acknowledged (${formatNumber(num(first?.[1]) ?? 0)} acknowledged${open > 0 ? `, ${formatNumber(open)} not yet` : ''}) ${inPeriod}.`;
    }
    case 'alarm-clear-time': {
      if (op.statistic === 'sum') return timeInAlarmSentence({ kind: `${priorityWords(op)}alarms`, on: onTags(), inPeriod, row: first });
      const time = num(first?.[0]);
      const took = `${formatNumber(time ?? 0)} ${op.unit === 'hours' ? 'h' : 'min'}`;
      if (time === null) return `No alarm was raised and cleared ${inPeriod}.`;
      const alone = oneAlarmTime(result, first);
      if (alone) return `The ${conditionWords(op)}alarm${onTags()} took ${alone} to clear ${inPeriod}.`;
      if (op.statistic)
        return `The ${op.statistic === 'max' ? 'longest' : 'shortest'} time ${conditionWords(op) ? `a ${conditionWords(op)}alarm` : 'an alarm'} took to clear was ${took} (${formatNumber(num(first?.[1]) ?? 0)} alarms cleared) ${inPeriod}.`;
      return `${sentenceCase(`${conditionWords(op)}alarms`)} took ${took} on average to clear (${formatNumber(num(first?.[1]) ?? 0)} alarms cleared) ${inPeriod}.`;
    }
    case 'state-events':
      return stateEventsSentence(plan, op, result, period);
    case 'last-run':
      return lastRunSentence(plan, result, period);
    case 'crossing':
    case 'together':
    case 'correlation':
    case 'change':
    case 'bucket-rank':
    case 'night-flow':
    case 'shift-log':
      return describeShape(plan, op, result, period);
    case 'catalog':
      return catalogSentence(op, result, plan.understood);
    case 'coverage':
      return coverageSentence(plan, result);
  }
}

/** "202 min (3.37 h)": the time of the one alarm of the window (its minutes and hours columns), or undefined. */
function oneAlarmTime(result: QueryResult, row: Cell[] | undefined): string | undefined {
  const minutes = num(row?.[column(result, 'minutes')]);
  const hours = num(row?.[column(result, 'hours')]);
  if (minutes === null || hours === null || column(result, 'minutes') < 0) return undefined;
  return `${formatNumber(minutes)} min (${formatNumber(hours)} h)`;
}

/** "acknowledged within 10 min", "cleared after more than 60 min": the limit kept on each alarm's own time. */
function limitWords(limit: AlarmDurationLimit): string {
  const verb = limit.to === 'ack' ? 'acknowledged' : 'cleared';
  const how = { '<=': 'within', '<': 'in under', '>': 'after more than', '>=': 'after at least' }[limit.comparator];
  return `${verb} ${how} ${formatNumber(limit.minutes)} min`;
}

/**
 * "priority-2 ", "priority-1/2 " (a set named at once), "HIGH ", "priority-2 LOW ", or nothing: the priority and
 * condition words before "alarms".
 */
function priorityWords(op: { priority?: number; priorities?: readonly number[]; conditions?: readonly string[] }): string {
  const priority = op.priority === undefined ? '' : `priority-${op.priorities ? op.priorities.join('/') : op.priority} `;
  return `${priority}${conditionWords(op)}`;
}

/** "HIGH ", "HIGH/LOW ", or nothing: the conditions kept, as the journal spells them. */
const conditionWords = (op: { conditions?: readonly string[] }): string => (op.conditions?.length ? `${op.conditions.join('/')} ` : '');
