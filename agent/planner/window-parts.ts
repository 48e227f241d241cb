// The parts every time rule shares: a window with the label the answer shows, a day's start and name, blanking what was read.
import type { ResolvedWindow } from '../answer.ts';
import { formatShort, fromWall, type WallTime } from './zoned-time.ts';

/** Month names as a window's label writes them. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A plant-local day as people write it: "3 March 2025". */
export const dayName = (wall: Pick<WallTime, 'year' | 'month' | 'day'>): string =>
  `${wall.day} ${MONTH_NAMES[wall.month - 1]} ${wall.year}`;

/**
 * A window label inside a sentence ("ran 12 h ___", "no data ___"): "during Q3 2026" / "in Q3 2026", but "on 3 March
 * 2025", "yesterday", "last week", "between the given times" as they are (a label that starts with its own preposition
 * or is an adverb of time).
 */
export function duringWindow(label: string, preposition: 'during' | 'in' = 'during'): string {
  return /^(?:on|in|during|between|since|from|over|for|at|throughout|within|yesterday|today|tonight|this|last|past|previous|the last|the past)\b/i.test(
    label,
  )
    ? label
    : `${preposition} ${label}`;
}

/** Builds the ResolvedWindow with the human label the answer shows. */
export function makeWindow(from: Date, to: Date, timezone: string, what: string): ResolvedWindow {
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    timezone,
    label: `${what} (${formatShort(from, timezone)} – ${formatShort(to, timezone)} ${timezone})`,
  };
}

/** The plant-local midnight that starts the day. */
export const dayStart = (wall: Pick<WallTime, 'year' | 'month' | 'day'>, tz: string): Date =>
  fromWall({ year: wall.year, month: wall.month, day: wall.day, hour: 0, minute: 0, second: 0 }, tz);

/** The text with [index, index + length) blanked to spaces (offsets kept). */
export function blank(text: string, index: number, length: number): string {
  return text.slice(0, index) + ' '.repeat(length) + text.slice(index + length);
}
