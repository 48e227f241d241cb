// The words that compare a value with a limit or a band, in one place: "above / over / > / exceeds", "below / under /
// <", "between / within", "outside / out of". threshold-expression.ts reads them with numbers, limit-words.ts with a
// tag's alarm limits; both get the same typed comparator from here.

/** How a value is compared: one side of a limit, or inside / outside a band of two values (both ends inside). */
export type Comparator = 'above' | 'below' | 'between' | 'outside';

/** One side of a limit (a crossing, a catalog limit): the comparators with a single value. */
export type Side = Extract<Comparator, 'above' | 'below'>;

/** Words for "above": verbs with their particle ("went above", "rose over"), symbols. */
export const ABOVE_WORDS =
  String.raw`above|over|ovr|abv|abve|abov|beyond|exceed(?:ed|ing|s)?|xceed(?:ed|s)?|higher than|greater than|more than|in excess of|` +
  String.raw`(?:went|go(?:es)?|r(?:ose|ises?)|climb(?:ed|s)?|got|get|jump(?:ed|s)?|spik(?:ed|es))\s+(?:above|over)|>=?|=>`;

/** Words for "below". */
export const BELOW_WORDS =
  String.raw`below|under|undr|blw|belo|beneath|less than|lower than|` +
  String.raw`(?:drop(?:ped|s)?|f(?:ell|alls?)|dip(?:ped|s)?|dipd|went|go(?:es)?|sank|sinks?|got|get)\s+(?:below|under)|<=?|=<`;

/** Words for inside a band: "between", "within", "inside", "in the band of". */
export const INSIDE_WORDS = String.raw`between|btwn|betw|betwn|within|inside|in\s+(?:the\s+)?(?:band|range)(?:\s+of)?`;

/** Words for outside a band: "outside", "out of", "out of band", "outside the range of". */
export const OUTSIDE_WORDS = String.raw`outside(?:\s+(?:of\s+)?(?:the\s+)?(?:band|range)(?:\s+of)?)?|out\s+of(?:\s+(?:the\s+)?(?:band|range)(?:\s+of)?)?`;

const ABOVE_RE = new RegExp(`^(?:${ABOVE_WORDS})$`);
const BELOW_RE = new RegExp(`^(?:${BELOW_WORDS})$`);
const INSIDE_RE = new RegExp(`^(?:${INSIDE_WORDS})$`);
const OUTSIDE_RE = new RegExp(`^(?:${OUTSIDE_WORDS})$`);

/** The comparator of words matched by one of the patterns above (lower case, as matched); undefined for any other. */
export function comparatorOf(words: string): Comparator | undefined {
  const w = words.trim().replace(/\s+/g, ' ');
  if (ABOVE_RE.test(w)) return 'above';
  if (BELOW_RE.test(w)) return 'below';
  if (INSIDE_RE.test(w)) return 'between';
  if (OUTSIDE_RE.test(w)) return 'outside';
  return undefined;
}

/** A comparison said in words: "above 5 m", "between 2 and 4 m", "outside 3 – 5 bar". */
export function comparisonWords(comparator: Comparator, value: string, upper?: string): string {
  if (comparator === 'between') return `between ${value} and ${upper ?? value}`;
  if (comparator === 'outside') return `outside ${value} – ${upper ?? value}`;
  return `${comparator} ${value}`;
}
