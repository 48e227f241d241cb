// "how long was ps1 p2 off yday", "hrs p3 stopped": the time a pump stood still. Run-hours count the time it ran; the
// time it did not run is asked in other words, and a period's status series is no answer to "how long". Named in a
// decline until a plan carries the stopped time itself.

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
