// Reads a tag's alarm limit named as a threshold ("below its low alarm limit", "over hi alarm", "breach lo lim") and
// resolves it from the catalog's limits of the tag the question names, in the tag's unit.
import type { Decline } from './plan.ts';
import type { IndexedTag } from './tag-catalog.ts';
import { ABOVE_WORDS, BELOW_WORDS, comparatorOf, INSIDE_WORDS, OUTSIDE_WORDS, type Comparator } from './comparator-words.ts';

/** An alarm limit the question compares with; the tag's catalog limits give its value once the tag is known. */
export interface LimitCue {
  /** The side named ("low alarm", "hi lim"); absent when only the comparator says it ("above the alarm limit"). */
  side?: 'low' | 'high';
  /**
   * The comparison named: a side ("above the alarm limit"), or the band between the tag's two limits ("outside its alarm
   * limits", "within the limits"); absent for "breach", "hit", "reach" (the side then decides).
   */
  comparator?: Comparator;
  /** A number named with an undirected verb ("breach 7.1"): the limit of the tag it equals gives the direction. */
  value?: number;
  /** The unit written after that number, lower case ("hit 4 m"): it narrows the tags. */
  unit?: string;
  words: string;
}

const ABOVE = ABOVE_WORDS;
const BELOW = BELOW_WORDS;
/** Undirected verbs: the side named decides, else the tag's only limit; "breach" / "violate" of a tag with two limits is outside both. */
const EITHER = String.raw`breach(?:ed|es|ing)?|violat(?:e|ed|es|ing)|hit|reach(?:ed|es)?|cross(?:ed|es)?|trip(?:ped)?`;
const BREACH_RE = /^(?:breach|violat)/;
const SIDE = String.raw`(low|lo|lower|min|high|hi|upper|max)`;
/**
 * A side alone, the limit left unsaid as control rooms say it: "above hi", "below LO", "over the high". Only where the
 * phrase ends (the question, or what is asked of it follows): "above high lift pressure" names the high-lift pressure.
 */
const BARE_SIDE = String.raw`(hi|lo|high|low)`;
const ASKED_AFTER = String.raw`(?:how|for|and|hrs?|hours?|mins?|minutes?|%|time|total|duration|count|no\.?|number)\b`;
/**
 * The limit itself: "alarm limit", "alarm lim", "alarm level", "alarm threshold", "alarm", "limit", "lim"; the band
 * between both limits: "alarm band", "alarm range".
 */
const NOUN = String.raw`(?:alarm(?:\s*(?:limits?|lims?|levels?|thresholds?|setpoints?|set points?|sp|bands?|ranges?|window))?|limits?|lims?)`;
/** Both sides named: "lo/hi lims", "high and low alarm limits", "hi-lo limits": the band between them. */
const BOTH_SIDES = String.raw`(?:(?:lo|low|lower|min)\s*(?:\/|&|and|-)\s*(?:hi|high|upper|max)|(?:hi|high|upper|max)\s*(?:\/|&|and|-)\s*(?:lo|low|lower|min))`;

/**
 * A comparator, then the limit: "below its low alarm limit", "over hi alarm", "abve alarm lim", "breach the lo limit".
 * The comparator is required, so "high level alarms" (an alarm list) is never read as a limit.
 */
const LIMIT_RE = new RegExp(
  String.raw`(?:^|(?<=[\s(]))(${ABOVE}|${BELOW}|${INSIDE_WORDS}|${OUTSIDE_WORDS}|${EITHER})\s+(?:(?:its|it's|the|their|his|her|tag'?s)\s+)?` +
    String.raw`(?:(?:${BOTH_SIDES}[\s-]*|${SIDE}[\s-]*)?${NOUN}\b(?!\s*-?\d)|${BARE_SIDE}(?=\s*(?:$|[?.,!;:)]|${ASKED_AFTER})))`,
);

const LOW_SIDE = /^(low|lo|lower|min)$/;
/** Verbs past a limit that, with both limits named ("beyond its limits", "exceeded the alarm limits"), leave the band. */
const BEYOND_RE = /^(?:beyond|exceed|xceed)/;
const PLURAL_LIMITS_RE = /\b(?:limits|lims|alarm\s*(?:limits|lims|thresholds|setpoints|set points|bands?|ranges?|window))\b/;

/** An undirected verb with a number: "breach 7.1", "hit 4 m" (directed ones are threshold-expression.ts'). */
const UNDIRECTED_NUMBER_RE = new RegExp(
  String.raw`\b(?:${EITHER}|${OUTSIDE_WORDS})\s+(-?\d+(?:[.,]\d+)?)\s*(m3\/h|mg\/l|l\/h|l\/s|mm\/s|bar|ntu|rpm|kw|°c|%|m|a|ph)?(?=\s|$|[?.,!])`,
);

/** The limit words of a normalized question, and the question with them blanked (so "alarm" asks for no alarm list). */
export function readLimitWords(text: string): { cue: LimitCue; text: string } | null {
  const match = LIMIT_RE.exec(text);
  if (!match) {
    const number = UNDIRECTED_NUMBER_RE.exec(text);
    if (!number) return null;
    const cue: LimitCue = {
      words: number[0],
      value: Number((number[1] ?? '0').replace(',', '.')),
      ...(number[2] ? { unit: number[2] } : {}),
    };
    return { cue, text: text.slice(0, number.index) + ' '.repeat(number[0].length) + text.slice(number.index + number[0].length) };
  }
  const verb = match[1] ?? '';
  const sideWord = match[2] ?? match[3];
  const side = sideWord ? (LOW_SIDE.test(sideWord) ? 'low' : 'high') : undefined;
  // "breach the limits", "beyond its limits", "exceeded the alarm limits" are outside them; "outside the low limit" is
  // below it (the side named decides, see resolveLimit).
  const both = !side && (BREACH_RE.test(verb) || (BEYOND_RE.test(verb) && PLURAL_LIMITS_RE.test(match[0])));
  const comparator = both ? 'outside' : comparatorOf(verb);
  const cue: LimitCue = { words: match[0], ...(side ? { side } : {}), ...(comparator ? { comparator } : {}) };
  return { cue, text: text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length) };
}

/** True when the text names a limit with a comparator (a threshold without a number). */
export function namesLimit(text: string): boolean {
  return LIMIT_RE.test(text);
}

/**
 * The threshold a limit cue means for one tag: the side named, else the one the comparator points at (above -> high
 * limit, below -> low limit), else the only limit the tag has. "Outside / within its limits" of a tag with both limits is
 * the band between them (outside: below the low or above the high one); of a tag with one, that side. Declines, naming
 * the words, when the tag has no such limit or the side cannot be told.
 */
export function resolveLimit(cue: LimitCue, tag: IndexedTag): { comparator: Comparator; value: number; upper?: number } | Decline {
  const { lowLimit, highLimit, name, unit } = tag.info;
  const words = `"${cue.words.trim()}"`;
  if (cue.value !== undefined) {
    // "breach 7.1" of a tag whose high limit is 7.1: above it; a number that is none of its limits has no direction.
    if (cue.value === highLimit) return { comparator: 'above', value: cue.value };
    if (cue.value === lowLimit) return { comparator: 'below', value: cue.value };
    return { kind: 'decline', reason: `${words}: say whether ${name} went above or below ${cue.value}${unit ? ` ${unit}` : ''}` };
  }
  const band = cue.comparator === 'outside' || cue.comparator === 'between';
  if (band && !cue.side && lowLimit !== undefined && highLimit !== undefined)
    return {
      comparator: cue.comparator as 'outside' | 'between',
      value: Math.min(lowLimit, highLimit),
      upper: Math.max(lowLimit, highLimit),
    };
  const side: 'low' | 'high' | undefined =
    cue.side ??
    (cue.comparator === 'above' ? 'high' : cue.comparator === 'below' ? 'low' : undefined) ??
    (lowLimit !== undefined && highLimit === undefined ? 'low' : highLimit !== undefined && lowLimit === undefined ? 'high' : undefined);
  const u = unit ? ` ${unit}` : '';
  const has = [
    lowLimit !== undefined ? `a low alarm limit of ${lowLimit}${u}` : '',
    highLimit !== undefined ? `a high alarm limit of ${highLimit}${u}` : '',
  ].filter(Boolean);
  const limits = has.length > 0 ? `it has ${has.join(' and ')}` : 'the catalog gives it no alarm limits';
  if (!side) return { kind: 'decline', reason: `${words}: say which limit of ${name} is meant, the low or the high one (${limits})` };
  const value = side === 'low' ? lowLimit : highLimit;
  if (value === undefined) return { kind: 'decline', reason: `${words}: ${name} has no ${side} alarm limit in the catalog; ${limits}` };
  // Outside one limit is beyond it; within it is on the normal side of it.
  if (cue.comparator === 'outside') return { comparator: side === 'low' ? 'below' : 'above', value };
  if (cue.comparator === 'between') return { comparator: side === 'low' ? 'above' : 'below', value };
  // "above the low limit" is a return to normal, still a comparison with that limit: the comparator named wins.
  return { comparator: cue.comparator ?? (side === 'low' ? 'below' : 'above'), value };
}
