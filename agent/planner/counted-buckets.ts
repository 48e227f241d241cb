// Buckets ranked in the plural with a count ("which 3 hours had the highest flow", "top 3 hrs", "the 2 days last week
// with the lowest level"), and bucket sizes the planner cannot rank ("which shift", "which minute", "day of the week").
import type { Bucket, Decline } from './plan.ts';

const NUMBER_WORDS: Readonly<Record<string, number>> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const COUNT = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
const BUCKETS_PLURAL = '(hours|days|dates|weeks|months)';
const SUPERLATIVE = '(?:highest|lowest|most|least|max|min|maximum|minimum|peak|biggest|largest|smallest|busiest|quietest)';
const PLURAL_BUCKET: Readonly<Record<string, Bucket>> = { hours: 'hour', days: 'day', dates: 'day', weeks: 'week', months: 'month' };

/**
 * A count before plural buckets that asks which of them rank first: "which 3 hours", "top 3 hours", "the 3 highest flow
 * hours", "highest 2 days", "the 2 days ... with the lowest". Not "the last 3 days" (a window) nor a count with no
 * superlative to rank by.
 */
const COUNTED_RES: readonly RegExp[] = [
  new RegExp(`\\b(?:which|what)\\s+${COUNT}\\s+${BUCKETS_PLURAL}\\b(?=.*\\b${SUPERLATIVE}\\b)`),
  new RegExp(`\\btop\\s+${COUNT}\\s+${BUCKETS_PLURAL}\\b`),
  new RegExp(`\\b${COUNT}\\s+${SUPERLATIVE}\\s+(?:[a-z0-9]+\\s+){0,3}?${BUCKETS_PLURAL}\\b`),
  new RegExp(`\\b${SUPERLATIVE}\\s+${COUNT}\\s+${BUCKETS_PLURAL}\\b`),
  new RegExp(`\\bthe\\s+${COUNT}\\s+${BUCKETS_PLURAL}\\b(?=.*\\b(?:with|had|has|having|showing|of)\\s+(?:the\\s+)?${SUPERLATIVE}\\b)`),
];

/** The bucket, how many of them, and the words that asked (to blank), or null when no counted buckets are ranked. */
export function readCountedBuckets(text: string): { bucket: Bucket; limit: number; words: string; text: string } | null {
  for (const re of COUNTED_RES) {
    const match = re.exec(text);
    if (!match) continue;
    const groups = match.slice(1).filter((g): g is string => g !== undefined);
    const noun = groups.find((g) => g in PLURAL_BUCKET);
    const count = groups.find((g) => g !== noun);
    const limit = count === undefined ? NaN : (NUMBER_WORDS[count] ?? Number(count));
    if (!noun || !count || !Number.isInteger(limit) || limit < 1) continue;
    // The count and the bucket noun go; a superlative or a measurement between them stays for the tag and the order.
    const words = match[0].replace(new RegExp(`\\b(?:${count}|${noun})\\b`, 'g'), (w) => ' '.repeat(w.length));
    const rest = text.slice(0, match.index) + words + text.slice(match.index + match[0].length);
    return { bucket: PLURAL_BUCKET[noun] ?? 'day', limit, words: match[0], text: rest };
  }
  return null;
}

/**
 * A bucket the quick planner has no spans for, asked to be ranked: "which shift", "busiest shift", "which minute". Read before the time words, which would take "shift yesterday" for the window of one shift.
 */
const UNRANKED_BUCKET_RE =
  /\b(?:which|what)\s+(shifts?|minutes?|quarters?|half[\s-]hours?)\b|\b(shifts?|minutes?)\s+(?:with|had|has|of)\s+the\s+(?:highest|lowest|most|least|max|min|peak|maximum|minimum|biggest|smallest)\b|\b(?:peak|busiest|quietest|highest|lowest)\s+(shifts?|minutes?)\b/;

/** The bucket word asked to be ranked that the planner cannot rank, or undefined. */
export function unrankedBucketWord(text: string): string | undefined {
  const match = UNRANKED_BUCKET_RE.exec(text);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** The decline naming a bucket word the planner cannot rank by. */
export function unrankedBucketDecline(word: string): Decline {
  return {
    kind: 'decline',
    reason: `I could not place "${word}": the quick planner ranks hours, days, weeks and months of a period, not ${word.replace(/s$/, '')}s; ask e.g. "which hour yesterday had the highest ..."`,
  };
}

/** "which day of the week", "what weekday": a weekday, which over more than a week is several dates (a profile). */
export const DAY_OF_WEEK_RE = /\bday\s+of\s+(?:the\s+)?week\b|\bweekday\b|\bdow\b/;
