// Alarms asked per something ("alm count per site", "alarms by station", "each priority", "each tank's alarms"), or
// which one of something alarmed most ("which site had the most alarms", "noisiest stn"): the alarm journal is counted
// per tag, per site (of the tag's asset), per priority, per condition (HIGH, LOW) or per plant-local hour, day, week or
// month; a split another way, or two splits at once, is named instead of answered as one total or as one of the splits.
import type { Bucket } from './plan.ts';

/** Nouns a count of alarms may be split by. */
const GROUP_NOUNS =
  'sites?|stations?|stns?|locations?|assets?|areas?|dmas?|tanks?|reservoirs?|pumps?|equipment|plants?|priority|priorities|prio|conditions?|days?|weeks?|wks?|months?|shifts?|hours?|hrs?|tags?|signals?|points?';
/**
 * "per site", "alarms/site", "p/site", "alarms a day" (a rate: per day), "split by prio", "broken down by site"; a second
 * noun joined on ("by prio and site") is a second split.
 */
const GROUP_RE = new RegExp(
  `(?:\\b(?:(?:split|broken\\s+down|break\\s*down|breakdown|grouped|group(?:ed)?)\\s+)?(?:per|by|for each|for every|each|every)\\s+|(?<=[a-z])\\/|\\bp\\/|(?<=\\b(?:alarms|alerts|alms)\\s+)an?\\s+(?=(?:day|hour|week|month|shift)\\b))(${GROUP_NOUNS})\\b(?:\\s*(?:and|&|,|\\/)\\s*(${GROUP_NOUNS})\\b)?`,
);
const GROUP_ALL_RE = new RegExp(GROUP_RE.source, 'g');
/**
 * "which site", "what station", "noisiest stn": the one (or ones) of the split that alarmed most; "which priority 2
 * alarms" names a priority, not a split.
 */
const WHICH_RE = new RegExp(`\\b(?:which|what|noisiest|busiest)\\s+(${GROUP_NOUNS})\\b(?!\\s*\\d)`);

export type AlarmGrouping =
  /** `which`: asked as "which site ..." (one, when `singular`), not "per site". */
  | { kind: 'tag' | 'site' | 'priority' | 'condition'; words: string; which?: { singular: boolean } }
  /** Per plant-local calendar bucket ("per day", "alarms per hr"): every bucket of the window, 0 where none came. */
  | { kind: 'bucket'; bucket: Bucket; words: string; which?: { singular: boolean } }
  | { kind: 'unsupported'; words: string; which?: { singular: boolean } };

/** The calendar bucket a split noun names ("days", "hr", "wk"), or undefined. */
function bucketOf(noun: string): Bucket | undefined {
  if (/^(?:hours?|hrs?)$/.test(noun)) return 'hour';
  if (/^days?$/.test(noun)) return 'day';
  if (/^(?:weeks?|wks?)$/.test(noun)) return 'week';
  if (/^months?$/.test(noun)) return 'month';
  return undefined;
}

function kindOf(noun: string): 'tag' | 'site' | 'priority' | 'condition' | 'bucket' | 'unsupported' {
  if (bucketOf(noun)) return 'bucket';
  if (/^conditions?$/.test(noun)) return 'condition';
  if (/^(?:tags?|signals?|points?)$/.test(noun)) return 'tag';
  if (/^(?:sites?|stations?|stns?|locations?)$/.test(noun)) return 'site';
  if (/^(?:priority|priorities|prio)$/.test(noun)) return 'priority';
  return 'unsupported';
}

/** What an alarm question groups by, or null when it asks for no grouping. */
export function readAlarmGrouping(text: string): AlarmGrouping | null {
  const all = [...text.matchAll(GROUP_ALL_RE)];
  // "alm count per prio per site", "by prio and site": two splits at once, which no alarm answer makes.
  const kinds = new Set(all.flatMap((m) => [m[1], m[2]].filter((n) => n !== undefined).map(kindOf)));
  if (kinds.size > 1) return { kind: 'unsupported', words: all.map((m) => m[0]).join(' ') };
  const match = all[0];
  if (match) return groupingOf(match[1] ?? '', match[0]);
  const which = WHICH_RE.exec(text);
  if (!which) return null;
  const noun = which[1] ?? '';
  // "which pump had the most alarms": pumps are not a split of the alarm counts (a pump has several tags).
  return { ...groupingOf(noun, which[0]), which: { singular: !/(?:s|ies)$/.test(noun) || /^(?:priority|prio)$/.test(noun) } };
}

function groupingOf(noun: string, words: string): AlarmGrouping {
  const kind = kindOf(noun);
  if (kind === 'bucket') return { kind, bucket: bucketOf(noun) ?? 'day', words };
  return { kind, words };
}

/** `text` with the words of a split the alarm answers make ("by station", "each priority") blanked: they name no tag. */
export function withoutAlarmGrouping(text: string): string {
  const grouping = readAlarmGrouping(text);
  if (!grouping || grouping.kind === 'unsupported') return text;
  const at = text.indexOf(grouping.words);
  return text.slice(0, at) + ' '.repeat(grouping.words.length) + text.slice(at + grouping.words.length);
}

/** The decline for a grouping the alarm answers cannot split by. */
export function alarmGroupingDecline(grouping: { words: string }, sites: boolean): { kind: 'decline'; reason: string } {
  return {
    kind: 'decline',
    reason: `I could not place "${grouping.words}": alarms are counted in total, per tag${sites ? ', per site' : ''}, per priority, per condition or per hour, day, week or month, not split that way (nor two ways at once); ask that way, or name one of them`,
  };
}
