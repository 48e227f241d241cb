// The sentences of the shapes of compile-shapes.ts: first crossing, running together, correlation, change, bucket
// ranking, night flow, shift log.
import { togetherVerbs } from './group-state.ts';
import { nightOf } from './night-words.ts';
import { duringWindow } from './time-window.ts';
import type { Cell, QueryResult } from '../../connectors/connector.ts';
import type { Operation, Plan, PlanTag } from './plan.ts';
import { addDays, formatInstantText, fromWall, toWall } from './zoned-time.ts';
import { rateUnit } from './signal-units.ts';
import { stretchSpan } from './duration-unit.ts';
import { clockChangeNote } from './bucket-amount.ts';
import { namesOf, tiedAtTop, tieNote } from './rank-ties.ts';

const FN_WORD: Record<string, string> = {
  avg: 'average',
  mean: 'mean of the readings',
  min: 'minimum',
  max: 'maximum',
  delta: 'amount counted',
  sum: 'amount counted',
  first: 'first value',
  last: 'last value',
  count: 'sample count',
  integral: 'total',
};

/** What `fn` of a tag is called and its unit: a rate's integral is its volume (energy) in the amount unit (m3/h -> m3). */
const fnWord = (fn: string, tag: PlanTag | undefined): string =>
  fn === 'integral' ? (rateUnit(tag?.unit)?.quantity ?? 'total') : (FN_WORD[fn] ?? fn);
const unitOf = (fn: string, tag: PlanTag | undefined): string | undefined =>
  fn === 'integral' ? (rateUnit(tag?.unit)?.amount ?? tag?.unit) : tag?.unit;
// As formatNumber (answer-format.ts): 3 decimals or 3 significant digits, whichever shows more, so a small change of two
// averages (-0.00581 bar) is stated, not rounded to -0.006.
const numberFormat = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 3,
  maximumSignificantDigits: 3,
  roundingPriority: 'morePrecision',
});

const num = (cell: Cell | undefined): number | null =>
  cell === null || cell === undefined || cell === '' ? null : Number.isFinite(Number(cell)) ? Number(cell) : null;
const withUnit = (value: number | null, unit: string | undefined): string =>
  value === null ? 'no data' : `${numberFormat.format(value)}${unit ? ` ${unit}` : ''}`;
const label = (tag: PlanTag | undefined): string => (tag ? `${tag.name}${tag.description ? ` (${tag.description})` : ''}` : 'the tag');

const when = (cell: Cell | undefined, timezone: string): string =>
  cell === null || cell === undefined ? 'never' : formatInstantText(String(cell), timezone);

const at = (result: QueryResult, row: Cell[] | undefined, name: string): Cell | undefined => {
  const index = result.columns.findIndex((c) => c.name === name);
  return index < 0 || !row ? undefined : row[index];
};

/** Shift log entries the sentence lists (the table holds them all). */
const SHIFT_ENTRIES_SHOWN = 12;

const EVENT_WORD: Record<string, string> = { start: 'started', stop: 'stopped', above: 'went above', below: 'went below' };
const PERIOD_WORD: Record<string, string> = { hour: 'hour', day: 'day', week: 'week', month: 'month' };

/** The sentence for a shape's result. */
/** Whether the night hours of some day lie wholly inside the plan's window (plant time). */
function nightInside(plan: Plan, fromHour: number, toHour: number): boolean {
  const from = Date.parse(plan.window.from);
  const to = Date.parse(plan.window.to);
  const tz = plan.window.timezone;
  for (let day = toWall(new Date(from - 86_400_000), tz); ; day = addDays(day, 1)) {
    const start = fromWall({ ...day, hour: fromHour, minute: 0, second: 0 }, tz).getTime();
    if (start >= to) return false;
    const end = fromWall({ ...(toHour > fromHour ? day : addDays(day, 1)), hour: toHour, minute: 0, second: 0 }, tz).getTime();
    if (start >= from && end <= to) return true;
  }
}

/** "The first start among A, B and C yesterday: B at 2026-10-14 08:06" (every pump tied at that moment named). */
function groupCrossing(plan: Plan, op: Extract<Operation, { kind: 'crossing' }>, result: QueryResult, period: string): string {
  const tz = plan.window.timezone;
  const what = op.event === 'start' || op.event === 'stop' ? op.event : `crossing ${op.event} ${op.value ?? 0}`;
  const among = namesOf(plan.tags.map((t) => t.name));
  const which = op.which === 'last' ? 'last' : 'first';
  const rows = result.rows.filter((r) => at(result, r, 'time') !== null && at(result, r, 'time') !== undefined);
  if (rows.length === 0)
    return `None of ${among} ${EVENT_WORD[op.event] ?? op.event} ${duringWindow(period)} (a state carried in from before the window does not count).`;
  const time = when(at(result, rows[0], 'time'), tz);
  const who = namesOf(rows.map((r) => String(at(result, r, 'tag'))));
  const tie = rows.length > 1 ? ` (a tie: ${rows.length} at the same minute)` : '';
  return `The ${which} ${what} among ${among} ${duringWindow(period)} was ${who} at ${time} ${tz}${tie}.`;
}

export function describeShape(plan: Plan, op: Operation, result: QueryResult, period: string): string {
  const tz = plan.window.timezone;
  const tag = plan.tags[0];
  const unit = tag?.unit;
  const rows = result.rows;
  const first = rows[0];
  switch (op.kind) {
    case 'crossing': {
      const what = `${EVENT_WORD[op.event] ?? op.event}${op.value !== undefined && (op.event === 'above' || op.event === 'below') ? ` ${withUnit(op.value, unit)}` : ''}`;
      const time = at(result, first, 'time');
      if (plan.tags.length > 1) return groupCrossing(plan, op, result, period);
      if (time === null || time === undefined)
        return `${label(tag)} never ${what} ${duringWindow(period)} (a state carried in from before the window does not count).`;
      return `${label(tag)} ${op.which === 'last' ? 'last' : 'first'} ${what} at ${when(time, tz)} ${tz}, ${period}.`;
    }
    case 'together': {
      const some = op.atLeast !== undefined && op.atLeast < plan.tags.length;
      const verb = togetherVerbs(
        plan.tags.map((t) => t.name),
        op.states,
        some,
      );
      // "at least 2 of A, B and C": the stretches count a subset running, not every tag.
      const names = some ? `At least ${op.atLeast} of ${plan.tags.map((t) => t.name).join(', ')}` : verb.names;
      const span = (h: number): string => stretchSpan(h, op.unit, (n) => numberFormat.format(n));
      if (op.report === 'count') {
        const times = num(at(result, first, 'times')) ?? 0;
        return `${names} ${verb.together} ${times} time${times === 1 ? '' : 's'} ${duringWindow(period)}, for ${span(num(at(result, first, 'total_hours')) ?? 0)} in total.`;
      }
      if (op.report === 'share') {
        const times = num(at(result, first, 'stretches')) ?? 0;
        const pct = num(at(result, first, 'share_pct')) ?? 0;
        return `${names} ${verb.together} for ${numberFormat.format(pct)} % of the time ${duringWindow(period)} (${span(num(at(result, first, 'total_hours')) ?? 0)} in ${times} stretch${times === 1 ? '' : 'es'}).`;
      }
      const never = `${names} ${verb.never} ${duringWindow(period)}.`;
      if (!op.report) {
        const total = num(at(result, first, 'hours'));
        if (total === null) return never;
        const times = num(at(result, first, 'stretches')) ?? 0;
        return `${names} ${verb.together} ${times} time${times === 1 ? '' : 's'} for ${span(total)} in total ${duringWindow(period)}; the longest stretch was ${span(num(at(result, first, 'longest_hours')) ?? 0)}, from ${when(at(result, first, 'longest_start'), tz)} to ${when(at(result, first, 'longest_end'), tz)}.`;
      }
      if (rows.length === 0) return never;
      if (op.report === 'longest') {
        const times = num(at(result, first, 'times')) ?? 1;
        return `The longest stretch ${some ? `at least ${op.atLeast} of ${plan.tags.map((t) => t.name).join(', ')}` : verb.names} ${verb.together} ${duringWindow(period)} was ${span(num(at(result, first, 'hours')) ?? 0)}, from ${when(at(result, first, 'start_time'), tz)} to ${when(at(result, first, 'end_time'), tz)} (of ${times} stretch${times === 1 ? '' : 'es'}, ${span(num(at(result, first, 'total_hours')) ?? 0)} in total).`;
      }
      const hours = rows.map((r) => num(at(result, r, 'hours')) ?? 0);
      const total = hours.reduce((a, b) => a + b, 0);
      const longest = hours.indexOf(Math.max(...hours));
      const row = rows[longest];
      return `${names} ${verb.together} ${rows.length} time${rows.length === 1 ? '' : 's'} for ${span(total)} in total ${duringWindow(period)}; the longest stretch was ${span(hours[longest] ?? 0)}, from ${when(at(result, row, 'start_time'), tz)} to ${when(at(result, row, 'end_time'), tz)}.`;
    }
    case 'correlation': {
      const r = num(at(result, first, 'r_value'));
      const names = plan.tags.map((t) => t.name).join(' and ');
      if (r === null)
        return `No correlation of ${names} could be computed for ${period}: they have no overlapping good data, or one of them did not change.`;
      const strength = Math.abs(r) >= 0.7 ? 'strong' : Math.abs(r) >= 0.4 ? 'moderate' : Math.abs(r) >= 0.2 ? 'weak' : 'no clear';
      return `Correlation (Pearson r) of ${names}, ${period}: r = ${numberFormat.format(r)} (${strength}${Math.abs(r) >= 0.2 ? (r > 0 ? ', they rise together' : ', one falls as the other rises') : ' linear relation'}), from ${numberFormat.format(num(at(result, first, 'paired_points')) ?? 0)} one-minute points.`;
    }
    case 'change': {
      const perTag = plan.tags.length > 1;
      // The earlier period as the question named it ("last week", "1–7 September 2026"), else the one before.
      const earlierFull = op.previous
        ? (op.previous.label ?? `${when(op.previous.from, tz)} – ${when(op.previous.to, tz)}`)
        : `the ${PERIOD_WORD[op.period]} before`;
      const earlier = op.previous ? duringWindow(earlierFull.replace(/\s*\(.*\)$/, ''), 'in') : earlierFull;
      const one = (row: Cell[]): string => {
        const name = perTag ? String(row[0]) : label(tag);
        const tagUnit = unitOf(op.fn, perTag ? plan.tags.find((t) => t.name === row[0]) : tag);
        const before = num(at(result, row, 'first_period_value'));
        const now = num(at(result, row, 'last_period_value'));
        const change = num(at(result, row, 'change'));
        const pct = num(at(result, row, 'change_percent'));
        if (before === null || now === null) return `${name}: not enough data in one of the two ${PERIOD_WORD[op.period]}s`;
        const signed = change === null ? 'no data' : `${change >= 0 ? '+' : ''}${withUnit(change, tagUnit)}`;
        return `${name} ${withUnit(now, tagUnit)} against ${withUnit(before, tagUnit)} ${earlier}, a change of ${signed}${pct !== null ? ` (${pct >= 0 ? '+' : ''}${numberFormat.format(pct)} %)` : ''}`;
      };
      if (rows.length === 0) return `No data for ${plan.tags.map((t) => t.name).join(', ')} ${duringWindow(period, 'in')} or ${earlier}.`;
      return `${fnWord(op.fn, tag)}, ${period} against ${earlierFull}: ${rows.map(one).join('; ')}.`;
    }
    case 'bucket-rank': {
      if (rows.length === 0) return `No data for ${label(tag)} ${duringWindow(period, 'in')}.`;
      const word = op.order === 'asc' ? 'lowest' : 'highest';
      const value = (row: Cell[]): string =>
        `${withUnit(num(at(result, row, `${op.fn}_value`)), unitOf(op.fn, tag))}${clockChangeNote(String(at(result, row, 'bucket') ?? ''), op.bucket, op.fn, tz)}`;
      const list = rows.map((r) => `${when(at(result, r, 'bucket'), tz)} ${value(r)}`);
      // Several tied at the top of one asked: each named, said a tie; more kept than asked: the tie at the cut said.
      const values = rows.map((r) => num(at(result, r, `${op.fn}_value`)));
      if (op.limit === 1 && tiedAtTop(values) > 1)
        return `A tie for the ${op.bucket} with the ${word} ${fnWord(op.fn, tag)} of ${label(tag)}, ${period}: ${list.join('; ')} (each the ${op.bucket} beginning then, ${tz}).`;
      if (op.limit === 1 && first)
        return `The ${op.bucket} with the ${word} ${fnWord(op.fn, tag)} of ${label(tag)}, ${period}, began ${when(at(result, first, 'bucket'), tz)} ${tz}: ${value(first)}.`;
      const note = tieNote(values, op.limit, (v) => withUnit(v, unitOf(op.fn, tag)));
      return `${op.bucket}s of ${label(tag)} by ${fnWord(op.fn, tag)} (${word} first), ${period}${note}: ${list.join('; ')}.`;
    }
    case 'night-flow': {
      const hours = `${String(op.fromHour).padStart(2, '0')}:00–${String(op.toHour).padStart(2, '0')}:00`;
      const nightAt = (r: Cell[] | undefined): string => nightOf(when(r ? at(result, r, 'bucket') : undefined, tz), op.fromHour, hours);
      if (rows.length === 0)
        return nightInside(plan, op.fromHour, op.toHour)
          ? `No night flow for ${label(tag)} ${duringWindow(period, 'in')}: no good data in the night hours (${hours} plant time).`
          : `No night (${hours} plant time) lies wholly inside ${period}.`;
      const tagUnit = (r: Cell[]): string | undefined =>
        plan.tags.length > 1 ? plan.tags.find((t) => t.name === at(result, r, 'tag'))?.unit : unit;
      const name = (r: Cell[]): string => (plan.tags.length > 1 ? String(at(result, r, 'tag')) : label(tag));
      // The nights or areas ranked keep every tie at the cut (rank-ties.ts): more than asked are said a tie.
      const nightTie = (ranked: Cell[][]): string =>
        tieNote(
          ranked.map((r) => num(at(result, r, 'avg_value'))),
          op.limit ?? 1,
          (v) => withUnit(v, unit),
        );
      if (op.previous)
        return nightPeriods(result, rows, { hours, period, earlier: op.previous.label ?? 'the period before', name, tagUnit });
      if (op.mean && op.order && plan.tags.length > 1) {
        const area = (r: Cell[]): string =>
          `${name(r)} ${withUnit(num(at(result, r, 'avg_value')), tagUnit(r))} (mean of ${String(num(at(result, r, 'nights')) ?? 0)} nights)`;
        return `${op.order === 'asc' ? 'Lowest' : 'Highest'} mean minimum night flow (average ${hours} each night) of ${plan.tags.length} areas, ${period}${nightTie(rows)}: ${rows.map(area).join('; ')}.`;
      }
      if (op.mean) {
        const mean = (r: Cell[]): string =>
          `${plan.tags.length > 1 ? String(at(result, r, 'tag')) : label(tag)} ${withUnit(num(at(result, r, 'avg_value')), plan.tags.length > 1 ? plan.tags.find((t) => t.name === at(result, r, 'tag'))?.unit : unit)} (mean of ${String(num(at(result, r, 'nights')) ?? 0)} nights)`;
        return `Mean minimum night flow (average ${hours} each night), ${period}: ${rows.map(mean).join('; ')}.`;
      }
      if (plan.tags.length > 1 && op.order) {
        const area = (r: Cell[]): string =>
          `${String(at(result, r, 'tag'))} ${withUnit(num(at(result, r, 'avg_value')), plan.tags.find((t) => t.name === at(result, r, 'tag'))?.unit)}`;
        return `${op.order === 'asc' ? 'Lowest' : 'Highest'} minimum night flow (average ${hours}) of ${plan.tags.length} areas, ${nightAt(first)}${nightTie(rows)}: ${rows.map(area).join('; ')}.`;
      }
      if (plan.tags.length === 1 && op.order) {
        const night = (r: Cell[]): string => `${nightAt(r)} (its average) ${withUnit(num(at(result, r, 'avg_value')), unit)}`;
        return `The night with the ${op.order === 'asc' ? 'lowest' : 'highest'} minimum night flow of ${label(tag)}, ${period}${nightTie(rows)}: ${rows.map(night).join('; ')}.`;
      }
      const column = 'avg_value';
      const title = `Minimum night flow (average ${hours})`;
      if (plan.tags.length === 1) {
        const values = rows.map((r) => num(at(result, r, column)));
        const known = values.filter((v): v is number => v !== null);
        if (rows.length === 1) return `${title} of ${label(tag)} on ${nightAt(first)}: ${withUnit(values[0] ?? null, unit)}.`;
        return `${title} of ${label(tag)}, ${rows.length} nights ${period}: ${known.length > 0 ? `from ${withUnit(Math.min(...known), unit)} to ${withUnit(Math.max(...known), unit)}, last night of the window ${withUnit(values.at(-1) ?? null, unit)}` : 'no data'}.`;
      }
      if (result.columns.some((c) => c.name === 'tag'))
        return `${title}, ${nightAt(first)}: ${rows.map((r) => `${String(at(result, r, 'tag'))} ${withUnit(num(at(result, r, column)), plan.tags.find((t) => t.name === at(result, r, 'tag'))?.unit)}`).join('; ')}.`;
      return `${title} of ${plan.tags.map((t) => t.name).join(', ')}, ${rows.length} nights ${period}: one row per night in the table.`;
    }
    case 'shift-log': {
      if (rows.length === 0) return `The shift log has no entries${shiftLogFilter(op)} ${period}.`;
      const entries = rows.slice(0, SHIFT_ENTRIES_SHOWN).map((r) =>
        // A note's own full stop ends it: the entries are joined with "; " and the list ends with one full stop.
        `${when(at(result, r, 'time'), tz)} ${String(at(result, r, 'operator_name') ?? '')}: ${String(at(result, r, 'note') ?? '').replace(/[.\s]+$/, '')}`.trim(),
      );
      const more = rows.length > SHIFT_ENTRIES_SHOWN ? `; ${rows.length - SHIFT_ENTRIES_SHOWN} more in the table` : '';
      return `Shift log, ${period}: ${rows.length} entr${rows.length === 1 ? 'y' : 'ies'}. ${entries.join('; ')}${more}.`;
    }
    default:
      return `${op.kind}, ${period}: ${rows.length} row${rows.length === 1 ? '' : 's'}.`;
  }
}

/** What an empty shift-log search looked for: ' about "burst"', ' mentioning bps03 and p2', ' by sevgi'. */
function shiftLogFilter(op: Extract<Plan['operation'], { kind: 'shift-log' }>): string {
  const about = [
    ...(op.things?.length ? [`mentioning ${op.things.map((forms) => forms[0]).join(' and ')}`] : []),
    ...(op.topics?.length ? [`about ${op.topics.map((t) => `"${t}"`).join(' or ')}`] : []),
    ...(op.author ? [`by ${op.author}`] : []),
  ];
  return about.length > 0 ? ` ${about.join(', ')}` : '';
}

/** "MNF last week vs the week before": each period's mean night flow, per tag, and the change. */
function nightPeriods(
  result: QueryResult,
  rows: readonly Cell[][],
  words: { hours: string; period: string; earlier: string; name: (r: Cell[]) => string; tagUnit: (r: Cell[]) => string | undefined },
): string {
  const earlier = words.earlier.replace(/\s*\(.*\)$/, '');
  const one = (r: Cell[]): string => {
    const before = num(at(result, r, 'first_period_value'));
    const now = num(at(result, r, 'last_period_value'));
    const change = num(at(result, r, 'change'));
    const pct = num(at(result, r, 'change_percent'));
    const unit = words.tagUnit(r);
    const nights = (column: string): string => {
      const n = num(at(result, r, column)) ?? 0;
      return n === 1 ? '' : ` (mean of ${String(n)} nights)`;
    };
    if (before === null || now === null) return `${words.name(r)}: no night flow in one of the two periods`;
    const signed = change === null ? 'no data' : `${change >= 0 ? '+' : ''}${withUnit(change, unit)}`;
    return (
      `${words.name(r)} ${withUnit(now, unit)}${nights('last_period_nights')} against ${withUnit(before, unit)} ` +
      `${duringWindow(earlier, 'in')}${nights('first_period_nights')}, a change of ${signed}` +
      (pct !== null ? ` (${pct >= 0 ? '+' : ''}${numberFormat.format(pct)} %)` : '')
    );
  };
  return `Minimum night flow (average ${words.hours} each night), ${words.period} against ${words.earlier}: ${rows.map(one).join('; ')}.`;
}
