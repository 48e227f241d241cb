// Reads the threshold a question compares a tag with: a comparator and a number with the unit written after it ("above
// 80 psi", "> 95 A", "under 0,3 mg/l", "over 16ft", "below -0,1 bar", "64°F", "run status 0"), or a band of two numbers
// ("between 2 and 4 m", "outside 3-5 bar", "out of band 0.4 - 0.5 mg/l"), and names the comparisons that give no
// number ("above normal", "near the low limit"). A unit is any spelling of unit-table.ts or of the units the catalog's
// tags are measured in; limit-units.ts brings the numbers into the tag's unit. The comparator words are
// comparator-words.ts'.
import { SPELLINGS } from './unit-table.ts';
import {
  ABOVE_WORDS,
  AT_OR_ABOVE_WORDS,
  AT_OR_BELOW_WORDS,
  BELOW_WORDS,
  comparatorOf,
  includesLimit,
  INSIDE_WORDS,
  OUTSIDE_WORDS,
  type Comparator,
} from './comparator-words.ts';
import { heldSide } from './held-side.ts';

/**
 * A comparison with a number (`value`), or with a band (`value` its lower end, `upper` its upper end, both inside the
 * band); `unit` as written, lower case, when one follows a number.
 */
export interface ThresholdCue {
  comparator: Comparator;
  value: number;
  upper?: number;
  unit?: string;
  /** The limit itself is inside ("at least 5 bar", "not above 3.8 m", ">= 6", "51 A+"): >= or <= instead of > or <. */
  inclusive?: true;
  /** A state of a running (status) tag ("run status 0", "how long was it stopped"): compared on the status tag only. */
  status?: true;
}

/** Units a threshold may carry besides the unit table's: the catalog's own (NTU, rpm, pH ...) and degree words. */
const EXTRA_UNITS = ['rpm', 'ph', '%', 'h', 'degc', 'deg', 'degrees', 'c', 'amps', 'amp'];
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const UNITS = [...new Set([...SPELLINGS, ...EXTRA_UNITS])].sort((a, b) => b.length - a.length).map(escape);

/**
 * Upward and downward comparisons: the comparator words, a verb of motion before one ("went above", "slipped under"),
 * and the verbs that cross a limit by themselves ("topped 5 bar", "broke 5", "breached 4 m", "climbed past 5.2 m",
 * "went sub 3.1 m").
 */
const ABOVE =
  String.raw`${AT_OR_ABOVE_WORDS}|${ABOVE_WORDS}|exced(?:ed|s)?|exceedances? of|` +
  String.raw`top(?:ped|s)?(?=\s*\d+(?:[.,]\d+)?\s*(?:${UNITS.join('|')})(?![a-z0-9]))|br(?:oke|eaks?)|breach(?:ed|es)?|surpass(?:ed|es)?|` +
  String.raw`(?:move[ds]?|crept|creep)\s+(?:above|over)|(?:went|go(?:es)?|r(?:ose|ises?)|climb(?:ed|s)?|got|get|jump(?:ed|s)?|spik(?:ed|es)|move[ds]?|crept|creep)\s+past`;
/** "went sub 3.1 m", "sub-3.8m": the hyphen of "sub-" joins the word, it is no minus sign. */
const BELOW =
  String.raw`${AT_OR_BELOW_WORDS}|${BELOW_WORDS}|` +
  String.raw`(?:slip(?:ped|s)?|sl(?:id|ides?)|move[ds]?)\s+(?:below|under|beneath)|(?:drop(?:ped|s)?|f(?:ell|alls?)|dip(?:ped|s)?|dipd|went|go(?:es)?|sank|sinks?|got|get)\s+beneath|` +
  String.raw`(?:went\s+|go(?:es)?\s+|got\s+)?sub-?`;

/** A number: "4.5", "0,3" (decimal comma), "-0,1", "minus 2", "1,400" (thousands). */
const NUMBER = String.raw`((?:minus\s+|-\s?)?\d+(?:[.,]\d+)?)`;
/**
 * Words after a number that make it a count, not a limit ("more than 2 pumps", "over 3 times"). Not "hours": in "t2 lvl
 * > 4.6 hrs" the hours are what is asked of the limit.
 */
const NOT_A_LIMIT = String.raw`(?!\s*(?:times?|x|pumps?|pmps?|pumpz|days?|weeks?|months?|stretches|occasions|alarms?)\b)`;
const END = String.raw`(?=$|[\s?.,!;:)])`;

/** "% of time", "% time" after a limit is the share asked (threshold-report.ts), not the limit's unit. */
const SHARE_NOT_UNIT = String.raw`(?!%\s*(?:of\s+(?:the\s+)?)?time\b)`;
const THRESHOLD = new RegExp(
  String.raw`(?:^|(?<=[\s(]))(${ABOVE}|${BELOW})\s*${NUMBER}${NOT_A_LIMIT}\s*(?:${SHARE_NOT_UNIT}(${UNITS.join('|')})${END})?(?=$|[\s?.,!;:)])`,
);
/** A limit said before its verb: "5.3 m exceeded on T1", "4.2 m was surpassed". */
const EXCEEDED_AFTER = String.raw`(?:(?:was|were|is|been|got|being)\s+)?(?:exceeded|exceded|surpassed|topped|breached)`;
/**
 * A limit with its side after it: "51 a+", "85 a and up", "3.8 m or more", "0.3 mg/l or less", "5.3 m exceeded". The number carries a unit
 * (no time one) or decimals, so "2 or more pumps" and "3 or more times" are counts.
 */
const SUFFIXED = new RegExp(
  String.raw`(?:^|(?<=[\s(]))()${NUMBER}\s*(?:(${UNITS.filter((u) => !/^(?:h|hrs?|hours?|mins?|minutes?|s|secs?|am|pm)$/.test(u)).join('|')})\s*)?` +
    String.raw`(\+|(?:or|and) (?:more|above|over|higher|greater|up|less|below|under|lower|down)|${EXCEEDED_AFTER})(?=$|[\s?.,!;:)])${NOT_A_LIMIT}`,
);
/** The side after the number: "or more", "and up", "+" include it; "5.3 m exceeded" is above it. */
const AT_OR_ABOVE_AFTER = /^(?:\+|(?:or|and) (?:more|above|over|higher|greater|up))$/;
const EXCEEDED_AFTER_RE = new RegExp(`^(?:${EXCEEDED_AFTER})$`);

/** The side a comparison's words name; BELOW has no look-ahead, so its words alone tell ("topped" needs its number). */
const BELOW_RE = new RegExp(`^(?:${BELOW})$`);

/** A status value named as a number: "run status 0", "running = 1", "state is 0" (1 = running). */
const STATUS_VALUE = /\b(?:status|state|run(?:ning)?(?:\s+(?:status|signal|state|feedback))?)\s*(?:=|==|is|of|at)?\s*([01])(?![\d.,])/;

/** A stopped state asked as a duration: "how long was CL01 stopped", "hrs P1 was off", "time not running". */
const STOPPED =
  /\b(?:stopped|switched off|turned off|shut (?:down|off)|not running|out of service|offline|off-line|idle|(?:was|were|been|stayed|remained) off)\b/;
const DURATION_ASKED = /\b(?:how long|how many (?:hours|hrs|minutes|mins)|hrs|hours|mins|minutes|duration|time)\b/;
const MOMENT_ASKED = /\b(?:when|wh?en|what time|at what time)\b/;
/**
 * One running stretch asked by its length: "its longest run", "longest continuous run", "longest running spell",
 * "longest stretch running". A superlative of the verb ("which pump ran longest") ranks the run-hours instead.
 */
const LONGEST_RUN =
  /\blongest\s+(?:(?:single|continuous|uninterrupted|unbroken|non-?stop)\s+)?(?:run\b|running\s+(?:stretch|spell|streak|period|time)\b|(?:stretch|spell|streak|period|time)\s+(?:of\s+)?(?:it\s+)?running\b)/;
/** The words of the running state, blanked once it is the condition of the stretch ("how long did p1 run in its longest run"). */
const RUN_WORDS = /\b(?:run|running|ran)\b/g;

/** Units of time after a number: "over 2 h", "past 5 pm" may be clocks or durations, so they are no limit's unit here. */
const TIME_UNITS = /^(?:h|hr|hrs|hours?|min|mins|minutes?|s|sec|secs|am|pm)$/;
const COMPARED_NUMBER = new RegExp(
  String.raw`(?:^|(?<=[\s(]))(?:${ABOVE}|${BELOW})\s*${NUMBER}${NOT_A_LIMIT}\s*(?:${SHARE_NOT_UNIT}(${UNITS.join('|')})${END})?`,
  'gd',
);
/** What makes a number after a comparison a clock after all: "past 5 pm", "over 6:30", "after 8 o'clock". */
const CLOCK_AFTER_NUMBER = /^(?::\d|\.\d\d\s*(?:am|pm)|\s*(?:am|pm|a\.m|p\.m|o'?clock|hrs?|hours?|h)\b)/;
/** A number with a unit of what is measured ("4 m", "20 ntu", "3.5 bar"), wherever it stands; "m" after "last 30" is minutes. */
const MEASURED_NUMBER = new RegExp(String.raw`(?:^|(?<=[\s(]))${NUMBER}\s*(${UNITS.join('|')})${END}`, 'gd');
const BAND_FIRST_END = new RegExp(String.raw`(?<=^|[\s(])${NUMBER}\s*(?:and|to|-|–)\s*$`);
const SPAN_BEFORE = /\b(?:last|past|previous|prev|next|every|within|in|for)\s*$/;

/**
 * Where the numbers compared with are ("climbed past 5.2 m on 21 october", "over 20 on 12 aug"): a number after a
 * comparison is a value unless a clock form follows it, and a number with a unit that is not one of time is a value
 * wherever it stands ("how far from 4 m now"), so no date or clock rule may read them.
 */
export function limitNumberSpans(text: string): { index: number; length: number }[] {
  const spans: { index: number; length: number }[] = [];
  for (const m of text.matchAll(COMPARED_NUMBER)) {
    const number = m[1] ?? '';
    const unit = m[2];
    const at = m.indices?.[1]?.[0];
    if (at === undefined) continue;
    if (unit !== undefined && TIME_UNITS.test(unit)) continue;
    if (unit === undefined && !/[.,]\d/.test(number) && CLOCK_AFTER_NUMBER.test(text.slice(at + number.length))) continue;
    spans.push({ index: at, length: number.length });
  }
  for (const m of text.matchAll(MEASURED_NUMBER)) {
    const number = m[1] ?? '';
    const unit = m[2] ?? '';
    const at = m.indices?.[1]?.[0];
    if (at === undefined || TIME_UNITS.test(unit) || SPAN_BEFORE.test(text.slice(0, at))) continue;
    if (!spans.some((span) => span.index === at)) spans.push({ index: at, length: number.length });
    // "between 4 and 5 m": the first end of a band carries the unit of the second.
    const first = BAND_FIRST_END.exec(text.slice(0, at));
    if (first?.[1] !== undefined) spans.push({ index: first.index, length: first[1].length });
  }
  return spans;
}

/** "1,400" is a thousand-separated number; "0,3" and "4,5" are decimal commas. */
export function parseNumber(written: string): number {
  const text = written.replace(/^minus\s+/, '-').replace(/\s+/g, '');
  if (/^-?[1-9]\d{0,2}(?:,\d{3})+$/.test(text)) return Number(text.replace(/,/g, ''));
  return Number(text.replace(',', '.'));
}

const blank = (text: string, index: number, length: number): string =>
  text.slice(0, index) + ' '.repeat(length) + text.slice(index + length);

/**
 * The threshold of a normalized (lower-case) question and the question with its words blanked; null when it names none.
 * A unit after the number is kept as written ("psi", "ft", "°f"): whether and how it converts is decided per tag.
 */
export function readThreshold(text: string): { cue: ThresholdCue; text: string } | null {
  const band = readBand(text);
  if (band) return band;
  const suffixed = SUFFIXED.exec(text);
  // "2 or more" with no unit and no decimals may be a count: not a limit.
  const match = THRESHOLD.exec(text) ?? (suffixed && (suffixed[3] || /[.,]\d/.test(suffixed[2] ?? '')) ? suffixed : null);
  if (match) {
    const unit = unitWritten(match[3]);
    // "51 a+", "85 a and up", "3.8 m or less", "5.3 m exceeded": the side after the number.
    const after = match[4];
    const said = match[1] || (after ? (AT_OR_ABOVE_AFTER.test(after) ? '>=' : EXCEEDED_AFTER_RE.test(after) ? '>' : '<=') : '');
    const side: Comparator = BELOW_RE.test(said) ? 'below' : 'above';
    // "did t3 stay below 4.1 m": the stretches at or above 4.1 m say no; "never above": those above.
    const held = heldSide(text, match.index, side, match.index + match[0].length);
    const inclusive = includesLimit(said) !== (held?.flipped ?? false);
    const cue: ThresholdCue = {
      comparator: held?.comparator ?? side,
      value: parseNumber(match[2] ?? '0'),
      ...(unit ? { unit } : {}),
      ...(inclusive ? { inclusive: true as const } : {}),
    };
    const read = blank(text, match.index, match[0].length);
    return { cue, text: held ? blank(read, held.index, held.length) : read };
  }
  // "run status 0": the status tag's value 0 (stopped) or 1 (running); the status words stay to name the tag.
  const status = STATUS_VALUE.exec(text);
  if (status) {
    const at = status.index + status[0].length - 1;
    return { cue: { comparator: status[1] === '1' ? 'above' : 'below', value: 0.5, status: true }, text: blank(text, at, 1) };
  }
  const stopped = STOPPED.exec(text);
  if (stopped && DURATION_ASKED.test(text) && !MOMENT_ASKED.test(text))
    return { cue: { comparator: 'below', value: 0.5, status: true }, text: blank(text, stopped.index, stopped[0].length) };
  // "bps01 p1 longest run l/wk": the running state is the condition, its longest stretch the report (threshold-report.ts).
  if (LONGEST_RUN.test(text))
    return { cue: { comparator: 'above', value: 0.5, status: true }, text: text.replace(RUN_WORDS, (w) => ' '.repeat(w.length)) };
  return null;
}

/** A unit as written after a number, in the spelling unit-table.ts knows ("deg" -> "°c", "amps" -> "a"). */
const unitWritten = (unit: string | undefined): string | undefined => unit?.replace(/^(degc|deg|degrees|c)$/, '°c').replace(/^amps?$/, 'a');

const UNIT = String.raw`(?:(${UNITS.join('|')})${END})?`;
/** A band: "between 2 and 3 bar", "btwn 4.1 and 4.3", "outside 0.4-0.45 mg/l", "within 0.35 to 0.5", "out of band 2 - 4 m". */
const BAND = new RegExp(
  String.raw`(?:^|(?<=[\s(]))(${INSIDE_WORDS}|${OUTSIDE_WORDS}|in(?=\s+(?:the|a)\s+\S+\s*(?:\S+\s+)?(?:band|range|window)\b))\s+(?:(?:the\s+)?range\s+(?:of\s+)?|(?:the|a)\s+)?` +
    String.raw`${NUMBER}\s*${UNIT}\s*(?:and|to|-|–|\.\.|&)\s*${NUMBER}${NOT_A_LIMIT}\s*${UNIT}(?:\s+(?:band|range|window))?(?=$|[\s?.,!;:)])`,
);

/**
 * A band of two numbers ("between 2 and 3 bar", "outside 0.2-0.5 mg/l") and the question with its words blanked; null
 * when there is none. The lower number is the band's lower end whichever is written first; both ends are inside.
 */
function readBand(text: string): { cue: ThresholdCue; text: string } | null {
  const match = BAND.exec(text);
  if (!match) return null;
  const said = comparatorOf(match[1] ?? '') ?? (match[1] === 'in' ? 'between' : undefined);
  if (said !== 'between' && said !== 'outside') return null;
  // "did it stay within 3-5 bar": a yes or no over the window, answered by the stretches outside (none: it stayed).
  const held = said === 'between' ? heldSide(text, match.index, said, match.index + match[0].length) : null;
  const comparator = held?.flipped ? held.comparator : said;
  const [a, b] = [parseNumber(match[2] ?? '0'), parseNumber(match[4] ?? '0')];
  const unit = unitWritten(match[5] ?? match[3]);
  // "between 6 and 8" with no unit may be hours of the day as well as values: not read as a band (clockLikeBand).
  if (!unit && said === 'between' && clockLike(a, b)) return null;
  const cue: ThresholdCue = { comparator, value: Math.min(a, b), upper: Math.max(a, b), ...(unit ? { unit } : {}) };
  return { cue, text: blank(text, match.index, match[0].length) };
}

/** Two whole numbers that may be hours of the day: "6 and 8" (up to 24), "1000 and 1200" (hhmm). */
function clockLike(a: number, b: number): boolean {
  const hour = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 24;
  const hhmm = (n: number): boolean => Number.isInteger(n) && n >= 100 && n <= 2400 && n % 100 < 60;
  return (hour(a) && hour(b)) || (hhmm(a) && hhmm(b));
}

/**
 * Words of a band that may as well be hours of the day ("between 6 and 8", "between 1000 and 1200", no unit), for a
 * decline that names them; null when there are none.
 */
export function clockLikeBand(text: string): string | null {
  const match = BAND.exec(text);
  if (!match || comparatorOf(match[1] ?? '') !== 'between' || match[3] || match[5]) return null;
  return clockLike(parseNumber(match[2] ?? '0'), parseNumber(match[4] ?? '0')) ? match[0].trim() : null;
}

/**
 * A band whose numbers carry a unit ("within 3 to 4 m", "outside 2-4.5 bar"): read before the question's time, whose
 * rules would take "3 to 4 ... 20 October" for dates; a band without a unit ("between 2 and 4") may be clock hours.
 */
export function readUnitBand(text: string): { cue: ThresholdCue; text: string } | null {
  const band = readBand(text);
  return band?.cue.unit ? band : null;
}

/** A comparison with a reference that is no number and no catalog limit: "above normal", "below its usual level". */
const VAGUE_REFERENCE = new RegExp(
  String.raw`\b(?:${ABOVE}|${BELOW}|${INSIDE_WORDS}|${OUTSIDE_WORDS})\s+(?:(?:its|it's|the|their|a|an)\s+)?` +
    String.raw`(normal|usual|typical|expected|nominal|design|target|optimum|optimal|acceptable|safe|ideal)\b(?:\s+(?:operating|working|running)\s+(?:level|range|pressure|value)s?)?`,
);
/** Nearness to a limit or a value: "near the low limit", "close to its high alarm", "approaching hi lim". */
const NEAR = new RegExp(
  String.raw`\b(?:near(?:ly)?|close to|closer to|approach(?:ed|ing)?|almost at|getting to)\s+(?:(?:its|it's|the|their)\s+)?` +
    String.raw`(?:(?:low|lo|lower|min|high|hi|upper|max)[\s-]*)?(?:alarm(?:\s*(?:limit|lim|level|threshold))?|limits?|lim|trip(?:\s+point)?|threshold)\b`,
);

/**
 * A statistic word where the limit stands: "above its max", "over max level", "under minimum". It names no number, and
 * which limit it means (the high alarm limit, a design top, an overflow) is not said; never the maximum of the window.
 * Not a limit's own words ("above max alarm", "over the max limit": limit-words.ts reads them), nor a number said after
 * it ("over the max of 5 m").
 */
const STATISTIC_REFERENCE = new RegExp(
  String.raw`(?:^|(?<=[\s(]))(?:${ABOVE}|${BELOW})\s+(?:(?:its|it's|the|their|a|an)\s+)?(?:max(?:imum)?|min(?:imum)?|peak|highest|lowest)\b` +
    String.raw`(?!(?:\s+(?:level|lvl|value|reading))?\s*(?:-?\d|of\s+-?\d|=|:|(?:alarm|alm|limit|lim|threshold|trip|set\s*point|sp)s?\b))(?:\s+(?:level|lvl|value|reading))?`,
);

/**
 * Words that compare with something the question does not quantify, for a decline that names them: "above normal"
 * (no number, no catalog limit), "above its max" (a limit not said), "near the low limit" (how near is not said). Null
 * when there are none.
 */
export function vagueComparison(text: string): string | null {
  return (VAGUE_REFERENCE.exec(text) ?? STATISTIC_REFERENCE.exec(text) ?? NEAR.exec(text))?.[0] ?? null;
}
