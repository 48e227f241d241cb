// The sentences around the answer's number: a low-coverage caveat before it, where the data ends after it, counter
// resets, and why a window without data found nothing (data ended, a gap, the role's look-back window).
import type { QueryResult } from '../../connectors/connector.ts';
import type { AnswerMethod } from '../answer.ts';
import { formatDuration, formatPercent, plantTimeWithOffset } from './answer-method.ts';
import type { Plan } from './plan.ts';
import { formatNumber, sumColumn } from './answer-format.ts';

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
export function noDataEnd(plan: Plan, newest: string | null | undefined): string | null {
  if (newest === undefined) return null;
  if (plan.operation.kind === 'shift-log') return shiftLogEnd(plan, newest);
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
 * Where the shift log ends, when a window reaching past its newest entry found none: "The shift log's newest entry is
 * 2026-12-07 00:00 +01:00, before the end of this window." (the night asked was not written up yet, or not imported).
 */
function shiftLogEnd(plan: Plan, newest: string | null): string | null {
  if (newest === null) return 'The shift log has no entries at all.';
  const ms = Date.parse(newest);
  if (!Number.isFinite(ms) || ms >= Date.parse(plan.window.to)) return null;
  const before = ms < Date.parse(plan.window.from) ? 'this window' : 'the end of this window';
  return `The shift log's newest entry is ${plantTimeWithOffset(ms, plan.window.timezone)}, before ${before}.`;
}

/**
 * A window that ends before the asker's look-back window starts found nothing because the role may not read that far
 * back, not because the historian has a gap: "Your role may read samples only from 2026-11-05 01:00 +01:00 on (its
 * look-back window); nothing of this window could be read."
 */
export function beforeLookBack(plan: Plan, lookBackFrom: string | undefined): string | null {
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
