import { numberWordsBetween } from './number-words.ts';
/**
 * How many members a ranking asks for: "top 3", "top three", "the three pumps that drew the most power", "5 tanks
 * with the lowest level". A count before a time unit ("the last three nights") is a window, and after "of" ("which of the three tanks") the group, and a count
 * before a plural is a limit only when the question ranks (a superlative or "top").
 */
const NUMBER_WORDS = numberWordsBetween(2, 10);
const COUNT = `(\\d+|${Object.keys(NUMBER_WORDS).join('|')})`;
const TIME_UNIT = '(?:nights?|days?|hours?|hrs?|weeks?|wks?|months?|mins?|minutes?|years?|shifts?|times?)\\b';
const TOP_RE = new RegExp(`\\btop\\s+${COUNT}\\b`);
// "which of the three tanks": the count names the group, not how many to list.
const COUNTED_PLURAL_RE = new RegExp(`(?<!\\bof\\s+(?:the\\s+)?)\\b(?:the\\s+)?${COUNT}\\s+(?!${TIME_UNIT})[a-z]+s\\b`);
// "the 2 lowest tanks", "highest 3 DMAs": a count beside the superlative, before the plural it ranks.
const SUPERLATIVE_WORDS = 'highest|lowest|most|least|largest|smallest|biggest|hottest|coldest|warmest|longest|shortest|best|worst';
// "worst 2 dma": chat leaves the noun after a superlative and its count singular; not a value's unit ("lowest 2 bar").
const VALUE_UNIT = '(?:m|mm|m3|bar|kpa|psi|ntu|mg|l|kw|kwh|a|amps?|rpm|ph|deg|percent)\\b';
const COUNTED_SUPERLATIVE_RE = new RegExp(
  `\\b(?:${SUPERLATIVE_WORDS})\\s+${COUNT}\\s+(?!${TIME_UNIT}|${VALUE_UNIT})[a-z]{2,}\\b|\\b${COUNT}\\s+(?:${SUPERLATIVE_WORDS})\\s+(?:[a-z0-9]+\\s+){0,2}?(?!${TIME_UNIT})[a-z]+s\\b`,
);
const RANKS_RE = /\b(highest|lowest|most|least|largest|smallest|biggest|hottest|coldest|warmest|longest|shortest|best|worst)\b/;

/**
 * "which of the two pumps started more often", "which ran less": a comparative after "which" asks for the one member
 * that leads (not "more than 10 h", a limit). "ran longer" is read as "ran long" by then (the comparative's lemma).
 */
const COMPARATIVE_RE = /\b(more|less|fewer|longer|shorter|(?<=\b(?:ran|runs?)\s+)long)\b(?!\s+than\b)/;
const WHICH_RE = /\bwhich\b/;
/**
 * "second highest", "2nd lowest", "third largest", "runner-up": a place down a ranking. The quick planner names the
 * leader or the top N, so it says so instead of naming the leader as the second (or reading "2nd" as a date).
 */
const ORDINAL_RE =
  /\b(?:(?:second|2nd|third|3rd|fourth|4th|fifth|5th|next)[\s-]+(?:highest|lowest|most|least|largest|smallest|biggest|best|worst|longest|shortest|hottest|coldest|fullest|emptiest)|runner[\s-]?up)\b/;

const toNumber = (word: string): number => NUMBER_WORDS[word] ?? Number(word);

/** "our three reservoirs", "these 2 pumps", "both": a possessive or demonstrative before the count names the whole group. */
const GROUP_DETERMINER_RE = /\b(?:our|my|your|their|these|those|both|all)\s+$/;
/** "the three pumps that drew the most power": a restricting clause after "the N things" makes the count a top N. */
const RESTRICTING_RE = /^\s+(?:that|who|with|having|which)\b/;

/**
 * True when a count before a plural describes the group the question is about ("which of our three reservoirs", "the 2
 * pumps at BPS01: which ran most") rather than how many to list ("which three pumps", "the three pumps that drew the most").
 */
function namesTheGroup(text: string, counted: RegExpExecArray): boolean {
  const before = text.slice(0, counted.index);
  if (GROUP_DETERMINER_RE.test(before)) return true;
  const definite = /^the\s/.test(counted[0]);
  return definite && !RESTRICTING_RE.test(text.slice(counted.index + counted[0].length));
}

/** The place down a ranking a question asks for ("second highest"), or undefined when it asks for none. */
export function readRankOrdinal(text: string): string | undefined {
  return ORDINAL_RE.exec(text)?.[0];
}

/** Why a place down a ranking is declined, and what to ask instead. */
export function rankOrdinalReason(ordinal: string): string {
  const place = /^(?:third|3rd)/.test(ordinal) ? 3 : /^(?:fourth|4th)/.test(ordinal) ? 4 : /^(?:fifth|5th)/.test(ordinal) ? 5 : 2;
  return `"${ordinal}" asks for one place down a ranking; the quick planner names the leader or the top few, so ask e.g. "top ${place} ..." and read place ${place} from the list`;
}

/**
 * The limit a ranking question names and the text without it; no limit when it names none. `comparative`: "which ...
 * more often" asks which one leads (the caller decides where a comparative ranks).
 */
export function readRankLimit(text: string): { limit?: number; text: string; comparative?: boolean } {
  const top = TOP_RE.exec(text);
  if (top?.[1]) return { limit: toNumber(top[1]), text: text.replace(top[0], ' ') };
  if (WHICH_RE.test(text) && !RANKS_RE.test(text) && COMPARATIVE_RE.test(text)) return { text, comparative: true };
  if (!RANKS_RE.test(text)) return { text };
  const beside = COUNTED_SUPERLATIVE_RE.exec(text);
  const besideCount = beside?.[1] ?? beside?.[2];
  if (beside && besideCount && toNumber(besideCount) >= 2) {
    const words = beside[0].replace(new RegExp(`\\b${besideCount}\\b`), ' '.repeat(besideCount.length));
    return { limit: toNumber(besideCount), text: text.slice(0, beside.index) + words + text.slice(beside.index + beside[0].length) };
  }
  const counted = COUNTED_PLURAL_RE.exec(text);
  if (!counted?.[1] || namesTheGroup(text, counted)) return { text };
  const limit = toNumber(counted[1]);
  return limit >= 2 ? { limit, text: text.replace(new RegExp(`\\b${counted[1]}\\s+`), ' ') } : { text };
}
