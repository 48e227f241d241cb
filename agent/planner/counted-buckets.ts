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
 * hours", "highest 2 days", "busiest 3 hrs" ("highest flow 3 hours"), "the 2 days ... with the lowest". Not "the last 3 days" (a window) nor a count with no
 * superlative to rank by.
 */
const COUNTED_RES: readonly RegExp[] = [
  new RegExp(`\\b(?:which|what)\\s+${COUNT}\\s+${BUCKETS_PLURAL}\\b(?=.*\\b${SUPERLATIVE}\\b)`),
  new RegExp(`\\btop\\s+${COUNT}\\s+${BUCKETS_PLURAL}\\b`),
  new RegExp(`\\b${COUNT}\\s+${SUPERLATIVE}\\s+(?:[a-z0-9]+\\s+){0,3}?${BUCKETS_PLURAL}\\b`),
  new RegExp(`\\b${SUPERLATIVE}(?:\\s+flow)?\\s+${COUNT}\\s+${BUCKETS_PLURAL}\\b`),
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
 * Every bucket of the window in ranked order, asked with no count: "rank the days last week by ...", "hrs yday ranked by
 * ...", "busiest hrs", "quietest hours" (the thesaurus makes them "highest flow hours"), "daily kWh last wk, highest first". Not "pump hrs sorted by ..." (run-hours of a
 * thing: the plural bucket must open the list), nor "highest hours run" (a rank of the things by their hours). A
 * superlative before the plural ("lowest hrs T3 lvl") only where nothing that runs is named ("pump w/ lowest hrs").
 */
/** Hours a thing ran ("rank the hours run"), not the hours of the window. */
const NOT_RUN = String.raw`(?!\s+(?:run|ran|running|on|in\s+service|operat\w*)\b)`;
const ALL_BUCKETS_RES: readonly RegExp[] = [
  new RegExp(`\\b(?:rank|sort|order)\\s+(?:the\\s+|all\\s+(?:the\\s+)?)?${BUCKETS_PLURAL}\\b${NOT_RUN}`),
  new RegExp(
    `(?:^\\s*|\\b(?:the|all|list|show|give me)\\s+)${BUCKETS_PLURAL}\\b${NOT_RUN}(?:\\s+[a-z0-9]+){0,3}?\\s+(?:ranked|sorted|ordered)\\b`,
  ),
  new RegExp(`\\b(?:busiest|quietest|top|bottom|(?:highest|lowest)\\s+flow)\\s+${BUCKETS_PLURAL}\\b${NOT_RUN}`),
  new RegExp(`\\b(?:which|what)\\s+${BUCKETS_PLURAL}\\b${NOT_RUN}(?=.*\\b${SUPERLATIVE}\\b)`),
  // Not "which day in the last 2 weeks had the highest": counted buckets there are the window (the count unnumbered,
  // so the bucket stays the first group).
  new RegExp(`(?<!\\b${COUNT.replace('(', '(?:')}\\s+)\\b${BUCKETS_PLURAL}\\s+(?:with|having|had|has|of)\\s+(?:the\\s+)?${SUPERLATIVE}\\b`),
  /\b(hourly|daily|weekly|monthly)\b(?=.*\b(?:(?:highest|lowest|biggest|smallest|largest|most|least)\s+first|high(?:est)?\s+to\s+low(?:est)?|low(?:est)?\s+to\s+high(?:est)?|descending|ascending)\b)/,
];
const ADJECTIVE_BUCKET: Readonly<Record<string, Bucket>> = { hourly: 'hour', daily: 'day', weekly: 'week', monthly: 'month' };
/** A sort order said in words ("lowest first", "low to high", "ascending"): the buckets' order, and the words to blank. */
const SORT_ORDER_RE =
  /\b(?:(?:highest|lowest|biggest|smallest|largest|most|least)\s+first|high(?:est)?\s+to\s+low(?:est)?|low(?:est)?\s+to\s+high(?:est)?|descending|ascending)\b/;
/** Words of a thing that runs: its hours are run-hours, not the window's hours. */
const RUN_THING_RE = /\b(?:pumps?|pmps?|p\d+|motors?|ran|run|running|runtime)\b/;
const blankWord = (text: string, word: string): string => text.replace(new RegExp(`\\b${word}\\b`), (w) => ' '.repeat(w.length));
const SORT_WORD_RE = /\b(?:rank|sort|order|list|ranked|sorted|ordered)(?:\s+by)?\b/g;

/**
 * The bucket whose every span is ranked, the order when words say it ("lowest first"), the words that asked, and the
 * question with the bucket and sort words blanked; null when no uncounted bucket ranking is asked.
 */
export function readAllBuckets(text: string): { bucket: Bucket; order?: 'asc' | 'desc'; words: string; text: string } | null {
  for (const re of ALL_BUCKETS_RES) {
    const match = re.exec(text);
    if (!match) continue;
    const noun = match[1] ?? '';
    const bucket = PLURAL_BUCKET[noun] ?? ADJECTIVE_BUCKET[noun];
    if (!bucket) continue;
    const sort = SORT_ORDER_RE.exec(text);
    const order = sort ? (/^(?:lowest|smallest|least|low|ascending)/.test(sort[0]) ? 'asc' : 'desc') : undefined;
    // The bucket word and the sort words go; a superlative stays for the order and the statistic ("busiest", "lowest").
    let rest = blankWord(text, noun);
    if (sort) rest = rest.replace(SORT_ORDER_RE, (w) => ' '.repeat(w.length));
    rest = rest.replace(SORT_WORD_RE, (w) => ' '.repeat(w.length));
    return { bucket, ...(order ? { order } : {}), words: match[0], text: rest };
  }
  const before = RUN_THING_RE.test(text) ? null : new RegExp(`\\b${SUPERLATIVE}\\s+${BUCKETS_PLURAL}\\b${NOT_RUN}`).exec(text);
  if (before) return { bucket: PLURAL_BUCKET[before[1] ?? ''] ?? 'day', words: before[0], text: blankWord(text, before[1] ?? '') };
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
