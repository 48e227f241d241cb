// Availability and downtime of things with a running status ("availability of P02 at BPS03 last month", "downtime of P01
// yesterday", "how long was P03 offline", "availability of each pump at BPS01"): the run-hours plan reports the time in
// each state as a share of the window or in hours, with the time whose state is unknown said apart (never up, never down).

/** What a state-time question asks: the share of the window running, or the hours not running. */
export type StateReport = 'availability' | 'downtime';

/** The column a state-time report states first (and ranks by). */
export const STATE_MEASURE = { availability: 'available_pct', downtime: 'down_hours' } as const satisfies Record<StateReport, string>;

/**
 * "availability", "avail", "uptime", "utilisation" (of a thing with a running status: its share of the time running), "% of
 * the time running"; not "data availability" (that is coverage).
 */
const AVAILABILITY_RE =
  /(?<!\bdata\s)(?:(?:%|\bpercent(?:age)?)\s*(?:of\s+)?)?\b(?:availability|availabilty|availibility|avail|up[\s-]?time|utili[sz]ation|utili[sz]ed)\b(?!\s+of\s+(?:the\s+)?data\b)|(?:%|\bpercent(?:age)?)\s*(?:of\s+)?(?:the\s+)?time\s+(?:running|available|up|in\s+service)\b/;
/** The unit of a share said after it: "in %", "as a percentage", "in percent". */
const SHARE_UNIT_RE = /(?:\b(?:in|as)\s+(?:a\s+)?)(?:%|percent(?:age)?\b)/;
/** "downtime", "down time", "time down". */
const DOWNTIME_RE = /\b(?:down[\s-]?time|time\s+down)\b/;
/** A not-running state word that, with a duration asked, asks for the downtime ("how long was P3 offline", "hrs p2 down"). */
const DOWN_STATE_RE = /\b(?:offline|off[\s-]line|down|off|unavailable|not\s+available|out\s+of\s+service|standing\s+still|idle)\b/;
const DURATION_RE = /\b(?:how\s+long|how\s+many\s+(?:hours|hrs|minutes|mins)|hrs?|hours?|duration)\b/;
const MOMENT_RE = /\b(?:when|wh?en|what\s+time|at\s+what\s+time|since\s+when)\b/;

const blank = (text: string, match: RegExpExecArray): string =>
  text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length);

/**
 * The state-time report a normalized question asks and the question with its words blanked, or null. `state`: asked by
 * a state word with a duration ("how long was p2 off"), not by the report's own noun: of one pump that is the time below
 * the running state (its stopped stretches, as "how long was it stopped"), of several their downtime.
 */
export function readStateReport(text: string): { report: StateReport; word: string; text: string; state?: true } | null {
  const availability = AVAILABILITY_RE.exec(text);
  if (availability) {
    // "utilisation of P1 in %", "availability as a percentage": the share's unit is the report's, not a tag's.
    const rest = blank(text, availability);
    const unit = SHARE_UNIT_RE.exec(rest);
    return { report: 'availability', word: availability[0], text: unit ? blank(rest, unit) : rest };
  }
  const downtime = DOWNTIME_RE.exec(text);
  if (downtime) return { report: 'downtime', word: downtime[0], text: blank(text, downtime) };
  if (!DURATION_RE.test(text) || MOMENT_RE.test(text)) return null;
  const down = DOWN_STATE_RE.exec(text);
  if (down) return { report: 'downtime', word: down[0], text: blank(text, down), state: true };
  return null;
}

/**
 * Words of a state-time question that ask for a state no running status records: a trip or fault (a stopped pump may be
 * on standby), failures between them (MTBF, MTTR), standby, planned or unplanned stops. Read in the question as written
 * (the thesaurus reads "tripped" as "stopped", which is right for the moment a pump stopped, not for how long it was
 * tripped). "Standby" before "pump" names the pump's role ("the duty and standby pump"), not a state. The word, or null.
 */
const UNRECORDED_STATE_RE =
  /\b(trip(?:ped|s)?|fault(?:ed|s)?|fail(?:ed|ures?)|mtbf|mttr|mean\s+time\s+(?:between\s+(?:failures?|trips?|faults?|breakdowns?)|to\s+(?:repair|restore|failure))|stand[\s-]?by(?!\s*(?:pumps?|pmps?)\b)|unplanned|planned|forced|scheduled|breakdowns?|locked[\s-]?out|lock[\s-]?out)\b/;

export function unrecordedStateWord(question: string, report: StateReport | null): string | null {
  const lower = question.toLowerCase();
  const word = UNRECORDED_STATE_RE.exec(lower)?.[1];
  if (!word) return null;
  // "how long was P1 tripped", "MTBF of P2": a duration or a report of a state asked.
  const asksTime = report !== null || (DURATION_RE.test(lower) && !MOMENT_RE.test(lower)) || /^(?:mtbf|mttr|mean)/.test(word);
  return asksTime ? word : null;
}

/** The decline naming such a word. */
export function unrecordedStateDecline(word: string): { kind: 'decline'; reason: string } {
  return {
    kind: 'decline',
    reason: `I could not place "${word}": the catalog has a running status for these pumps but no fault, trip or standby tag, so a stop cannot be told apart from standby; ask for their downtime (time not running) or availability (time running)`,
  };
}

/** How the report is computed, for the answer's method line. */
export function stateReportMethod(report: StateReport): string {
  const how =
    'time-weighted over the step signal of the running status (1 = running), the state carried in at the window start included; ' +
    'time with no good sample in force is unknown, counted neither up nor down';
  return report === 'availability'
    ? `availability = time running as a share of the whole window (a pump stopped on standby counts as not running: no fault or available tag), ${how}`
    : `downtime = hours in the stopped state (standby included: no fault or available tag), ${how}`;
}

/** One row of a state-time answer: the tag and its hours in each state (null: no state known in the window). */
export interface StateRow {
  tag: string;
  runHours: number | null;
  stoppedHours: number | null;
}

/**
 * The sentence: "BPS03/P02/Running: available (running) 57.4 % of the window (427 h), stopped 42.6 %, unknown 0 %, last
 * month (...)" or, per pump, each tag followed by its share; downtime in hours likewise. The number after each tag is the
 * one asked (share running, or hours stopped); the unknown time is said beside it, never counted as up or down.
 */
export function stateSentence(input: {
  report: StateReport;
  rows: readonly StateRow[];
  windowHours: number;
  during: string;
  format: (value: number) => string;
  /** "ran the most" words when the rows are ranked. */
  ranked?: string;
}): string {
  const { report, windowHours, format } = input;
  const pct = (h: number): string => `${format((100 * h) / windowHours)} %`;
  const hours = (h: number): string => `${format(h)} h`;
  const one = (r: StateRow): string => {
    if (r.runHours === null || r.stoppedHours === null) return `${r.tag} no good-quality state (unknown the whole window)`;
    const unknown = Math.max(0, windowHours - r.runHours - r.stoppedHours);
    const unknownText = unknown > 1 / 60 ? `, state unknown ${hours(unknown)}` : '';
    return report === 'availability'
      ? `${r.tag} ${pct(r.runHours)} running (available), ${pct(r.stoppedHours)} stopped${unknownText ? `, unknown ${pct(unknown)}` : ''}`
      : `${r.tag} ${hours(r.stoppedHours)} down (not running), ${hours(r.runHours)} running${unknownText}`;
  };
  const what = report === 'availability' ? 'Availability (share of the window running)' : 'Downtime (hours not running)';
  return `${what}${input.ranked ? `, ${input.ranked}` : ''}, ${input.during}: ${input.rows.map(one).join('; ')}.`;
}
