// The alarm state at a moment: which alarms were standing (raised and not yet cleared) or unacknowledged at an
// instant, "now" included ("which alarms are still active", "standing alarms rn", "alarms active at 06:00 on 3 Oct",
// "not cleared yet at the WTP"). A state needs no window: it looks back over the alarms raised before the moment.
import type { ResolvedWindow } from '../answer.ts';
import type { Operation } from './plan.ts';
import { makeWindow } from './time-window.ts';
import { formatShort } from './zoned-time.ts';

/** "standing" (not "longest standing": the time to clear), "still active", "still in alarm", "in alarm", "not cleared (yet)", "uncleared", "active now". */
export const ALARM_STANDING_RE =
  /\b(?:(?<!\b(?:longest|shortest)[\s-])standing|still\s+(?:active|in\s+alarm|raised|on|up|open)|(?:currently\s+)?in\s+alarm(?:\s+state)?|(?:not|never)\s+(?:yet\s+)?(?:been\s+)?clear(?:ed)?(?:\s+yet)?|un-?cleared|(?:currently|presently)\s+active|active\s+(?:at\s+the\s+moment|now))\b/;

/** How far back a state question looks for the activations still standing at the moment asked. */
export const ALARM_STATE_LOOKBACK_MS = 30 * 86_400_000;

/** "in alarm" with no word of a state before it ("still", "currently"): a state now, or the alarms of a period named. */
const BARE_IN_ALARM_RE = /^in\s+alarm$/;

/**
 * The alarm-state words of a question and the question with them blanked; null when it names no state. `bare` is
 * "in alarm" alone: "BPS03 P2 vib in alarm this wk", "was DMA02 CP in alarm on 3 oct" ask for the alarms of that
 * period, while "anything in alarm at ps3?" asks the state now (the caller decides by the time named).
 */
export function readAlarmStanding(text: string): { text: string; bare: boolean } | null {
  const match = ALARM_STANDING_RE.exec(text);
  if (!match) return null;
  return {
    text: text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length),
    bare: BARE_IN_ALARM_RE.test(match[0]),
  };
}

/**
 * The alarm list of a state at a moment: `asOf` is the instant named, else now; the window is the period named (the
 * alarms raised in it), else the 30 days up to the moment.
 */
export function alarmStateList(input: {
  state: 'standing' | 'unacknowledged';
  at: Date;
  period: ResolvedWindow | undefined;
  timezone: string;
  limit: number;
  priority?: number;
  priorities?: readonly number[];
  /** How many were in the state ("how many alarms are standing"), instead of which. */
  count?: boolean;
  /** Newest first ("the last 5 unacked alarms"). */
  newest?: boolean;
}): { operation: Operation; window: ResolvedWindow } {
  const { at, timezone } = input;
  // Raised at or before the moment: the window's end is just after it.
  const window =
    input.period ??
    makeWindow(
      new Date(at.getTime() - ALARM_STATE_LOOKBACK_MS),
      new Date(at.getTime() + 1000),
      timezone,
      `as of ${formatShort(at, timezone)}, alarms raised in the 30 days before`,
    );
  const state = {
    ...(input.state === 'standing' ? { standing: true } : { unacknowledged: true }),
    asOf: at.toISOString(),
    ...(input.priority !== undefined ? { priority: input.priority } : {}),
    ...(input.priorities ? { priorities: input.priorities } : {}),
  };
  const operation: Operation = input.count
    ? { kind: 'alarm-count', ...state }
    : { kind: 'alarm-list', limit: input.limit, ...state, ...(input.newest ? { newest: true } : {}) };
  return { operation, window };
}

/**
 * The sentence of a state list: "2 alarms were standing (raised, not cleared) at 2026-10-03 06:00: DMA02/CP01/Pressure
 * active since 2026-10-03 04:49; ...". `rows` are (tag, since) pairs, already written in plant time.
 */
export function alarmStateSentence(input: {
  state: 'standing' | 'unacknowledged';
  kind: string;
  on: string;
  at: string;
  period: string;
  rows: readonly { tag: string; since: string }[];
}): string {
  const what = input.state === 'standing' ? 'standing (raised and not cleared)' : 'unacknowledged';
  if (input.rows.length === 0) return `No ${input.kind}s${input.on} were ${what} at ${input.at} (looked at ${input.period}).`;
  const list = input.rows.slice(0, 10).map((r) => `${r.tag} active since ${r.since}`);
  const more = input.rows.length > 10 ? `; ${input.rows.length - 10} more in the table` : '';
  const n = input.rows.length;
  return `${n} ${input.kind}${n === 1 ? ' was' : 's were'}${input.on} ${what} at ${input.at} (${input.period}): ${list.join('; ')}${more}.`;
}

/**
 * A word of an alarm question that no tag carries and that reads as a state of an alarm ("shelved", "suppressed",
 * "inhibited", "escalated") or qualifies the alarms right before the noun ("nuisance alarms", "spurious alarms"): the
 * alarm journal records raising, acknowledging and clearing only, so a list or count answered without it would claim
 * something else. The first such word of `ignored` (the words the planner skipped), or undefined.
 */
export function unknownAlarmState(ignored: readonly string[], text = ''): string | undefined {
  const qualifies = (w: string): boolean => new RegExp(`\\b${w.replace(/[^a-z0-9]/g, '.')}\\s+(?:alarms?|alerts?)\\b`).test(text);
  return ignored.find((w) => /^[a-z]{3,}ed$/.test(w)) ?? ignored.find(qualifies);
}
