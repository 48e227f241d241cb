// The answer to a limit asked of a group ("which critical points went below 2 bar", "which pumps ran more than 10 h"):
// the members beyond the limit with their figures, then every other member by name, and where good data was short.
import type { Cell, QueryResult } from '../../connectors/connector.ts';
import type { Operation, Plan } from './plan.ts';
import { column, formatNumber, num, when } from './answer-format.ts';
import { duringWindow } from './window-parts.ts';
import { durationIn } from './duration-unit.ts';
import { comparisonOf } from './threshold-sentence.ts';
import type { HoursLimit } from './member-threshold-sql.ts';

type Threshold = Extract<Operation, { kind: 'threshold' }>;
type RunHours = Extract<Operation, { kind: 'run-hours' }>;

/**
 * Coverage below this is said beside a member: a member whose state was unknown for more than about 15 minutes a day
 * may have been beyond the limit then. Above it, the table's coverage column holds the figure (a few not-good samples
 * a day would otherwise be said of nearly every member).
 */
const SHORT_COVERAGE = 0.99;

/** A flag or count cell that is set: true, or a number above 0. */
const isSet = (cell: Cell | undefined): boolean => cell === true || (num(cell) ?? 0) > 0;

/** Whether the plan asks a limit of each member of a group: its answer lists the members beyond it (memberRows). */
export function answersMembers(plan: Plan): boolean {
  const op = plan.operation;
  return (op.kind === 'threshold' && plan.tags.length > 1) || (op.kind === 'run-hours' && op.hoursLimit !== undefined);
}

/** The rows of the answer's table: the members beyond the limit (with stretches, or keeping the run-hours limit). */
export function memberRows(plan: Plan, result: QueryResult): QueryResult {
  const flag = result.columns.findIndex((c) => c.name === (plan.operation.kind === 'threshold' ? 'stretches' : 'meets_limit'));
  if (flag < 0) return result;
  return { ...result, rows: result.rows.filter((row) => isSet(row[flag])) };
}

/**
 * The share of the whole window a member's good data covered: its `coverage` is the share up to where its data ends
 * (`data_end`), so a feed that stopped before the window's end covers only the part before it.
 */
function windowShare(plan: Plan, result: QueryResult, row: Cell[]): number | null {
  const coverage = num(row[column(result, 'coverage')]);
  if (coverage === null) return null;
  const fromMs = Date.parse(plan.window.from);
  const toMs = Date.parse(plan.window.to);
  const end = Date.parse(String(row[column(result, 'data_end')]));
  const known = Number.isFinite(end) ? Math.min(Math.max(end, fromMs), toMs) - fromMs : toMs - fromMs;
  return toMs > fromMs ? (coverage * known) / (toMs - fromMs) : coverage;
}

/** " (good-quality data covered 76.4 % of the window)" when a member's data did not cover the whole window. */
function coverageWords(coverage: number | null): string {
  if (coverage === null || coverage >= SHORT_COVERAGE) return '';
  return coverage <= 0 ? ' (no good data)' : ` (good-quality data covered ${formatNumber(100 * coverage)} % of the window)`;
}

/**
 * The coverage said of each member, or once for all when every member's is the same short one (a feed that stopped
 * everywhere): `each` per row ('' when said once), `once` the sentence for all ('' when none).
 */
function coverageSaid(rows: readonly Cell[][], share: (row: Cell[]) => number | null): { each: (row: Cell[]) => string; once: string } {
  const words = rows.map((r) => coverageWords(share(r)));
  const common = words[0] ?? '';
  if (rows.length > 1 && common !== '' && words.every((w) => w === common))
    return { each: () => '', once: ` For each of them,${common.replace(/^ \((.*)\)$/, ' $1')}.` };
  return { each: (row) => words[rows.indexOf(row)] ?? '', once: '' };
}

/** "DMA04/CP01/Pressure, DMA05/CP01/Pressure (good-quality data covered 76.4 % of the window)". */
function namesOf(rows: readonly Cell[][], coverage: (row: Cell[]) => string): string {
  return rows.map((r) => `${String(r[0])}${coverage(r)}`).join(', ');
}

/**
 * "2 of 5 tags were below 2.5 bar on 3 Oct (...): DMA02/CP01/Pressure 4.78 h in 1 stretch, the first from 2026-10-03
 * 04:48 (lowest 0.05 bar); ... Not below 2.5 bar: DMA01/CP01/Pressure, ..." from every member's row.
 */
export function memberThresholdSentence(plan: Plan, op: Threshold, result: QueryResult): string {
  const tz = plan.window.timezone;
  const unit = plan.tags[0]?.unit;
  const what = comparisonOf(op, unit);
  const during = duringWindow(plan.window.label);
  const at = (r: Cell[], name: string): Cell | undefined => (column(result, name) < 0 ? undefined : r[column(result, name)]);
  const said = coverageSaid(result.rows, (r) => windowShare(plan, result, r));
  const coverage = said.each;
  const beyond = result.rows.filter((r) => (num(at(r, 'stretches')) ?? 0) > 0);
  const others = result.rows.filter((r) => !beyond.includes(r));
  const unknown = others.filter((r) => num(at(r, 'hours')) === null);
  const within = others.filter((r) => num(at(r, 'hours')) !== null);
  const extremeWord = op.comparator === 'below' ? 'lowest' : 'highest';
  const perMember = (r: Cell[]): string => {
    const stretches = num(at(r, 'stretches')) ?? 0;
    const extreme = num(at(r, 'extreme_value'));
    const furthest = extreme === null ? '' : `, ${extremeWord} ${formatNumber(extreme)}${unit ? ` ${unit}` : ''}`;
    return (
      `${String(r[0])} ${durationIn(num(at(r, 'hours')) ?? 0, op.unit, formatNumber)} in ${formatNumber(stretches)} stretch${stretches === 1 ? '' : 'es'}, ` +
      `the first from ${when(at(r, 'first_start'), tz)}${furthest}${coverage(r)}`
    );
  };
  const total = result.rows.length;
  const parts =
    beyond.length === 0
      ? [`None of the ${total} tags was ${what} ${during} (good-quality samples): ${namesOf(within, coverage)}.`]
      : [
          `${beyond.length} of ${total} tags ${beyond.length === 1 ? 'was' : 'were'} ${what} ${during}: ${beyond.map(perMember).join('; ')}.`,
          ...(within.length > 0 ? [`Never ${what}: ${namesOf(within, coverage)}.`] : []),
        ];
  if (beyond.length === 0 && within.length === 0) parts[0] = `None of the ${total} tags had good-quality data ${during}.`;
  else if (unknown.length > 0) parts.push(`No good-quality data ${during}: ${unknown.map((r) => String(r[0])).join(', ')}.`);
  return parts.join(' ') + said.once;
}

/** "more than 10 h", "at most 90 min": the run-hours limit in words, in the unit the run time is given in. */
export function hoursLimitWords(limit: HoursLimit, unit: RunHours['unit']): string {
  const side = limit.comparator === 'above' ? (limit.inclusive ? 'at least' : 'more than') : limit.inclusive ? 'at most' : 'less than';
  return `${side} ${durationIn(limit.value, unit, formatNumber)}`;
}

/**
 * "2 of 3 tags ran more than 10 h yesterday (...): BPS03/P02/Running 24 h, 0 starts; ... Not more than 10 h:
 * BPS03/P01/Running 0 h, 0 starts." from every pump's run-hours row.
 */
export function runLimitSentence(plan: Plan, op: RunHours & { hoursLimit: HoursLimit }, result: QueryResult): string {
  const during = duringWindow(plan.window.label);
  const at = (r: Cell[], name: string): Cell | undefined => (column(result, name) < 0 ? undefined : r[column(result, name)]);
  const limit = hoursLimitWords(op.hoursLimit, op.unit);
  // One tag's coverage is said once, after the limit; several tags' beside each, or once when all are the same.
  const shares = coverageSaid(result.rows, (r) => windowShare(plan, result, r));
  const said = plan.tags.length === 1 ? { each: () => '', once: shares.once || shares.each(result.rows[0] ?? []) } : shares;
  // One tag's row has no tag column.
  const name = (r: Cell[]): string => (plan.tags.length > 1 ? String(r[0]) : (plan.tags[0]?.name ?? 'the tag'));
  const perTag = (r: Cell[]): string => {
    const hours = num(at(r, 'run_hours'));
    if (hours === null) return `${name(r)} no data`;
    const starts = num(at(r, 'starts')) ?? 0;
    return `${name(r)} ${durationIn(hours, op.unit, formatNumber)}, ${formatNumber(starts)} start${starts === 1 ? '' : 's'}${said.each(r)}`;
  };
  const keep = result.rows.filter((r) => isSet(at(r, 'meets_limit')));
  const others = result.rows.filter((r) => !keep.includes(r));
  const total = result.rows.length;
  if (plan.tags.length === 1 && result.rows[0])
    return `${perTag(result.rows[0]).replace(/ /, ' ran ')} ${during}: ${keep.length > 0 ? '' : 'not '}${limit}${said.once.replace(/^ \((.*)\)$/, '; $1')}.`;
  const rest = others.length > 0 ? ` Not ${limit}: ${others.map(perTag).join('; ')}.` : '';
  if (keep.length === 0) return `No tag of the ${total} ran ${limit} ${during}:${rest.replace(/^ Not [^:]*:/, '')}${said.once}`;
  return `${keep.length} of ${total} tags ran ${limit} ${during}: ${keep.map(perTag).join('; ')}.${rest}${said.once}`;
}

/** The method of a limit asked of each member: what is computed per member and what the answer lists. */
export function memberMethod(plan: Plan): string {
  const op = plan.operation;
  if (op.kind === 'run-hours' && op.hoursLimit)
    return `; per tag, its run-hours held to the limit (${hoursLimitWords(op.hoursLimit, op.unit)}): the tags that keep it are listed, the others named`;
  return '; per tag of the group on its own: its time in that state, its stretches and the first one; the tags with none are named';
}
