// A pump's last run ("how long did hl p2 run last time it ran", "when did bps3 p1 last run", "last run of P03"): the most
// recent stretch of its running status inside the window (the lookback when none is named), with start, end and hours,
// or that it is still running.
import type { Cell, QueryResult } from '../../connectors/connector.ts';
import type { Plan } from './plan.ts';
import { scopeLiterals, type SignalScope } from './signal-sql.ts';
import { stretchCtes } from './threshold-sql.ts';
import { stretchSpan } from './duration-unit.ts';
import { formatNumber } from './answer-format.ts';
import { formatInstantText } from './zoned-time.ts';

/**
 * "last run", "lst run", "the last time it ran", "most recently running", "latest run": the run itself, not its hours
 * ("last run hours") nor a period ("last running week").
 */
const LAST_RUN_RE =
  /\b(?:(?:the|its)\s+)?(?:last|lst|latest|most\s+recent(?:ly)?)\s+(?:time\s+)?(?:(?:it|that|they|the\s+pump|this\s+pump)\s+)?(?:was\s+)?(?:run|ran|running)\b(?!\s*(?:hours?|hrs?|h|hr|time|times|count|days?|weeks?|wks?)\b)/;
/** Words that ask for the run's moment or length beside it ("when did", "for how long", "how long for"). */
const ASKED_RE = /\b(?:(?:and\s+)?(?:for\s+)?how\s+lo?ng(?:\s+for)?|when\s+(?:did|was|were)|wh?en|what\s+time|did|run|ran|running)\b/g;

/** The last-run cue and the question with its words blanked, or null. */
export function readLastRun(text: string): { words: string; text: string } | null {
  const match = LAST_RUN_RE.exec(text);
  if (!match) return null;
  const blanked = text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length);
  return { words: match[0].trim(), text: blanked.replace(ASKED_RE, (w) => ' '.repeat(w.length)) };
}

/**
 * The newest stretch of good running pieces (v >= 0.5; a not-good piece ends it, threshold-sql.ts's one definition of a
 * stretch), with `still_running` when it lasts to the window's end.
 */
export function compileLastRun(scope: SignalScope): string {
  const running = stretchCtes({ kind: 'threshold', comparator: 'above', value: 0.5, inclusive: true }, scope);
  return (
    `${running} SELECT start_time, end_time, hours, CASE WHEN end_time >= ${scopeLiterals(scope).to} THEN 1 ELSE 0 END AS still_running ` +
    `FROM stretch ORDER BY start_time DESC LIMIT 1`
  );
}

const text = (cell: Cell | undefined): string | null => (cell === null || cell === undefined || cell === '' ? null : String(cell));

/** "BPS03/P01/Running last ran from 2026-10-22 06:00 to 22:11 ... (16.2 h), searched back ...". */
export function lastRunSentence(plan: Plan, result: QueryResult, period: string): string {
  const tz = plan.window.timezone;
  const name = plan.tags[0]?.name ?? 'the pump';
  const col = (c: string): number => result.columns.findIndex((k) => k.name === c);
  const row = result.rows[0];
  const start = text(row?.[col('start_time')]);
  const end = text(row?.[col('end_time')]);
  if (!row || start === null || end === null) return `${name} did not run ${period} (no good running status).`;
  const hours = Number(row[col('hours')] ?? 0);
  const span = stretchSpan(hours, undefined, formatNumber);
  const from = formatInstantText(start, tz);
  const until = formatInstantText(end, tz);
  const carried = Date.parse(start) <= Date.parse(plan.window.from) ? ' (already running at the start of the search)' : '';
  if (Number(row[col('still_running')]) === 1)
    return `${name} is still running: its last run is from ${from} to ${until} ${tz} (now)${carried}, ${span} so far, ${period}.`;
  return `${name} last ran from ${from} to ${until} ${tz}${carried}, for ${span}, ${period}.`;
}
