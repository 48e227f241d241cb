// Alarm questions about the time to clear or to acknowledge: the alarms one by one with their durations ("list the
// clearwell alarms with how long each one stayed active", "longest alarm to clear in oct", "which alarm took the longest
// to be acknowledged"), or one number over them: the mean, or the longest / shortest time ("max time to ack alarms sept",
// "the longest time to acknowledge an alarm", "worst ack time").
import type { AlarmTimeStatistic } from './plan.ts';

/** "each", "every", "list", "which alarms": the alarms one by one. */
const EACH_RE = /\b(?:each|every|per alarm|list|which|show)\b/;
/** "longest", "slowest": the alarm that took most time; "shortest", "quickest": the least. */
const LONGEST_RE = /\b(?:longest|slowest|most time)\b/;
/** "top 3 alarms by time to ack": with no other superlative, the alarms that took most time ("top 3 prio" is no order). */
const TOP_RE = /\btop\s+(?:\d+|two|three|four|five|ten)\b(?!\s+prio)/;
const SHORTEST_RE = /\b(?:shortest|quickest|fastest|least time)\b/;
/** A statistic by name: "max time to ack", "worst ack time", "peak"; "min" after "in" or a number is minutes. */
const MAX_RE = /\b(?:max|maximum|maximal|worst|peak)\b/;
const MIN_RE = /\b(?:minimum|minimal|best)\b|(?<!\b(?:in|\d+)\s*)\bmin\b/;
/** A mean by name: "mean time to ack", "avg time to clear", "typical", "mtta", "mttc". */
const MEAN_RE = /\b(?:mean|average|avg|typical(?:ly)?|mtta|mttc|mttr)\b/;
/** The alarms named with their times: "with", "w/", "including", "plus", "+". */
const WITH_RE = /\bwith\b|\bw\/|\bincl(?:uding)?\b|\bplus\b|\+/;
/** A superlative of the time itself ("the longest time to acknowledge", "shortest delay"): one number, not an alarm. */
const OF_TIME_RE =
  /\b(?:longest|slowest|shortest|quickest|fastest)\s+(?:(?:ack(?:nowledge?ment)?|clear(?:ing|ance)?|response)\s+)?(?:time|delay|duration|wait|latency)\b/;

export type AlarmDurationReading =
  /** The alarms with their durations, ranked when a superlative is named. */
  | { kind: 'list'; order?: 'asc' | 'desc'; limit?: number }
  /** One number over the window's alarms: the mean (no statistic), or the longest or shortest time. */
  | { kind: 'statistic'; statistic?: AlarmTimeStatistic };

/** What a question about the time to clear or acknowledge asks of the durations; `limit` is the number it names. */
export function readAlarmDurations(text: string, limit: number | undefined): AlarmDurationReading {
  const order = LONGEST_RE.test(text) ? 'desc' : SHORTEST_RE.test(text) ? 'asc' : TOP_RE.test(text) ? 'desc' : undefined;
  // "alarms with (their) time to ack", "alms w/ time-to-ack", "+ time to clear": the alarms, each with its time.
  const each = EACH_RE.test(text) || (!MEAN_RE.test(text) && WITH_RE.test(text));
  if (!each) {
    if (MAX_RE.test(text) || (order === 'desc' && OF_TIME_RE.test(text))) return { kind: 'statistic', statistic: 'max' };
    if (MIN_RE.test(text) || (order === 'asc' && OF_TIME_RE.test(text))) return { kind: 'statistic', statistic: 'min' };
  }
  if (order) return { kind: 'list', order, limit: limit ?? 1 };
  return each ? { kind: 'list' } : { kind: 'statistic' };
}
