// Alarm questions that ask how long each alarm lasted rather than the mean: "list the clearwell alarms with how long
// each one stayed active", "longest alarm to clear in oct", "which alarm took the longest to clear".

/** "each", "every", "list", "which alarms": the alarms one by one. */
const EACH_RE = /\b(?:each|every|per alarm|list|which|show)\b/;
/** "longest", "slowest": the alarm that took most time; "shortest", "quickest": the least. */
const LONGEST_RE = /\b(?:longest|slowest|most time)\b/;
const SHORTEST_RE = /\b(?:shortest|quickest|fastest|least time)\b/;

/**
 * Of a question that asks about the time to clear (ALARM_CLEAR_RE): the alarms with their durations, ranked when a
 * superlative is named; null for the mean over the window.
 */
export function readAlarmDurations(text: string, limit: number | undefined): { order?: 'asc' | 'desc'; limit?: number } | null {
  const order = LONGEST_RE.test(text) ? 'desc' : SHORTEST_RE.test(text) ? 'asc' : undefined;
  if (order) return { order, limit: limit ?? 1 };
  return EACH_RE.test(text) ? {} : null;
}
