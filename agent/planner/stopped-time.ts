// "how long was ps1 p2 off yday", "hrs p3 stopped": the time a pump stood still. Run-hours count the time it ran; the
// time it did not run is asked in other words, and a period's status series is no answer to "how long". Named in a
// decline until a plan carries the stopped time itself. So is a count of stops or trips (run-hours count starts only),
// and any trip asked of: no tag records one, and the alarm journal's limit crossings are no trips.

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

/**
 * The word of a question that counts a thing's stops or trips ("how many times did P1 stop", "no. of trips P2", "bps2
 * p1 stops yday"), asks whether any stopped ("any pumps stop o/n") or asks of a trip at all ("any trips o/n"), or null.
 * Run-hours count starts; a stop count differs from it by the state at the window's edges, and a trip is no stop the
 * catalog can tell apart (no trip or fault tag), so the word is named rather than answered.
 */
export function stopCountWord(text: string): string | null {
  const noun = STOP_NOUN_RE.exec(text);
  if (noun) return noun[1] ?? noun[2] ?? noun[3] ?? null;
  const trip = TRIP_RE.exec(text);
  if (trip && !TRIP_MOMENT_RE.test(text)) return trip[1] ?? null;
  if (COUNT_RE.test(text)) return STOP_VERB_RE.exec(text)?.[1] ?? null;
  // "any pumps stop o/n", "did any of the pumps stop": whether stops happened is their count, above zero.
  if (!ANY_STOP_RE.test(text) || TRIP_MOMENT_RE.test(text) || STATE_ASKED_RE.test(text)) return null;
  return STOP_VERB_RE.exec(text)?.[1] ?? null;
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

/** The decline naming a counted stop. */
export function stopCountDecline(word: string): { kind: 'decline'; reason: string } {
  return {
    kind: 'decline',
    reason: `I could not place "${word}": the quick planner counts a pump's starts, not its stops or trips (the catalog has no trip or fault tag); ask for its starts over the period`,
  };
}
