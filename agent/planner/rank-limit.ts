/**
 * How many members a ranking asks for: "top 3", "top three", "the three pumps that drew the most power", "5 tanks
 * with the lowest level". A count before a time unit ("the last three nights") is a window, and after "of" ("which of the three tanks") the group, and a count
 * before a plural is a limit only when the question ranks (a superlative or "top").
 */
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const COUNT = `(\\d+|${Object.keys(NUMBER_WORDS).join('|')})`;
const TIME_UNIT = '(?:nights?|days?|hours?|hrs?|weeks?|wks?|months?|mins?|minutes?|years?|shifts?|times?)\\b';
const TOP_RE = new RegExp(`\\btop\\s+${COUNT}\\b`);
// "which of the three tanks": the count names the group, not how many to list.
const COUNTED_PLURAL_RE = new RegExp(`(?<!\\bof\\s+(?:the\\s+)?)\\b(?:the\\s+)?${COUNT}\\s+(?!${TIME_UNIT})[a-z]+s\\b`);
const RANKS_RE = /\b(highest|lowest|most|least|largest|smallest|biggest|hottest|coldest|warmest|longest|shortest|best|worst)\b/;

const toNumber = (word: string): number => NUMBER_WORDS[word] ?? Number(word);

/** The limit a ranking question names and the text without it; no limit when it names none. */
export function readRankLimit(text: string): { limit?: number; text: string } {
  const top = TOP_RE.exec(text);
  if (top?.[1]) return { limit: toNumber(top[1]), text: text.replace(top[0], ' ') };
  if (!RANKS_RE.test(text)) return { text };
  const counted = COUNTED_PLURAL_RE.exec(text);
  if (!counted?.[1]) return { text };
  const limit = toNumber(counted[1]);
  return limit >= 2 ? { limit, text: text.replace(new RegExp(`\\b${counted[1]}\\s+`), ' ') } : { text };
}
