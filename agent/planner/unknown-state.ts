// How long the state was unknown in a window, for answers that count time in a state (run-hours, time beyond a limit,
// running together): a duration counted over part of the window never reads as the whole.
import type { Cell, QueryResult } from '../../connectors/connector.ts';
import type { Plan } from './plan.ts';
import { comparisonOf } from './threshold-sentence.ts';
import { answersMembers, memberRows } from './member-sentence.ts';

/** Unknown time below this is not worth a sentence (rounding of the pieces' ends). */
const UNKNOWN_STATE_MIN_MS = 60_000;

const WHY = '(no good sample in force: a hole in the data longer than the max age, a not-good sample, or no sample before it)';

const num = (cell: Cell | undefined): number | null =>
  cell === null || cell === undefined || cell === '' ? null : Number.isFinite(Number(cell)) ? Number(cell) : null;

/** The shapes whose rows are stretches that carry the window's coverage (one row of it alone when there is no stretch). */
const STRETCHES = new Set(['threshold', 'together']);

/**
 * The rows of the answer: for stretches (or their total, whose longest stretch starts somewhere), without the row that
 * only carries the window's coverage when there was no stretch (the answer then has no rows, as "never" has none).
 */
export function answerRows(plan: Plan, result: QueryResult): QueryResult {
  if (answersMembers(plan)) return memberRows(plan, result);
  if (!STRETCHES.has(plan.operation.kind)) return result;
  const start = result.columns.findIndex((c) => c.name === 'start_time' || c.name === 'longest_start');
  if (start < 0) return result;
  return { ...result, rows: result.rows.filter((row) => row[start] !== null && row[start] !== undefined) };
}

/**
 * How long each tag's state was unknown inside the part of the window with data (no good sample in force: a hole longer
 * than the max age, a not-good sample, no sample before it), from the `coverage` and `data_end` of its rows. Run-hours:
 * "The state is unknown for 2.5 h of the window (...): the run-hours cover only the other 21.5 h." Tags are named after
 * their hours ("2.5 h of P02"): the hours a row's name is followed by stay its run-hours. Time beyond a limit and
 * running together (every row carries the same coverage): "... the time above 3 bar counts only the other 20.25 h."
 */
export function unknownStateSentence(plan: Plan, result: QueryResult, format: (value: number) => string): string | null {
  const op = plan.operation;
  // Availability and downtime state their unknown time themselves (state-time.ts), and so does each member of a group
  // asked a limit (member-sentence.ts).
  if (op.kind === 'threshold' && plan.tags.length > 1) return null;
  if ((op.kind !== 'run-hours' || op.report) && !STRETCHES.has(op.kind)) return null;
  const coverageIndex = result.columns.findIndex((c) => c.name === 'coverage');
  const endIndex = result.columns.findIndex((c) => c.name === 'data_end');
  if (coverageIndex < 0 || endIndex < 0) return null;
  const fromMs = Date.parse(plan.window.from);
  const toMs = Date.parse(plan.window.to);
  const rows = op.kind === 'run-hours' ? result.rows : result.rows.slice(0, 1);
  const unknown = rows
    .map((row) => {
      const end = Date.parse(String(row[endIndex]));
      const covered = Math.min(Math.max(Number.isFinite(end) ? end : toMs, fromMs), toMs) - fromMs;
      const coverage = Math.min(1, Math.max(0, num(row[coverageIndex]) ?? 0));
      return {
        tag: plan.tags.length > 1 ? String(row[0]) : (plan.tags[0]?.name ?? ''),
        unknownMs: (1 - coverage) * covered,
        knownMs: coverage * covered,
      };
    })
    .filter((r) => r.unknownMs >= UNKNOWN_STATE_MIN_MS);
  const first = unknown[0];
  if (!first) return null;
  const hours = (ms: number): string => `${format(ms / 3600_000)} h`;
  if (op.kind === 'threshold') {
    const tag = plan.tags[0];
    const what = tag?.dataType?.toLowerCase() === 'status' ? 'state' : 'value';
    return `The ${what} is unknown for ${hours(first.unknownMs)} of the window ${WHY}: the time ${comparisonOf(op, tag?.unit)} counts only the other ${hours(first.knownMs)}.`;
  }
  // Together, or run-hours added over the tags (one row, the worst tag's coverage).
  if (op.kind === 'together' || (op.kind === 'run-hours' && op.summed))
    return `The state of at least one of them is unknown for ${hours(first.unknownMs)} of the window ${WHY}: ${op.kind === 'together' ? `the time together counts only the other ${hours(first.knownMs)}` : 'the total counts only the time each state was known'}.`;
  if (plan.tags.length === 1)
    return `The state is unknown for ${hours(first.unknownMs)} of the window ${WHY}: the run-hours cover only the other ${hours(first.knownMs)}.`;
  return `The state is unknown for part of the window ${WHY}: ${unknown.map((r) => `${hours(r.unknownMs)} of ${r.tag}`).join('; ')}; the run-hours cover only the rest.`;
}
