// Small counts written as words ("last ten days", "top three filters", "the two pumps"): read as digits, so every
// reader of counts (windows, ranking limits, group sizes) reads them as it reads "last 10 days" or "top 3".
import { numberWordsBetween } from './number-words.ts';

const COUNT_WORDS = numberWordsBetween(2, 12);
const WORD = `(${Object.keys(COUNT_WORDS).join('|')})`;
/**
 * A count word that counts: after a word of rank or period ("top three", "last five"), or before a time unit ("ten
 * days"). Not before things ("the two BPS01 pumps": a digit there reads as pump 2), nor "one" ("which one"), nor a clock.
 */
const COUNTING = new RegExp(
  String.raw`(?<=\b(?:top|bottom|last|past|previous|first|next)\s+)${WORD}\b|\b${WORD}(?=\s+(?:hours?|hrs?|days?|weeks?|wks?|months?|nights?|minutes?|mins?|shifts?|years?)\b)`,
  'g',
);

/** The text with its count words as digits ("top three filters" -> "top 3 filters"). */
export function writeCountDigits(text: string): string {
  return text.replace(COUNTING, (word) => String(COUNT_WORDS[word] ?? word));
}

/** The word of each count 2-9 ("3" -> "three"), from the one number-word table. */
const WORD_OF: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(numberWordsBetween(2, 9)).map(([word, n]) => [String(n), word]),
);
/** "all 3" counting the things after it: not a period ("all 3 days"), a clock, a date or a share. */
const ALL_DIGIT =
  /\ball\s+([2-9])\b(?!\s*(?:[-:./]\d|%|hours?\b|hrs?\b|h\b|days?\b|weeks?\b|wks?\b|months?\b|nights?\b|minutes?\b|mins?\b|shifts?\b|years?\b|times?\b))/g;

/**
 * A group's size after "all" as a word ("longest stretch all 3 hl pumps together" -> "all three hl pumps"): a digit
 * there would be read as the number of the word before "all" ("stretch 3"), the way "the two BPS01 pumps" would.
 */
export function writeGroupCountWords(text: string): string {
  return text.replace(ALL_DIGIT, (_all: string, digit: string) => `all ${WORD_OF[digit] ?? digit}`);
}
