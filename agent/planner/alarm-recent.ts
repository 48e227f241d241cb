// The newest alarms asked by count rather than by period: "last 5 alms wtp", "the five most recent alarms", "latest
// alarm at BPS03", "when was the last alarm"; or the oldest of a period: "first alarm yday", "earliest 3 alarms in oct".
// Read before the time words, which would take "last 5" or "latest" as a period or as now; the alarm noun stays.
import { numberWordsBetween } from './number-words.ts';

const NUMBER_WORDS = numberWordsBetween(1, 20);
const NUMBER = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})`;
const NEWEST = '(?:last|latest|newest|most\\s+recent|recent)';
/** Words between the newest-word and the noun that are a period ("last week alarms", "last 24 h"), not alarm words. */
const PERIOD_WORD_RE =
  /^(?:weeks?|wks?|months?|mths?|mnths?|days?|nights?|hours?|hrs?|h|mins?|minutes?|shifts?|years?|weekend|fortnight|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)$/;
const OLDEST = '(?:first|earliest|oldest)';
/** "last 5 alarms", "latest 3 critical alarms", "most recent alarm": the count (optional) then at most two words. */
const afterRe = (which: string): RegExp =>
  new RegExp(`\\b(?:the\\s+)?${which}\\s+(?:${NUMBER}\\s+)?((?:[a-z0-9-]+\\s+){0,2}?)(alarms?|alerts?)\\b`);
/** "the five most recent alarms", "5 latest alms". */
const beforeRe = (which: string): RegExp =>
  new RegExp(`\\b(?:the\\s+)?${NUMBER}\\s+${which}\\s+((?:[a-z0-9-]+\\s+){0,2}?)(alarms?|alerts?)\\b`);
/** The readings in order, each with whether it asks for the oldest: the number before the word first. */
const READINGS: readonly [RegExp, boolean][] = [
  [beforeRe(NEWEST), false],
  [afterRe(NEWEST), false],
  [beforeRe(OLDEST), true],
  [afterRe(OLDEST), true],
];

/** How many newest alarms a question asks for when it gives no number in the plural ("the latest alarms"). */
export const RECENT_ALARMS_DEFAULT = 10;

export interface RecentAlarms {
  /** How many alarms, newest first (oldest first when `oldest`). */
  limit: number;
  /** "first alarm yday": the oldest of the period, not the newest. */
  oldest: boolean;
  /** No number was given in the plural ("the first alarms"): the limit is the default, not asked for. */
  defaulted?: boolean;
  /** The words read ("last 5"), as the question wrote them. */
  words: string;
  /** The question with those words blanked (the noun and the words between stay). */
  text: string;
}

const numberOf = (word: string | undefined): number | undefined =>
  word === undefined ? undefined : /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word];

/** The newest-alarms words of `text` (lower case), or null when it asks for none. */
export function readRecentAlarms(text: string): RecentAlarms | null {
  // The number before the newest-word first: "the five most recent alarms" is five, not the default.
  for (const [re, oldest] of READINGS) {
    const match = re.exec(text);
    if (!match) continue;
    const between = (match[2] ?? '').trim().split(/\s+/).filter(Boolean);
    // "last 24 h alarms" names a period; "last priority 2 alarm" a priority.
    if (between.some((w, i) => PERIOD_WORD_RE.test(w) || (/^\d/.test(w) && !/^(?:priority|prio|pri)$/.test(between[i - 1] ?? ''))))
      continue;
    const count = numberOf(match[1]);
    if (count === 0) continue;
    const plural = /s$/.test(match[3] ?? '');
    const limit = count ?? (plural ? RECENT_ALARMS_DEFAULT : 1);
    // Blank from the start of the match up to the words between: "last 5 " of "last 5 critical alarms".
    const head = match[0].slice(0, match[0].length - (match[2] ?? '').length - (match[3] ?? '').length);
    const words = head.trim().replace(/^the\s+/, '');
    return {
      limit,
      oldest,
      ...(count === undefined && plural ? { defaulted: true } : {}),
      words,
      text: text.slice(0, match.index) + ' '.repeat(head.length) + text.slice(match.index + head.length),
    };
  }
  return null;
}
