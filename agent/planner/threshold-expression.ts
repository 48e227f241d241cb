// Reads the threshold a question compares a tag with: a comparator and a number with the unit written after it ("above
// 80 psi", "> 95 A", "under 0,3 mg/l", "over 16ft", "below -0,1 bar", "64°F", "run status 0"), and names the
// comparisons that give no number ("above normal", "near the low limit"). A unit is any spelling of unit-table.ts or
// of the units the catalog's tags are measured in; limit-units.ts brings the number into the tag's unit.
import { SPELLINGS } from './unit-table.ts';

/** A directed comparison with a number; `unit` as written, lower case, when one follows the number. */
export interface ThresholdCue {
  comparator: 'above' | 'below';
  value: number;
  unit?: string;
  /** A state of a running (status) tag ("run status 0", "how long was it stopped"): compared on the status tag only. */
  status?: true;
}

/** Units a threshold may carry besides the unit table's: the catalog's own (NTU, rpm, pH ...) and degree words. */
const EXTRA_UNITS = ['ntu', 'rpm', 'mm/s', 'ph', '%', 'h', 'degc', 'deg', 'degrees', 'c', 'amps', 'amp'];
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const UNITS = [...new Set([...SPELLINGS, ...EXTRA_UNITS])].sort((a, b) => b.length - a.length).map(escape);

/**
 * Upward and downward comparisons: the comparator words, a verb of motion before one ("went above", "slipped under"),
 * and the verbs that cross a limit by themselves ("topped 5 bar", "broke 5", "breached 4 m", "climbed past 5.2 m",
 * "went sub 3.1 m").
 */
const ABOVE =
  String.raw`above|over|ovr|abv|abve|abov|exceed(?:ed|ing|s)?|xceed(?:ed|s)?|exced(?:ed|s)?|higher than|greater than|more than|in excess of|` +
  String.raw`top(?:ped|s)?(?=\s*\d+(?:[.,]\d+)?\s*(?:${UNITS.join('|')})(?![a-z0-9]))|br(?:oke|eaks?)|breach(?:ed|es)?|surpass(?:ed|es)?|` +
  String.raw`(?:went|go(?:es)?|r(?:ose|ises?)|climb(?:ed|s)?|got|get|jump(?:ed|s)?|spik(?:ed|es)|move[ds]?|crept|creep)\s+(?:above|over|past)|>=?|=>`;
const BELOW =
  String.raw`below|under|undr|blw|belo|beneath|less than|lower than|` +
  String.raw`(?:drop(?:ped|s)?|f(?:ell|alls?)|dip(?:ped|s)?|dipd|went|go(?:es)?|sank|sinks?|got|get|slip(?:ped|s)?|sl(?:id|ides?)|move[ds]?)\s+(?:below|under|beneath)|` +
  String.raw`(?:went\s+|go(?:es)?\s+|got\s+)?sub|<=?|=<`;

/** A number: "4.5", "0,3" (decimal comma), "-0,1", "minus 2", "1,400" (thousands). */
const NUMBER = String.raw`((?:minus\s+|-\s?)?\d+(?:[.,]\d+)?)`;
/**
 * Words after a number that make it a count, not a limit ("more than 2 pumps", "over 3 times"). Not "hours": in "t2 lvl
 * > 4.6 hrs" the hours are what is asked of the limit.
 */
const NOT_A_LIMIT = String.raw`(?!\s*(?:times?|x|pumps?|days?|weeks?|months?|stretches|occasions|alarms?)\b)`;
const END = String.raw`(?=$|[\s?.,!;:)])`;

const THRESHOLD = new RegExp(
  String.raw`(?:^|(?<=[\s(]))(${ABOVE}|${BELOW})\s*${NUMBER}${NOT_A_LIMIT}\s*(?:(${UNITS.join('|')})${END})?(?=$|[\s?.,!;:)])`,
);
/** The side a comparison's words name; BELOW has no look-ahead, so its words alone tell ("topped" needs its number). */
const BELOW_RE = new RegExp(`^(?:${BELOW})$`);

/** A status value named as a number: "run status 0", "running = 1", "state is 0" (1 = running). */
const STATUS_VALUE = /\b(?:status|state|run(?:ning)?(?:\s+(?:status|signal|state|feedback))?)\s*(?:=|==|is|of|at)?\s*([01])(?![\d.,])/;

/** A stopped state asked as a duration: "how long was CL01 stopped", "hrs P1 was off", "time not running". */
const STOPPED =
  /\b(?:stopped|switched off|turned off|shut (?:down|off)|not running|out of service|offline|off-line|idle|(?:was|were|been|stayed|remained) off)\b/;
const DURATION_ASKED = /\b(?:how long|how many (?:hours|hrs|minutes|mins)|hrs|hours|mins|minutes|duration|time)\b/;
const MOMENT_ASKED = /\b(?:when|wh?en|what time|at what time)\b/;

/** Units of time after a number: "over 2 h", "past 5 pm" may be clocks or durations, so they are no limit's unit here. */
const TIME_UNITS = /^(?:h|hr|hrs|hours?|min|mins|minutes?|s|sec|secs|am|pm)$/;
const COMPARED_NUMBER = new RegExp(
  String.raw`(?:^|(?<=[\s(]))(?:${ABOVE}|${BELOW})\s*${NUMBER}${NOT_A_LIMIT}\s*(?:(${UNITS.join('|')})${END})?`,
  'gd',
);

/**
 * Where the numbers compared with are ("climbed past 5.2 m on 21 october", "under 0.25 on the 8th"): a decimal, or a
 * number with a unit that is not one of time, after a comparison is a value, so no date or clock rule may read it.
 */
export function limitNumberSpans(text: string): { index: number; length: number }[] {
  const spans: { index: number; length: number }[] = [];
  for (const m of text.matchAll(COMPARED_NUMBER)) {
    const number = m[1] ?? '';
    const unit = m[2];
    if (!/[.,]\d/.test(number) && (unit === undefined || TIME_UNITS.test(unit))) continue;
    const at = m.indices?.[1]?.[0];
    if (at !== undefined) spans.push({ index: at, length: number.length });
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
  const match = THRESHOLD.exec(text);
  if (match) {
    const unit = match[3]?.replace(/^(degc|deg|degrees|c)$/, '°c').replace(/^amps?$/, 'a');
    const cue: ThresholdCue = {
      comparator: BELOW_RE.test(match[1] ?? '') ? 'below' : 'above',
      value: parseNumber(match[2] ?? '0'),
      ...(unit ? { unit } : {}),
    };
    return { cue, text: blank(text, match.index, match[0].length) };
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
  return null;
}

/** A band: "between 2 and 3 bar", "btwn 4.1 and 4.3", "outside 0.4-0.45 mg/l", "within 0.35 to 0.5". */
const BAND = new RegExp(
  String.raw`\b(?:between|btwn|betw|betwn|within|inside|outside|out of)\s+(?:(?:the\s+)?range\s+(?:of\s+)?)?${NUMBER}\s*(?:(?:${UNITS.join('|')})${END})?\s*(?:and|to|-|–|\.\.)\s*${NUMBER}\s*(?:(?:${UNITS.join('|')})${END})?`,
);

/**
 * A band of two numbers ("between 2 and 3 bar", "outside 0.2-0.5 mg/l"): the planner compares with one limit at a time,
 * so the band's words are returned for a decline that names them. Null when there is none.
 */
export function readBand(text: string): string | null {
  return BAND.exec(text)?.[0].trim() ?? null;
}

/** Why a band is declined, and how to ask instead. */
export function bandDecline(band: string): string {
  return `"${band}": time inside or outside a band of two values is not computed yet; ask for each side, e.g. "how long was ... below" the lower value and "above" the upper one`;
}

/** A comparison with a reference that is no number and no catalog limit: "above normal", "below its usual level". */
const VAGUE_REFERENCE = new RegExp(
  String.raw`\b(?:${ABOVE}|${BELOW}|outside|within|out of)\s+(?:(?:its|it's|the|their|a|an)\s+)?` +
    String.raw`(normal|usual|typical|expected|nominal|design|target|optimum|optimal|acceptable|safe|ideal)\b(?:\s+(?:operating|working|running)\s+(?:level|range|pressure|value)s?)?`,
);
/** Nearness to a limit or a value: "near the low limit", "close to its high alarm", "approaching hi lim". */
const NEAR = new RegExp(
  String.raw`\b(?:near(?:ly)?|close to|closer to|approach(?:ed|ing)?|almost at|getting to)\s+(?:(?:its|it's|the|their)\s+)?` +
    String.raw`(?:(?:low|lo|lower|min|high|hi|upper|max)[\s-]*)?(?:alarm(?:\s*(?:limit|lim|level|threshold))?|limits?|lim|trip(?:\s+point)?|threshold)\b`,
);

/**
 * Words that compare with something the question does not quantify, for a decline that names them: "above normal"
 * (no number, no catalog limit), "near the low limit" (how near is not said). Null when there are none.
 */
export function vagueComparison(text: string): string | null {
  return (VAGUE_REFERENCE.exec(text) ?? NEAR.exec(text))?.[0] ?? null;
}
