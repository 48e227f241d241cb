// The operation of an alarm question: a state at a moment (standing, unacknowledged), the newest alarms, the times
// to acknowledge and to clear (mean, longest, shortest, or the alarms ranked by them), counts in total or per tag, site
// or priority, or the list. The tags are linked by the caller; no tag named means every tag.
import type { ResolvedWindow } from '../answer.ts';
import { alarmGroupingDecline, readAlarmGrouping } from './alarm-grouping.ts';
import { readAlarmDurations } from './alarm-durations.ts';
import { alarmStateList } from './alarm-state.ts';
import type { Choice } from './choose-operation.ts';
import type { Operation, PlanResult } from './plan.ts';
import { ALARM_CLEAR_RE, ALARM_TOP_RE } from './question-lexicon.ts';
import { makeWindow } from './time-window.ts';
import { formatShort } from './zoned-time.ts';

/** How many alarms a list shows at most (the table says when there were more). */
export const ALARM_LIST_LIMIT = 200;
/** How far back "which alarms are unacknowledged" looks when no period is named. */
const UNACKNOWLEDGED_LOOKBACK_MS = 7 * 86_400_000;
/** How far back "the last 5 alarms" looks when no period is named. */
const RECENT_LOOKBACK_MS = 365 * 86_400_000;
/** "how many", "number of", "count", "no. of": a count of alarms, not the list. */
const ALARM_COUNT_RE = /\b(?:how many|number of|count|no\.? of)\b/;

/** Plans an alarm question; `plan` makes the plan of the caller's tags (declining when no window is given). */
/** A time asked of a state ("in alarm how long", "hrs in alarm", "time in alarm"): a duration over a period. */
const STANDING_TIME_RE = /\b(?:how\s+lo?ng|duration|hours|hrs|minutes|mins|time\s+(?:in|spent))\b/;

export function chooseAlarmOperation(choice: Choice, plan: (operation: Operation, window?: ResolvedWindow) => PlanResult): PlanResult {
  const { catalog, cues, time, ctx } = choice;
  const mapping = catalog.source.historian;
  if (!mapping?.alarms) return { kind: 'decline', reason: `source "${catalog.source.name}" has no alarm table in its historian mapping` };
  if (cues.priority && !mapping.alarms.priority)
    return {
      kind: 'decline',
      reason: `"${cues.priority.word}" names an alarm priority, and source "${catalog.source.name}" maps no priority column of its alarm table`,
    };
  const priority = cues.priority ? { priority: cues.priority.value } : {};
  const counted = ALARM_COUNT_RE.test(cues.text);
  // "last 5 alarms", "most recent alarm at BPS03": newest first, over the period named, else the year up to now.
  const recent = cues.recentAlarms;
  const grouping = readAlarmGrouping(cues.text);
  if (recent && (counted || grouping || cues.acknowledgement === 'time' || ALARM_CLEAR_RE.test(cues.text) || ALARM_TOP_RE.test(cues.text)))
    return {
      kind: 'decline',
      reason: `I could not place "${recent.words}": the newest alarms are listed one by one, not counted or measured; ask for them as a list, or for a period`,
    };
  const newest = recent ? { newest: true } : {};
  const limit = recent?.limit ?? cues.limit ?? ALARM_LIST_LIMIT;
  const lookback = (ms: number, label: string): ResolvedWindow =>
    makeWindow(new Date(ctx.now.getTime() - ms), ctx.now, ctx.timezone, `${label} up to ${formatShort(ctx.now, ctx.timezone)}`);
  // A state at a moment: "still active", "standing rn", "alarms active at 06:00 on 3 Oct", "unacked at 16:10".
  const instant = time?.kind === 'instant' ? (time.at ?? new Date(time.window.from)) : undefined;
  // "alarms rn": with no period, now is the moment of a state.
  if (instant || cues.alarmStanding || (cues.now && !time)) {
    // "ps3 p2 vib in alarm how long this wk": a time in alarm over the period, not the alarms standing at one moment.
    const howLong = cues.alarmStanding && !instant ? STANDING_TIME_RE.exec(cues.text) : null;
    if (howLong)
      return {
        kind: 'decline',
        reason: `I could not place "${howLong[0]}" with an alarm state: the alarms standing at one moment have no time over a period; ask how long it was above its high alarm limit, or for the alarms with how long each stayed active`,
      };
    if (cues.acknowledgement === 'time' || ALARM_CLEAR_RE.test(cues.text) || ALARM_TOP_RE.test(cues.text) || grouping)
      return { kind: 'decline', reason: 'alarm statistics need a period, not an instant' };
    const state = alarmStateList({
      state: cues.acknowledgement === 'unacknowledged' ? 'unacknowledged' : 'standing',
      at: instant ?? ctx.now,
      period: instant ? undefined : time?.window,
      timezone: ctx.timezone,
      limit,
      ...(cues.priority ? { priority: cues.priority.value } : {}),
      // "how many alarms are standing": how many, not which.
      count: counted,
      newest: recent !== undefined,
    });
    return plan(state.operation, state.window);
  }
  const durations = ALARM_CLEAR_RE.test(cues.text) || cues.acknowledgement === 'time' ? readAlarmDurations(cues.text, cues.limit) : null;
  if (cues.acknowledgement === 'time') {
    // "which alarm took the longest to be acknowledged": the alarms with their times to acknowledge, ranked.
    if (durations?.kind === 'list')
      return plan({
        kind: 'alarm-list',
        limit: durations.limit ?? cues.limit ?? ALARM_LIST_LIMIT,
        durations: true,
        durationTo: 'ack',
        ...(durations.order ? { byDuration: durations.order } : {}),
        ...priority,
      });
    const statistic = durations?.kind === 'statistic' && durations.statistic ? { statistic: durations.statistic } : {};
    return plan({ kind: 'alarm-ack-time', ...priority, ...statistic });
  }
  if (cues.acknowledgement === 'unacknowledged') {
    // "which alarms are still unacknowledged": as of now, over the last days unless a period is named.
    const window =
      time?.window ?? (recent ? lookback(RECENT_LOOKBACK_MS, 'the last 365 days') : lookback(UNACKNOWLEDGED_LOOKBACK_MS, 'last 7 days'));
    const state = { unacknowledged: true, asOf: ctx.now.toISOString(), ...priority };
    if (counted) return plan({ kind: 'alarm-count', ...state }, window);
    return plan({ kind: 'alarm-list', limit, ...state, ...newest }, window);
  }
  if (durations) {
    // "with how long each one stayed active", "longest alarm to clear": the alarms with their durations.
    if (durations.kind === 'list')
      return plan({
        kind: 'alarm-list',
        limit: durations.limit ?? cues.limit ?? ALARM_LIST_LIMIT,
        durations: true,
        ...(durations.order ? { byDuration: durations.order } : {}),
        ...priority,
      });
    return plan({ kind: 'alarm-clear-time', ...priority, ...(durations.statistic ? { statistic: durations.statistic } : {}) });
  }
  // "alm count per site", "alarms by priority": counted per tag, site or priority, or named when split another way.
  const sites = Boolean(mapping.assets?.site && mapping.tags.asset);
  if (grouping?.kind === 'unsupported' || (grouping?.kind === 'site' && !sites)) return alarmGroupingDecline(grouping, sites);
  if (grouping?.kind === 'priority' && !mapping.alarms.priority)
    return {
      kind: 'decline',
      reason: `I could not place "${grouping.words}": source "${catalog.source.name}" maps no priority column of its alarm table`,
    };
  if (ALARM_TOP_RE.test(cues.text) || grouping) {
    const by = grouping?.kind === 'site' || grouping?.kind === 'priority' ? { by: grouping.kind } : {};
    return plan({ kind: 'alarm-top', limit: cues.limit ?? (grouping ? ALARM_LIST_LIMIT : 5), ...priority, ...by });
  }
  // "how many alarms": a count; "which alarms", "critical alarms last week", "show the alarms at BPS03": the alarms themselves.
  if (counted) return plan({ kind: 'alarm-count', ...priority });
  return plan(
    { kind: 'alarm-list', limit, ...priority, ...newest },
    time?.window ?? (recent ? lookback(RECENT_LOOKBACK_MS, 'the last 365 days') : undefined),
  );
}
