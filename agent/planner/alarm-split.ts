// An alarm count asked per group ("alarm count per site", "how many alarms at each station", "alarms per tag"): per tag
// the alarm journal gives (the tags ranked by their count); per site, station or area it does not, so the count of all
// of them together would answer another question.

/** "per site", "at each station", "by area", "for every DMA": the group a count is split by, as written. */
const PER_GROUP_RE =
  /\b(?:per|each|every|by|for each|at each|at every|in each|in every)\s+(tags?|signals?|points?|sites?|stations?|stns?|areas?|zones?|dmas?|assets?|locations?|plants?|pumps?|tanks?|reservoirs?|equipment)\b/;
const COUNT_RE = /\b(?:how many|number of|count|no\.? of|#)\b/;

/**
 * Of an alarm question, how a count is split: `'tag'` (the tags with their counts) or the reason to decline a split the
 * alarm query cannot make; undefined when no count per group is asked.
 */
export function alarmCountSplit(text: string): 'tag' | { reason: string } | undefined {
  const group = PER_GROUP_RE.exec(text);
  if (!group || !COUNT_RE.test(text)) return undefined;
  if (/^(?:tags?|signals?|points?)$/.test(group[1] ?? '')) return 'tag';
  return {
    reason: `"${group[0]}": the quick planner counts alarms in total or per tag, not per ${(group[1] ?? '').replace(/s$/, '')}; ask for one ${(group[1] ?? '').replace(/s$/, '')} at a time, or per tag`,
  };
}
