// Alarms asked per something ("alm count per site", "alarms by station", "each tank's alarms"): the alarm journal is
// counted in total or per tag, so a count per site, area or priority is named instead of answered as one total.

/** Nouns a count of alarms may be split by; "tag" (and its forms) is the one the planner counts by (alarm-top). */
const GROUP_RE =
  /\b(?:per|by|for each|for every|each|every)\s+(sites?|stations?|assets?|areas?|dmas?|tanks?|reservoirs?|pumps?|equipment|locations?|plants?|priority|priorities|days?|weeks?|months?|shifts?|hours?|tags?|signals?|points?)\b/;

export type AlarmGrouping = { kind: 'tag' } | { kind: 'unsupported'; words: string };

/** What an alarm question groups by, or null when it asks for no grouping. */
export function readAlarmGrouping(text: string): AlarmGrouping | null {
  const match = GROUP_RE.exec(text);
  if (!match) return null;
  return /^(?:tags?|signals?|points?)$/.test(match[1] ?? '') ? { kind: 'tag' } : { kind: 'unsupported', words: match[0] };
}

/** The decline for a grouping the alarm answers cannot split by. */
export function alarmGroupingDecline(grouping: { words: string }): { kind: 'decline'; reason: string } {
  return {
    kind: 'decline',
    reason: `I could not place "${grouping.words}": alarms are counted in total or per tag, not split that way; ask per tag, or name one of them`,
  };
}
