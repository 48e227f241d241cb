// The words that compare a value with a limit or a band, in one place: "above / over / > / exceeds", "below / under /
// <", "between / within", "outside / out of". threshold-expression.ts reads them with numbers, limit-words.ts with a
// tag's alarm limits; both get the same typed comparator from here.

/** How a value is compared: one side of a limit, or inside / outside a band of two values (both ends inside). */
export type Comparator = 'above' | 'below' | 'between' | 'outside';

/** One side of a limit (a crossing, a catalog limit): the comparators with a single value. */
export type Side = Extract<Comparator, 'above' | 'below'>;

/** Words for "above": verbs with their particle ("went above", "rose over"), symbols, figures of speech ("north of"). */
export const ABOVE_WORDS =
  String.raw`above|over|ovr|abv|abve|abov|beyond|exceed(?:ed|ing|s)?|xceed(?:ed|s)?|(?:higher|greater|more|bigger|larger) than|in excess of|north of|upwards of|` +
  String.raw`(?:went|go(?:es)?|r(?:ose|ises?)|climb(?:ed|s)?|got|get|jump(?:ed|s)?|spik(?:ed|es))\s+(?:above|over)|>`;

/** Words for "below". */
export const BELOW_WORDS =
  String.raw`below|under|undr|blw|belo|beneath|(?:less|lower|smaller) than|south of|` +
  String.raw`(?:drop(?:ped|s)?|f(?:ell|alls?)|dip(?:ped|s)?|dipd|went|go(?:es)?|sank|sinks?|got|get)\s+(?:below|under)|<`;

/**
 * Words for "at or above", the limit itself included: "at least", "no less than", "not below", "at or above", "at/over",
 * "greater than or equal to", ">=" (normalize-question.ts writes "≥", ">=" and "=>" as "at least"). Tried before ABOVE_WORDS, whose "above"
 * is inside "not above".
 */
export const AT_OR_ABOVE_WORDS =
  String.raw`at least|(?:no|not) (?:less|lower|smaller) than|not (?:below|under|beneath)|a minimum of|` +
  String.raw`(?:at|on) or (?:above|over|(?:greater|higher|more) than)|at\s*/\s*(?:above|over)|` +
  String.raw`(?:greater|higher|more) than or equal to|equal to or (?:above|over|(?:greater|higher|more) than)|>=|=>`;

/** Words for "at or below": "at most", "no more than", "not above", "at or below", "at/under", "less than or equal to", "<=". */
export const AT_OR_BELOW_WORDS =
  String.raw`at most|(?:no|not) (?:more|higher|greater|bigger|larger) than|not (?:above|over|beyond|exceeding)|a maximum of|` +
  String.raw`(?:at|on) or (?:below|under|beneath|(?:less|lower|smaller) than)|at\s*/\s*(?:below|under)|` +
  String.raw`(?:less|lower|smaller) than or equal to|equal to or (?:below|under|(?:less|lower|smaller) than)|<=|=<`;

/** Words for inside a band: "between", "within", "inside", "in the band of". */
export const INSIDE_WORDS = String.raw`between|btwn|betw|betwn|within|inside|in\s+(?:the\s+)?(?:band|range)(?:\s+of)?`;

/** Words for outside a band: "outside", "out of", "out of band", "outside the range of". */
export const OUTSIDE_WORDS = String.raw`outside(?:\s+(?:of\s+)?(?:the\s+)?(?:band|range)(?:\s+of)?)?|out\s+of(?:\s+(?:the\s+)?(?:band|range)(?:\s+of)?)?`;

const ABOVE_RE = new RegExp(`^(?:${AT_OR_ABOVE_WORDS}|${ABOVE_WORDS})$`);
const BELOW_RE = new RegExp(`^(?:${AT_OR_BELOW_WORDS}|${BELOW_WORDS})$`);
const AT_OR_BELOW_RE = new RegExp(`^(?:${AT_OR_BELOW_WORDS})$`);
const INCLUSIVE_RE = new RegExp(`^(?:${AT_OR_ABOVE_WORDS}|${AT_OR_BELOW_WORDS})$`);
const INSIDE_RE = new RegExp(`^(?:${INSIDE_WORDS})$`);
const OUTSIDE_RE = new RegExp(`^(?:${OUTSIDE_WORDS})$`);

/** The comparator of words matched by one of the patterns above (lower case, as matched); undefined for any other. */
export function comparatorOf(words: string): Comparator | undefined {
  const w = words.trim().replace(/\s+/g, ' ');
  // "not above" before "above": the side of the inclusive words is theirs.
  if (AT_OR_BELOW_RE.test(w)) return 'below';
  if (ABOVE_RE.test(w)) return 'above';
  if (BELOW_RE.test(w)) return 'below';
  if (INSIDE_RE.test(w)) return 'between';
  if (OUTSIDE_RE.test(w)) return 'outside';
  return undefined;
}

/** True when the words of one side include the limit itself ("at least", "not above", ">="). */
export function includesLimit(words: string): boolean {
  return INCLUSIVE_RE.test(words.trim().replace(/\s+/g, ' '));
}

/** A comparison said in words: "above 5 m", "between 2 and 4 m", "outside 3 – 5 bar". */
export function comparisonWords(comparator: Comparator, value: string, upper?: string): string {
  if (comparator === 'between') return `between ${value} and ${upper ?? value}`;
  if (comparator === 'outside') return `outside ${value} – ${upper ?? value}`;
  return `${comparator} ${value}`;
}
