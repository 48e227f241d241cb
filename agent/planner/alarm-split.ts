// "alarm count per site", "how many alarms did each station have", "no. of alarms by day": an alarm count split by
// something. The journal is counted per tag (the alarm-top shape); any other split (site, day, priority ...) is named
// in a decline, instead of answering one total for the whole window as if no split had been asked.

/** Words that split a count without being one of its members ("per alarm" is each alarm, a list). */
const SPLIT_RE = /\b(per|each|every|by)\s+(?:(?:one\s+)?of\s+(?:the\s+)?)?([a-z][a-z0-9-]*)/g;
/** After "by", only a kind of member splits ("by BPS03", "raised by the low level" do not). */
const BY_MEMBERS =
  /^(?:tags?|points?|signals?|sites?|stations?|areas?|assets?|equipment|days?|weeks?|hours?|months?|shifts?|priorit(?:y|ies)|prio|types?|kinds?|dmas?|tanks?|pumps?|zones?)$/;
const NOT_MEMBERS = /^(?:alarms?|alerts?|events?|one|time|times|single|the|a|an)$/;
const TAG_MEMBERS = /^(?:tags?|points?|signals?)$/;

export type AlarmSplit = { by: 'tag' } | { by: 'other'; words: string };

/** The split asked of an alarm count, or null when the count is one total. */
export function readAlarmSplit(text: string): AlarmSplit | null {
  for (const match of text.matchAll(SPLIT_RE)) {
    const [words, lead, member] = match as unknown as [string, string, string];
    if (NOT_MEMBERS.test(member) || /\d/.test(member)) continue;
    if (lead === 'by' && !BY_MEMBERS.test(member)) continue;
    return TAG_MEMBERS.test(member) ? { by: 'tag' } : { by: 'other', words };
  }
  return null;
}

/** The decline of a split the alarm count cannot make. */
export function alarmSplitDecline(words: string): { kind: 'decline'; reason: string } {
  return {
    kind: 'decline',
    reason: `I could not place "${words}": alarms are counted in total or per tag only; ask for one at a time (e.g. "how many alarms at BPS02 last month") or "alarms per tag"`,
  };
}
