// "how long was ps1 p2 off yday", "hrs p3 stopped": the time a pump stood still. Run-hours count the time it ran; the
// time it did not run is asked in other words, and a period's status series is no answer to "how long". Named in a
// decline until a plan carries the stopped time itself. So is any trip asked of (counted, or whether one happened): no
// tag records one, a stop is no trip, and the alarm journal's limit crossings are no trips. Stops themselves are counted
// and listed (stop-asks.ts).

/** A state word that is not running. */
const STOPPED_RE = /\b(off|stopped|idle|down|standing still|out of service|offline)\b/;
/** A duration asked. */
const DURATION_RE = /\b(how long|hrs?|hours?|mins?|minutes?|duration)\b/;

/** The stopped-state word of a duration question, or null. */
export function stoppedTimeWord(text: string): string | null {
  if (!DURATION_RE.test(text)) return null;
  return STOPPED_RE.exec(text)?.[1] ?? null;
}

/** The decline naming the word. */
export function stoppedTimeDecline(word: string): { kind: 'decline'; reason: string } {
  return {
    kind: 'decline',
    reason: `I could not place "${word}": the quick planner counts the hours a pump ran (run-hours), not the time it stood still; ask for its run-hours over the period`,
  };
}

/** A count asked: "how many times", "how often", "number of times", "# of". */
const COUNT_RE = /\b(?:how\s+many\s+times|how\s+often|(?:number|no\.?|count)\s+of\s+times|#\s*(?:of\s+)?times)\b/;
/** A stop of a thing with a running status, as a verb: "stop", "tripped", "shut down", "cut out", "switched off". */
const STOP_VERB_RE =
  /\b(stop(?:s|ped)?|trip(?:s|ped)?|shut\s*(?:down|off)|shuts\s*(?:down|off)|switch(?:e[sd])?\s+off|turn(?:ed|s)?\s+off|cut\s+out|dropped\s+out)\b/;
/** Words that ask for each stop rather than how many. */
const STOPS_LISTED_RE = /\b(?:list|when|wh?en|what\s+times?|at\s+what\s+time|each|every|show)\b/;
/** Stops counted as a noun: "how many stops", "no. of trips", "stop count", "shutdowns". */
const STOP_NOUN_RE =
  /\b(?:how\s+many|number\s+of|no\.?\s+of|#\s*(?:of\s+)?|count\s+of)\s*(stops|trips|shut[\s-]?downs)\b|\b(stop|trip|shutdown)\s+count\b|\b(stops|shut[\s-]?downs)\b(?!\s+(?:alarms?|alerts?))/;

/**
 * A trip asked of as an event ("any trips o/n", "did bps2 p1 trip", "pump trips this wk"): a pump stopping on a fault,
 * which neither the running status (a stop is no trip) nor the alarm journal (limit crossings) records. Not its moment
 * ("when did P2 trip", "trip time", "after P2 trip": a crossing of the running status) nor a trip setting.
 */
const TRIP_RE = /\b(trips?)\b(?!\s+(?:alarms?|alerts?|times?|when|level|pressure|set\w*|points?|count))/;
const TRIP_MOMENT_RE = /\b(?:when|what time|after|before|since|first|last time|latest)\b|\btrip\s+(?:time|when)\b/;

/** "any": whether a stop happened at all, over the period. */
const ANY_STOP_RE = /\bany(?:thing|\s+of)?\b/;
/** The state at a moment ("are any pumps stopped now", "is anything off"), which the latest status answers. */
const STATE_ASKED_RE = /^\s*(?:is|are)\b|\b(?:now|currently|right now|at the moment|still)\b/;

/** A stop word that says why it stopped, as a trip does: "tripped", "cut out", "dropped out". */
const TRIP_LIKE_RE = /^(?:trip|cut\s+out|dropped\s+out)/;

/**
 * The trip word of a question that counts a thing's trips ("how many times did P2 trip", "no. of trips P2", "bps2 p1
 * trips yday"), or asks whether any tripped ("any trips o/n", "did anything cut out o/n"), or null. A trip is a stop on
 * a fault: the running status records the stop (stop-asks.ts counts those), not why, and no trip or fault tag does, so
 * the word is named rather than answered with the stops.
 */
export function tripAskWord(text: string): string | null {
  const tripLike = (word: string | null | undefined): string | null => (word && TRIP_LIKE_RE.test(word) ? word : null);
  const noun = STOP_NOUN_RE.exec(text);
  const tripNoun = noun ? tripLike(noun[1] ?? noun[2] ?? noun[3]) : null;
  if (tripNoun) return tripNoun;
  const trip = TRIP_RE.exec(text);
  if (trip && !TRIP_MOMENT_RE.test(text)) return trip[1] ?? null;
  if (COUNT_RE.test(text)) return tripLike(STOP_VERB_RE.exec(text)?.[1]);
  if (!ANY_STOP_RE.test(text) || TRIP_MOMENT_RE.test(text) || STATE_ASKED_RE.test(text)) return null;
  return tripLike(STOP_VERB_RE.exec(text)?.[1]);
}

/**
 * "trip" in an alarm question ("any trip alarms o/n", "how many trip alarms", "alarms for the p2 trip"): the alarm
 * journal records limit crossings (high, low) and no tag records a trip, so every alarm of the period answers another
 * question. Not a trip setting ("trip setpoint alarms"). The word, or null.
 */
const TRIP_ALARM_RE = /\b(trip(?:s|ped)?)\b(?!\s+(?:set\w*|points?|level|pressure|limits?))/;

export function tripAlarmWord(text: string): string | null {
  return TRIP_ALARM_RE.exec(text)?.[1] ?? null;
}

/** The decline naming a trip asked of the alarms. */
export function tripAlarmDecline(word: string): { kind: 'decline'; reason: string } {
  return {
    kind: 'decline',
    reason: `I could not place "${word}": the alarm journal records limit crossings (high, low alarms) and no tag records a trip, so the alarms would not be trips; ask for the alarms over the period`,
  };
}

/** How a stop is asked: counted ("how many times did P2 stop", "no. of stops"), or each one ("any pumps stop o/n"). */
export interface StopAsk {
  count: boolean;
  /** The words that asked, for the plan's "understood". */
  words: string;
  /** The question with those words blanked. */
  text: string;
}

const blank = (text: string, match: RegExpExecArray | null): string =>
  match ? text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length) : text;

/**
 * A stop asked of, counted or listed, where it is no trip (tripAskWord) and no state at a moment ("are any pumps
 * stopped now") nor a moment ("when did P1 stop": a crossing): by the same words as a trip is, so that what declined as
 * a trip before is the only thing that still does. Null when none is asked.
 */
export function readStopAsk(text: string): StopAsk | null {
  if (tripAskWord(text)) return null;
  const noun = STOP_NOUN_RE.exec(text);
  if (noun) {
    const word = noun[1] ?? noun[2] ?? noun[3] ?? '';
    if (TRIP_LIKE_RE.test(word)) return null;
    // "p02 stops since fri" is counted, as "p02 starts since fri" is; "list the stops", "when were the stops" lists them.
    return { count: noun[3] === undefined || !STOPS_LISTED_RE.test(text), words: noun[0].trim(), text: blank(text, noun) };
  }
  const count = COUNT_RE.exec(text);
  const verb = STOP_VERB_RE.exec(text);
  if (!verb || TRIP_LIKE_RE.test(verb[1] ?? '')) return null;
  if (count)
    return { count: true, words: `${count[0]} ${verb[0]}`, text: blank(blank(text, count), STOP_VERB_RE.exec(blank(text, count))) };
  const any = ANY_STOP_RE.exec(text);
  if (!any || TRIP_MOMENT_RE.test(text) || STATE_ASKED_RE.test(text)) return null;
  return { count: false, words: `${any[0]} ${verb[0]}`, text: blank(blank(text, verb), ANY_STOP_RE.exec(blank(text, verb))) };
}

/** The decline naming a trip asked of. */
export function tripAskDecline(word: string): { kind: 'decline'; reason: string } {
  return {
    kind: 'decline',
    reason: `I could not place "${word}": no tag records a trip (the catalog has a running status but no trip or fault tag), and a stop is not a trip; ask for the stops over the period`,
  };
}
