// Reads a limit asked of the members of a group: "which critical points went below 2 bar" (each member's time beyond
// it), "which pumps ran more than 10 h" (each pump's run-hours held to it), rather than asking back which one is meant.
import type { Cues } from './choose-operation.ts';
import type { HoursLimit } from './member-threshold-sql.ts';
import type { IndexedTag } from './tag-catalog.ts';

/** Words that ask about the members of a group, whichever of them: "which", "any", "each", "every", "all". */
const MEMBER_WORDS_RE = /\b(?:which|any|each|every|all)\b/;

/** Whether the question ranges over every tag that fits (a plural, two named, or a word of MEMBER_WORDS_RE). */
export function asksMembers(cues: Pick<Cues, 'plural' | 'text'>, multiId: boolean): boolean {
  return cues.plural || multiId || MEMBER_WORDS_RE.test(cues.text.toLowerCase());
}

/**
 * The members a limit is asked of, each answered on its own, or null when one tag is asked, or the group is answered no
 * other way than one tag at a time: a report beyond the stretches and their count (a share, days, the longest), a
 * bucket, or members measured in different units (one limit is one number in one unit).
 */
export function memberTags<T extends IndexedTag>(
  tags: readonly T[],
  cues: Pick<Cues, 'thresholdReport' | 'bucket' | 'plural' | 'text'>,
  multiId: boolean,
): T[] | null {
  if (tags.length < 2 || !asksMembers(cues, multiId)) return null;
  if (cues.bucket || (cues.thresholdReport && cues.thresholdReport !== 'count' && cues.thresholdReport !== 'stretches')) return null;
  const units = new Set(tags.map((t) => (t.info.unit ?? '').toLowerCase()));
  return units.size === 1 ? [...tags] : null;
}

/** A verb of running beside the limit: the time asked is the time running. */
const RAN_RE = /\b(?:ran|run|runs|running|operated|in operation|in service)\b/;

/** Units of a run time written with the limit, as hours per unit. */
const HOURS_PER_UNIT: Readonly<Record<string, number>> = {
  h: 1,
  hr: 1,
  hrs: 1,
  hour: 1,
  hours: 1,
  min: 1 / 60,
  mins: 1 / 60,
  minute: 1 / 60,
  minutes: 1 / 60,
};

/**
 * The limit of a run time ("ran more than 10 h", "run over 20 hrs", "ran less than 90 min"), in hours; null when the
 * limit is not a time, is a band, or no running is said ("pressure above 5 bar while running" has a unit of its own).
 */
export function runHoursLimit(cues: Pick<Cues, 'threshold' | 'text' | 'hoursWord' | 'durationUnit'>): HoursLimit | null {
  const t = cues.threshold;
  if (!t || t.status || t.upper !== undefined) return null;
  if (t.comparator !== 'above' && t.comparator !== 'below') return null;
  if (!RAN_RE.test(cues.text.toLowerCase())) return null;
  // The time word may have been read apart from the number ("over 20 hrs": the unit the duration is asked in).
  const said = t.unit ?? cues.durationUnit ?? (cues.hoursWord ? 'hours' : undefined);
  const perUnit = said === undefined ? undefined : HOURS_PER_UNIT[said];
  if (perUnit === undefined) return null;
  return { comparator: t.comparator, value: Number((t.value * perUnit).toPrecision(10)), ...(t.inclusive ? { inclusive: true } : {}) };
}
