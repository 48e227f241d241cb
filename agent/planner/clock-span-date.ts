// Clock spans: whole clock hours beside a period ("2-4am last week") and a span on a written date ("between 22:00 and
// 02:00 on 3 October": those clock times of that day, the end on the next day when it comes before the start).
import type { TimeFound } from './calendar-words.ts';
import { chronoPoints } from './chrono-points.ts';
import type { DateOrder } from './numeric-date.ts';
import { clockAfter, clockHour, clockText, formatShort, fromWall, toWall } from './zoned-time.ts';

/** "2-4am", "02:00-04:00", "between 2 and 4 am", "from 1am to 3am": whole clock hours (an am/pm or a colon is needed). */
const CLOCK_RANGE_RE = /\b(?:between\s+|from\s+)?(\d{1,2})(:00)?\s*(am|pm)?\s*(?:-|–|to|and)\s*(\d{1,2})(:00)?\s*(am|pm)?(?![\w:])/;

export function clockRange(text: string): { fromHour: number; toHour: number; index: number; length: number } | null {
  const m = CLOCK_RANGE_RE.exec(text);
  if (!m || !(m[3] || m[6] || (m[2] && m[5]))) return null;
  const [fromHalf, toHalf] = sharedHalves(Number(m[1]), m[3], Number(m[4]), m[6]);
  const fromHour = clockHour(Number(m[1]), fromHalf);
  const toHour = clockHour(Number(m[4]), toHalf);
  if (fromHour > 23 || toHour > 24 || fromHour === toHour) return null;
  return { fromHour, toHour: toHour % 24, index: m.index, length: m[0].length };
}

type Half = 'am' | 'pm';

/**
 * The am/pm of each end when only one end carries it: "2-4am", "9 to 11pm" give both ends the same half, but "10 and
 * 2pm" is 10am to 2pm and "10 to 2am" 10pm to 2am. People name the shorter span, so the bare end takes the half that
 * makes the span from start to end the shorter one. A bare 24-hour clock (13-23, 0) keeps its own reading.
 */
export function sharedHalves(
  from: number,
  fromHalf: string | undefined,
  to: number,
  toHalf: string | undefined,
): [string | undefined, string | undefined] {
  if ((fromHalf && toHalf) || (!fromHalf && !toHalf)) return [fromHalf, toHalf];
  const bare = fromHalf ? to : from;
  const given = fromHalf ? clockHour(from, fromHalf) : clockHour(to, toHalf);
  if (bare < 1 || bare > 12) return [fromHalf, toHalf];
  const span = (start: number, end: number): number => (((end - start) % 24) + 24) % 24 || 24;
  const halves: Half[] = ['am', 'pm'];
  const best = halves
    .map((half) => ({ half, hours: fromHalf ? span(given, clockHour(bare, half)) : span(clockHour(bare, half), given) }))
    .sort((a, b) => a.hours - b.hours)[0]?.half;
  return fromHalf ? [fromHalf, best] : [best, toHalf];
}

/** A weekday: chrono-node reads "9pm to 11pm on sat" as one range, so the span is read here on that day. */
const WEEKDAY_RE = /\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/;

const CLOCK = String.raw`(\d{1,2})(?::([0-5]\d))?\s*(am|pm)?`;
const SPAN_RE = new RegExp(String.raw`\b(?:(?:between|from)\s+)?${CLOCK}\s*(?:-|–|to|and|until|till)\s*${CLOCK}(?![\w:])`);

interface Clock {
  hour: number;
  minute: number;
}

function clockOf(hour: string | undefined, minute: string | undefined, half: string | undefined): Clock | null {
  let h = Number(hour);
  if (half === 'pm' && h < 12) h += 12;
  if (half === 'am' && h === 12) h = 0;
  if (h > 24 || (h === 24 && minute && minute !== '00')) return null;
  return { hour: h % 24, minute: Number(minute ?? 0) };
}

/**
 * The span's window on the date written beside it, or null: the span needs a clock mark (a colon or am/pm), and the
 * date must be written out (a number: "3 oct", "03/10/2026", "the 3rd") or be a weekday ("sat"), since "yesterday" is
 * read with the clock-range step of time-window.ts.
 */
export function clockSpanOnDateRule(text: string, ctx: { now: Date; timezone: string; dateOrder?: DateOrder }): TimeFound | null {
  const span = SPAN_RE.exec(text);
  // Bare hours need "from" ("from 9 to 11 on sat"): "between 2 and 4 on sat" may be a band of values.
  const marked = span && (span[2] || span[3] || span[5] || span[6] || /^from\s/.test(span[0]));
  if (!span || !marked) return null;
  const [fromHalf, toHalf] = sharedHalves(Number(span[1]), span[3], Number(span[4]), span[6]);
  const start = clockOf(span[1], span[2], fromHalf);
  const end = clockOf(span[4], span[5], toHalf);
  if (!start || !end || (start.hour === end.hour && start.minute === end.minute)) return null;
  const rest = text.slice(0, span.index) + ' '.repeat(span[0].length) + text.slice(span.index + span[0].length);
  const points = chronoPoints(rest, ctx);
  const day = points.length === 1 ? points[0] : undefined;
  if (!day || !day.hasDay || day.hasTime || !(/\d/.test(day.text) || WEEKDAY_RE.test(day.text))) return null;
  const wall = toWall(day.at, ctx.timezone);
  const from = fromWall({ ...wall, ...start, second: 0 }, ctx.timezone);
  const to = clockAfter(from, end, ctx.timezone);
  if (from >= ctx.now) return null;
  const prefix = /\b(?:on|of|for)\s+$/.exec(rest.slice(0, day.index));
  const dayIndex = prefix ? day.index - prefix[0].length : day.index;
  const index = Math.min(span.index, dayIndex);
  const stop = Math.max(span.index + span[0].length, day.index + day.text.length);
  return {
    index,
    length: stop - index,
    kind: 'range',
    from,
    to: to > ctx.now ? ctx.now : to,
    what: `${formatShort(from, ctx.timezone).slice(0, 10)} ${clockText(start.hour, start.minute)}–${clockText(end.hour, end.minute)}`,
  };
}
