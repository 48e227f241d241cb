// A group's sum or each member's: "bps01 total pump run hrs", "Kirchberg starts in total", "pump starts at bps3 altogether"
// ask one number, the run-hours (pump-hours) and starts of every pump named added up, rather than which pump is meant.
import type { Cell, QueryResult } from '../../connectors/connector.ts';
import type { Plan } from './plan.ts';

/** Words that add the members up: "total", "in total", "altogether", "combined", "all together", "summed", "added up". */
const SUM_RE = /\b(?:total|totals|altogether|combined|all together|summed|added up|sum)\b/;

/** Words asking for one value per member of a group ("total energy of each station") rather than one sum. */
export const PER_MEMBER_RE = /\b(each|every|per|individual(?:ly)?|respective(?:ly)?|separately|by (?:station|site|tag|pump|tank))\b/;

/**
 * Whether a run-hours or starts question over several status tags asks their sum: a sum word, and no word of the members
 * ("each pump ... in total", "which pump") nor a ranking or comparison.
 */
export function asksSummedRunHours(cues: { text: string; rank: boolean; compare: boolean }, tagCount: number): boolean {
  return (
    tagCount > 1 && !cues.rank && !cues.compare && SUM_RE.test(cues.text) && !PER_MEMBER_RE.test(cues.text) && !/\bwhich\b/.test(cues.text)
  );
}

/**
 * One row from the per-tag run-hours query (`perTag`: a `tag`, `run_hours`, `starts`, `coverage`, `data_end` row each):
 * the hours and starts added, how many tags had a state known, the worst tag's coverage and the earliest data end (the
 * answer's caveats read those as for one tag), and the minutes when asked.
 */
export function summedRunHoursSql(perTag: string, minutes: boolean): string {
  return (
    `SELECT sum(run_hours) AS run_hours, sum(starts) AS starts, count(run_hours) AS tags_with_data, ` +
    `min(coverage) AS coverage, min(data_end) AS data_end${minutes ? ', sum(run_minutes) AS run_minutes' : ''} ` +
    `FROM (${perTag}) AS per_tag`
  );
}

const num = (cell: Cell | undefined): number | null =>
  cell === null || cell === undefined || cell === '' ? null : Number.isFinite(Number(cell)) ? Number(cell) : null;

/**
 * "BPS01/P01/Running + BPS01/P02/Running ran 162.2 h in total (each one's run time added) with 5 starts last week." The
 * pumps summed are named, and how many of them had no state known in the window.
 */
export function summedRunSentence(
  plan: Plan,
  result: QueryResult,
  words: { during: string; ran: (hours: number) => string; format: (value: number) => string },
): string {
  const at = (name: string): Cell | undefined => result.rows[0]?.[result.columns.findIndex((c) => c.name === name)];
  const names = plan.tags.map((t) => t.name).join(' + ');
  const hours = num(at('run_hours'));
  if (hours === null) return `No good-quality state of ${names} ${words.during}.`;
  const starts = num(at('starts')) ?? 0;
  const withData = num(at('tags_with_data')) ?? plan.tags.length;
  const missing = withData < plan.tags.length ? ` (${plan.tags.length - withData} of the ${plan.tags.length} have no data)` : '';
  return (
    `${names} ran ${words.ran(hours)} in total (each one's run time added) with ${words.format(starts)} start${starts === 1 ? '' : 's'} ` +
    `${words.during}${missing}.`
  );
}
