// Reads the unit a duration is asked in ("how many minutes was X below L", "mins bps2 current over 51A", "overlap in
// mins"): the answer gives the stretches' time in that unit. Hours are the planner's default and need no cue.

/** "minutes", "mins", "in minutes", "how many minutes" (a typo such as "minuts" is read as "minutes" before this). Not
 * "min": it is the minimum. */
const MINUTES_RE = /\b(?:(?:how\s+many|in|total|no\.?\s+of|number\s+of)\s+)?(?:minutes?|mins)\b/;

/** "hours", "hrs" beside a duration: the default unit, read so that it names no tag (the pumps' RunHours counters). */
const HOURS_RE = /\b(?:(?:how\s+many|in|total|no\.?\s+of|number\s+of)\s+)?(?:hours?|hrs?)\b/;

export type DurationUnit = 'minutes' | 'hours';

/**
 * The unit a duration is asked in and the question with its words blanked; null when none is named. Read only where the
 * question asks for a duration (a limit, running together, a run time): elsewhere the word stays, and is named if nothing
 * places it. `minutesOnly`: only minutes are read ("run hours" names the run time itself, which the hours word must not lose).
 */
export function readDurationUnit(text: string, options: { minutesOnly?: boolean } = {}): { unit: DurationUnit; text: string } | null {
  const minutes = MINUTES_RE.exec(text);
  const match = minutes ?? (options.minutesOnly ? null : HOURS_RE.exec(text));
  if (!match) return null;
  return {
    unit: minutes ? 'minutes' : 'hours',
    text: text.slice(0, match.index) + ' '.repeat(match[0].length) + text.slice(match.index + match[0].length),
  };
}

/** A duration in hours written in the unit asked: "80 min", "2.5 h". */
export function durationIn(hours: number, unit: DurationUnit | undefined, format: (n: number) => string): string {
  return unit === 'minutes' ? `${format(hours * 60)} min` : `${format(hours)} h`;
}

/**
 * A stretch's time with no unit asked: hours, and under a day its minutes too ("4.783 h (287 min)"), since a short
 * stretch is as often read in minutes; in the unit asked otherwise.
 */
export function stretchSpan(hours: number, unit: DurationUnit | undefined, format: (n: number) => string): string {
  if (unit || hours >= 24) return durationIn(hours, unit, format);
  return `${format(hours)} h (${format(hours * 60)} min)`;
}

/** The stretch table's `minutes` beside `hours` (with no unit asked as well: see stretchSpan). */
export function stretchMinutesColumn(unit: DurationUnit | undefined, hours: string): string {
  return unit === 'hours' ? '' : `, ${hours} * 60 AS minutes`;
}

/** The SQL column of a stretch's duration in the unit asked, beside `hours` (the stretch table always carries hours). */
export function durationColumn(unit: DurationUnit | undefined, hours: string): string {
  return unit === 'minutes' ? `, ${hours} * 60 AS minutes` : '';
}
