// Times as a control room writes them in a log or a report header: "D-1" (yesterday), "0600-1400", "06-14 shift",
// "22-06". Rewritten into the words the time rules read ("yesterday", "from 06:00 to 14:00", "early shift").
import { MONTH_RE } from './time-words.ts';
import { clockText } from './zoned-time.ts';

/** A shift as configured: its name and wall-clock start and end ("06:00"). */
export interface NamedShift {
  name: string;
  start: string;
  end: string;
}

/** "D-0" today, "D-1" yesterday, "D-2" the day before yesterday, "D-5" five days ago (a daily report's day offsets). */
const DAY_OFFSET_RE = /(?<![a-z0-9_/.-])d\s?-\s?(\d{1,2})(?![a-z0-9_/.:-])/g;

/** "0600-1400", "2200-0600": two 24-hour clock times of four digits joined by a dash. */
const FOUR_DIGIT_SPAN_RE = /(?<![a-z\d/.:-])([01]\d|2[0-3])([0-5]\d)\s*[-–]\s*([01]\d|2[0-4])([0-5]\d)(?![a-z\d/.:-])/g;

/** "06-14", "22-06", "00-06": two zero-padded hours joined by a dash, optionally followed by "shift" or "hrs". */
const TWO_DIGIT_SPAN_RE = /(?<![a-z\d/.:-])([01]\d|2[0-4])\s*[-–]\s*([01]\d|2[0-4])(?![a-z\d/.:-])(\s*(?:shift|hrs?|hours|h)\b)?/g;

const NEAR_MONTH_RE = new RegExp(`(?:\\b(?:${MONTH_RE})\\.?\\s*$)|(?:^\\s*(?:of\\s+)?(?:${MONTH_RE})\\b)`);

function dayOffset(n: number): string {
  if (n === 0) return 'today';
  if (n === 1) return 'yesterday';
  if (n === 2) return 'day before yesterday';
  return `${n} days ago`;
}

/** The configured shift that runs exactly from `from` to `to` ("06:00", "14:00"), if any. */
function shiftNamed(shifts: readonly NamedShift[], from: string, to: string): string | undefined {
  const same = (a: string, b: string): boolean => a === b || (a === '24:00' && b === '00:00') || (a === '00:00' && b === '24:00');
  return shifts.find((s) => same(s.start.padStart(5, '0'), from) && same(s.end.padStart(5, '0'), to))?.name;
}

/** Whether "a-b" is a year range ("2025-2026"), not two clock times. */
const isYearRange = (a: number, b: number): boolean => a >= 1900 && a <= 2099 && b > a && b - a <= 10;

/**
 * Rewrites the control room's time forms (lower-case text): day offsets, four-digit clock spans, and two-digit hour
 * spans. A span followed by "shift" is that configured shift when one runs exactly so ("06-14 shift" -> "early shift"),
 * else the clock span. A two-digit span is read as hours only where it cannot be days of a month: beside "shift"/"hrs",
 * or with a zero-padded hour ("06-14", "22-06"), and never next to a month name ("10-16 aug").
 */
export function rewriteOperatorTime(text: string, shifts: readonly NamedShift[]): string {
  let out = text.replace(DAY_OFFSET_RE, (_all, n: string) => dayOffset(Number(n)));
  const span = (from: string, to: string, shiftWord: boolean): string => {
    const name = shiftWord ? shiftNamed(shifts, from, to) : undefined;
    if (name) return `${name} shift`;
    return `from ${from} to ${to === '24:00' ? '23:59' : to}`;
  };
  out = out.replace(
    new RegExp(`${FOUR_DIGIT_SPAN_RE.source}(\\s*shift\\b)?`, 'g'),
    (all: string, h1: string, m1: string, h2: string, m2: string, shift: string | undefined) => {
      if (isYearRange(Number(h1 + m1), Number(h2 + m2))) return all;
      return span(clockText(Number(h1), Number(m1)), clockText(Number(h2), Number(m2)), shift !== undefined);
    },
  );
  out = out.replace(TWO_DIGIT_SPAN_RE, (all: string, h1: string, h2: string, unit: string | undefined, offset: number, whole: string) => {
    const before = whole.slice(Math.max(0, offset - 12), offset);
    const after = whole.slice(offset + all.length, offset + all.length + 14);
    if (NEAR_MONTH_RE.test(before) || NEAR_MONTH_RE.test(after)) return all;
    const shiftWord = unit !== undefined && /shift/.test(unit);
    if (!unit && !h1.startsWith('0') && !h2.startsWith('0')) return all;
    if (h1 === h2) return all;
    return span(clockText(Number(h1)), clockText(Number(h2)), shiftWord);
  });
  return out;
}
