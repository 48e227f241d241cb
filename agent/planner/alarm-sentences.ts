// Sentences of the alarm answers that keep more than one row at the top (a tie) or keep tags by a rule (chattering),
// count per calendar bucket, and the words of the alarms active at some moment of a period.
import type { Cell } from '../../connectors/connector.ts';
import { chatterWords } from './alarm-chatter.ts';
import { formatNumber, num, sentenceCase, when } from './answer-format.ts';
import type { AlarmChatter, Bucket } from './plan.ts';
import { tieNote, valuesAt } from './rank-ties.ts';

/** What "active at some moment of the period" counts, said after the period. */
export const DURING = '(raised before its end and not cleared before its start)';

/** " (a tie: 2 with 3 each)" when the first place is shared, " (a tie at 3rd place: 7 shown)" when the cut is. */
export function topTie(rows: readonly Cell[][], limit: number): string {
  return tieNote(valuesAt(rows, 1), limit);
}

/** "Chattering alarms (one tag active 3 or more times within 60 min) in ...: WTP01/Intake/RawTurbidity (13 alarms, at most 5 within 60 min)." */
export function chatterSentence(kind: string, inPeriod: string, rows: readonly Cell[][], rule: AlarmChatter): string {
  const what = `(${chatterWords(rule)})`;
  if (rows.length === 0) return `No ${kind} chattered ${what} ${inPeriod}.`;
  const list = rows.map(
    (r) => `${String(r[0])} (${formatNumber(num(r[1]) ?? 0)} alarms, at most ${formatNumber(num(r[2]) ?? 0)} within ${rule.minutes} min)`,
  );
  return `Chattering ${kind} ${what} ${inPeriod}: ${list.join(', ')}.`;
}

/**
 * "Alarms per day in ... (7 days): 2026-10-14 00:00 1; 2026-10-15 00:00 1; 2026-10-16 00:00 1; none in the other 4."
 * Rows are (bucket start, count); the buckets without alarms are counted, not listed.
 */
export function bucketCountSentence(input: {
  kind: string;
  bucket: Bucket;
  inPeriod: string;
  rows: readonly Cell[][];
  timezone: string;
}): string {
  const { kind, bucket, rows } = input;
  const total = rows.reduce((sum, r) => sum + (num(r[1]) ?? 0), 0);
  const some = rows.filter((r) => (num(r[1]) ?? 0) > 0);
  const heading = `${sentenceCase(kind)} per ${bucket} ${input.inPeriod} (${formatNumber(rows.length)} ${bucket}${rows.length === 1 ? '' : 's'}, ${formatNumber(total)} in all)`;
  if (some.length === 0) return `${heading}: none in any ${bucket}.`;
  const listed = some.slice(0, 12).map((r) => `${when(r[0], input.timezone)} ${formatNumber(num(r[1]) ?? 0)}`);
  const more = some.length > 12 ? `; ${some.length - 12} more ${bucket}s with alarms in the table` : '';
  const rest = rows.length - some.length;
  return `${heading}: ${listed.join('; ')}${more}${rest > 0 ? `; none in the other ${formatNumber(rest)}` : ''}.`;
}

/** "Tags that raised alarms more than once in one day in ...: WTP01/Intake/RawTurbidity on 2026-09-02 00:00 (3)." */
export function bucketRepeatSentence(input: {
  kind: string;
  bucket: Bucket;
  often: string;
  inPeriod: string;
  rows: readonly Cell[][];
  timezone: string;
}): string {
  const { rows } = input;
  const what = `${input.kind} ${input.often} in one ${input.bucket}`;
  if (rows.length === 0) return `No tag raised ${what} ${input.inPeriod}.`;
  const listed = rows.slice(0, 12).map((r) => `${String(r[0])} ${when(r[1], input.timezone)} (${formatNumber(num(r[2]) ?? 0)})`);
  const more = rows.length > 12 ? `; ${rows.length - 12} more in the table` : '';
  return `Tags that raised ${what} ${input.inPeriod}: ${listed.join('; ')}${more}.`;
}

/**
 * "WTP01/CW01/Level was in alarm 9.63 h (578 min) in total in October 2026 (...): 3 alarms, from raised to cleared."
 * `row` is (hours, minutes, alarms, alarms_not_cleared); an alarm not cleared yet is not counted, and said so.
 */
export function timeInAlarmSentence(input: { kind: string; on: string; inPeriod: string; row: readonly Cell[] | undefined }): string {
  const [hours, minutes, alarms, open] = [0, 1, 2, 3].map((k) => num(input.row?.[k]));
  const notCleared = open ? `; ${formatNumber(open)} not cleared yet, not counted` : '';
  if (hours === null || hours === undefined)
    return `No ${input.kind} raised${input.on} ${input.inPeriod} has cleared, so no time in alarm is known${notCleared}.`;
  const n = alarms ?? 0;
  return (
    `${sentenceCase(input.kind)}${input.on} stood ${formatNumber(hours)} h (${formatNumber(minutes ?? 0)} min) in total ${input.inPeriod}, ` +
    `from raised to cleared: ${formatNumber(n)} alarm${n === 1 ? '' : 's'}${notCleared}.`
  );
}
