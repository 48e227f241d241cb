// Alarms asked per something ("alm count per site", "alarms by station", "each priority", "each tank's alarms"): the
// alarm journal is counted per tag, per site (of the tag's asset) or per priority; a split another way is named instead
// of answered as one total.

/** Nouns a count of alarms may be split by. */
const GROUP_RE =
  /\b(?:per|by|for each|for every|each|every)\s+(sites?|stations?|locations?|assets?|areas?|dmas?|tanks?|reservoirs?|pumps?|equipment|plants?|priority|priorities|prio|days?|weeks?|months?|shifts?|hours?|tags?|signals?|points?)\b/;

export type AlarmGrouping = { kind: 'tag' | 'site' | 'priority'; words: string } | { kind: 'unsupported'; words: string };

/** What an alarm question groups by, or null when it asks for no grouping. */
export function readAlarmGrouping(text: string): AlarmGrouping | null {
  const match = GROUP_RE.exec(text);
  if (!match) return null;
  const noun = match[1] ?? '';
  const words = match[0];
  if (/^(?:tags?|signals?|points?)$/.test(noun)) return { kind: 'tag', words };
  if (/^(?:sites?|stations?|locations?)$/.test(noun)) return { kind: 'site', words };
  if (/^(?:priority|priorities|prio)$/.test(noun)) return { kind: 'priority', words };
  return { kind: 'unsupported', words };
}

/** `text` with the words of a split the alarm answers make ("by station", "each priority") blanked: they name no tag. */
export function withoutAlarmGrouping(text: string): string {
  const match = GROUP_RE.exec(text);
  if (!match || readAlarmGrouping(match[0])?.kind === 'unsupported') return text;
  return text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length);
}

/** The decline for a grouping the alarm answers cannot split by. */
export function alarmGroupingDecline(grouping: { words: string }, sites: boolean): { kind: 'decline'; reason: string } {
  return {
    kind: 'decline',
    reason: `I could not place "${grouping.words}": alarms are counted in total, per tag${sites ? ', per site' : ''} or per priority, not split that way; ask that way, or name one of them`,
  };
}
