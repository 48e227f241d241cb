// A limit on how often a tag alarmed: "which alarms came 2+ times", "tags that alarmed more than 3 times last wk",
// "alarms that repeated". The alarms are counted per tag and only the tags past the limit are kept.
import { numberWordsBetween } from './number-words.ts';
import type { AlarmCountLimit, Bucket } from './plan.ts';

/** A count as digits or words ("2", "two"): how often a tag alarmed. */
const COUNT_WORDS = numberWordsBetween(1, 20);
const N = String.raw`(\d+|${Object.keys(COUNT_WORDS).join('|')})`;
const countOf = (word: string): number => COUNT_WORDS[word] ?? Number(word);

/**
 * The limit as written in the question, with the words it took; the span it is counted in when one is stated: a
 * calendar bucket (`within`: "more than once on the same day", "2+ times in one day") or a sliding time (`minutes`:
 * "3+ activations inside 1h", "3 times within 30 min").
 */
export type AlarmRepeatCue = AlarmCountLimit & { words: string; within?: Bucket; minutes?: number };

/** "on the same day", "in one day", "in a single hour": the calendar bucket the count is taken in. */
const SAME_BUCKET_RE = /\b(?:on|in|during|within)\s+(?:the\s+same|one|a\s+single|a|1)\s+(day|hour|hr|week|wk|month)\b/;
/** "inside 1h", "within an hour", "within 30 min": a sliding time from each activation. */
const SLIDING_RE = /\b(?:inside|within|in\s+under|under)\s+(?:(an?|one|\d+)\s*)(h|hrs?|hours?|m|mins?|minutes?)\b/;
const BUCKET_OF: Record<string, Bucket> = { day: 'day', hour: 'hour', hr: 'hour', week: 'week', wk: 'week', month: 'month' };

/** The span stated with the limit, and the text with its words blanked. */
function spanOf(text: string): { within?: Bucket; minutes?: number; text: string } {
  const blank = (m: RegExpExecArray): string => text.slice(0, m.index) + ' '.repeat(m[0].length) + text.slice(m.index + m[0].length);
  const same = SAME_BUCKET_RE.exec(text);
  if (same) return { within: BUCKET_OF[same[1] ?? ''] ?? 'day', text: blank(same) };
  const sliding = SLIDING_RE.exec(text);
  if (sliding) {
    const n = /^\d+$/.test(sliding[1] ?? '') ? Number(sliding[1]) : 1;
    return { minutes: /^h/.test(sliding[2] ?? '') ? n * 60 : n, text: blank(sliding) };
  }
  return { text };
}

/** Words that say an alarm came more than once: "repeated", "recurring", "kept coming back". */
export const REPEAT_WORDS = [
  'repeated',
  'repeating',
  'repeat',
  'repeats',
  'recurring',
  'recurred',
  'recurrent',
  'reoccurring',
  'reoccurred',
];
const REPEAT_RE = new RegExp(
  String.raw`\b(?:${REPEAT_WORDS.join('|')}|kept\s+coming(?:\s+back)?|came\s+back|more\s+than\s+once|again\s+and\s+again)\b`,
);

/** What is counted after the number: "times", "x", "activations", "occurrences". */
const TIMES = String.raw`\s*(?:times|x|activations?|occurrences?)\b`;
/** "2+ times", "2 or more times", "2 times or more", "at least 2 times": that many or more. */
const AT_LEAST_RE = new RegExp(
  String.raw`\b(?:at\s+least\s+|>=\s*)${N}${TIMES}|\b${N}\s*(?:\+|or\s+more)${TIMES}|\b${N}${TIMES}\s+or\s+more\b|(?<![\w.])(\d+)\s*\+\s*(?:times|x|activations?|occurrences?)?(?=\s|$)`,
);
/** "more than 3 times", "over 3 times", "> 3 times": more than that many. */
const MORE_THAN_RE = new RegExp(String.raw`(?:\b(?:more\s+than|over|above)\s+|>\s*)${N}${TIMES}`);
/** The number said as a word a count-words pass may have left: "twice or more". */
const TWICE_RE = /\btwice\s+or\s+more\b|\bat\s+least\s+twice\b/;

/**
 * The limit on the count of each tag's alarms the text names, and the text with its words blanked; null when it names
 * none. Read only beside the alarms: "above 3" elsewhere is a limit on a value.
 */
export function readAlarmRepeats(text: string): { limit: AlarmRepeatCue; text: string } | null {
  const found = ((): { comparator: AlarmCountLimit['comparator']; count: number; match: RegExpExecArray } | null => {
    const more = MORE_THAN_RE.exec(text);
    if (more) return { comparator: '>', count: countOf(more[1] ?? ''), match: more };
    const least = AT_LEAST_RE.exec(text);
    if (least) return { comparator: '>=', count: countOf(least[1] ?? least[2] ?? least[3] ?? least[4] ?? ''), match: least };
    const twice = TWICE_RE.exec(text);
    if (twice) return { comparator: '>=', count: 2, match: twice };
    const repeat = REPEAT_RE.exec(text);
    if (repeat) return { comparator: '>=', count: 2, match: repeat };
    return null;
  })();
  if (!found || found.count < 1) return null;
  const { match } = found;
  const blanked = text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length);
  const span = spanOf(blanked);
  const stated = { ...(span.within ? { within: span.within } : {}), ...(span.minutes ? { minutes: span.minutes } : {}) };
  return { limit: { comparator: found.comparator, count: found.count, words: match[0].trim(), ...stated }, text: span.text };
}
