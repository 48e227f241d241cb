// What an alarm answer says when acknowledgements are paired by assumption: the journal records an acknowledgement per
// raise without naming the raise (alarm-ack-pairing.ts pairs them in order), so where a tag was raised again before the
// acknowledgement came, the answer says which alarms' acknowledgements are ambiguous. Means and counts hold either way.
import type { Cell, QueryResult } from '../../connectors/connector.ts';
import { column, formatNumber, num, when } from './answer-format.ts';
import type { Plan } from './plan.ts';

const WHY = 'the alarm journal does not record which raise an acknowledgement answers';

/** True for a boolean cell as the sources return it (true, 1, 't', 'true'). */
const isTrue = (cell: Cell | undefined): boolean => cell === true || cell === 1 || cell === 't' || cell === 'true' || cell === '1';

/** Whether row `row` of an alarm list has its acknowledgement paired by assumption. */
export function ackAmbiguous(result: QueryResult, row: Cell[]): boolean {
  const index = column(result, 'ack_ambiguous');
  return index >= 0 && isTrue(row[index]);
}

/** How many alarms of the window have an ambiguous acknowledgement, listed or not (null: not asked of the query). */
function ambiguousInWindow(result: QueryResult): number | null {
  const index = column(result, 'acks_ambiguous');
  return index < 0 || result.rows.length === 0 ? null : num(result.rows[0]![index]);
}

/** The sentence after an alarm answer whose acknowledgements are partly paired by assumption, or '' (no numbers in it). */
export function ackAmbiguitySentence(plan: Plan, result: QueryResult): string {
  const op = plan.operation;
  const inWindow = ambiguousInWindow(result) ?? 0;
  if (op.kind === 'alarm-ack-time')
    return inWindow > 0
      ? ` Some of these acknowledgements are ambiguous (the tag was raised again before they came, and ${WHY}): they are paired with the raises in order, so the ${op.statistic === 'min' ? 'shortest' : 'longest'} time assumes that order.`
      : '';
  if (op.kind !== 'alarm-list') return '';
  if (inWindow > 0)
    return ` Some alarms raised in the period have ambiguous acknowledgements (the tag was raised again before they came, and ${WHY}): they are paired with the raises in order, so which alarms are in this answer assumes that order.`;
  if (result.rows.some((row) => ackAmbiguous(result, row)))
    return ` Acknowledgements marked ambiguous are paired with the raises in order: the tag was raised again before they came, and ${WHY}.`;
  return '';
}

/** The note naming the alarms whose acknowledgements are paired by assumption, or null. */
export function ackAmbiguityNote(plan: Plan, result: QueryResult): string | null {
  const op = plan.operation;
  if (op.kind !== 'alarm-list' && op.kind !== 'alarm-ack-time') return null;
  const tz = plan.window.timezone;
  const listed = result.rows
    .filter((row) => ackAmbiguous(result, row))
    .map((row) => `${String(row[column(result, 'tag')])} raised ${when(row[column(result, 'start_time')], tz)}`);
  const inWindow = ambiguousInWindow(result) ?? 0;
  const count = Math.max(inWindow, listed.length);
  if (count === 0) return null;
  const which =
    listed.length > 0
      ? `: ${listed.join('; ')}${inWindow > listed.length ? ` (${formatNumber(inWindow - listed.length)} more not listed)` : ''}`
      : '';
  return `acknowledgement ambiguous for ${formatNumber(count)} alarm${count === 1 ? '' : 's'}${which} — paired with the raises of their tag in order, because ${WHY} (a tag raised again before the acknowledgement came)`;
}
