// Sentences of the alarm answers that keep more than one row at the top (a tie) or keep tags by a rule (chattering),
// and the words of the alarms active at some moment of a period.
import type { Cell } from '../../connectors/connector.ts';
import { chatterWords } from './alarm-chatter.ts';
import { formatNumber, num } from './answer-format.ts';
import type { AlarmChatter } from './plan.ts';
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
