// Time words of chat beyond chrono-node: parts of the day ("this morning", "last night"), "the 8th", a bare "aug", "last 3 nights".
import { MONTHS, MONTH_RE } from './time-words.ts';
import { addDays, fromWall, toWall, type WallTime } from './zoned-time.ts';

/** A time expression found in the question: its place in the text and the window it means. */
export interface TimeFound {
  index: number;
  length: number;
  kind: 'range' | 'instant';
  from: Date;
  to: Date;
  at?: Date;
  what: string;
  /** Clock times without a day ("between 17:00 and 23:00"): a day named elsewhere in the question places them. */
  clockOnly?: boolean;
  /** A reading that stands only when no other time is named ("24h"; "pmp 1 hrs yday" names yesterday, and pump 1). */
  weak?: boolean;
  /** A named shift without its day ("the night shift ... on the 8th"): that shift of a day named elsewhere. */
  onDay?: (day: Pick<WallTime, 'year' | 'month' | 'day'>) => { from: Date; to: Date; what: string } | null;
}

export interface CalendarContext {
  now: Date;
  timezone: string;
}

export type TimeRule = (text: string, ctx: CalendarContext) => TimeFound | null;

/** Parts of the day in plant time, [start hour, end hour); night runs over midnight. */
export const DAY_PARTS: Readonly<Record<'morning' | 'afternoon' | 'evening' | 'night', readonly [number, number]>> = {
  morning: [6, 12],
  afternoon: [12, 18],
  evening: [18, 22],
  night: [22, 6],
};

const at = (day: Pick<WallTime, 'year' | 'month' | 'day'>, hour: number, tz: string): Date =>
  fromWall({ year: day.year, month: day.month, day: day.day, hour, minute: 0, second: 0 }, tz);

/**
 * "this morning", "yesterday afternoon", "this evening", "tonight", "last night", "yesterday night": the part of
 * that day (night = 22:00 to 06:00 of the next day). "last night" is the newest night that has begun. A part not
 * yet begun is not read.
 */
export const dayPartRule: TimeRule = (text, ctx) => {
  const match =
    /\b(?:(?:in|during|for|over)\s+)?(?:the\s+)?(?:(this|today|yesterday|yesterdays|last)\s+)?(morning|afternoon|evening|night|tonight)\b/g;
  for (const found of text.matchAll(match)) {
    const which = found[2] === 'tonight' ? 'tonight' : found[1];
    const part = (found[2] === 'tonight' ? 'night' : found[2]) as keyof typeof DAY_PARTS;
    if (!which) continue;
    if (which === 'last' && part !== 'night' && part !== 'evening') continue;
    const tz = ctx.timezone;
    const today = toWall(ctx.now, tz);
    const [startHour, endHour] = DAY_PARTS[part];
    let day = which === 'yesterday' || which === 'yesterdays' ? addDays(today, -1) : today;
    if (part === 'night' && (which === 'last' || !which)) {
      // The newest night that has begun: tonight once 22:00 has passed, else the one that began yesterday.
      day = ctx.now >= at(today, startHour, tz) ? today : addDays(today, -1);
    } else if (which === 'last') day = addDays(today, -1);
    const from = at(day, startHour, tz);
    const to = part === 'night' ? at(addDays(day, 1), endHour, tz) : at(day, endHour, tz);
    if (from >= ctx.now) continue;
    const what = which === 'tonight' ? 'tonight' : `${which === 'yesterdays' ? 'yesterday' : which} ${part}`;
    return { index: found.index, length: found[0].length, kind: 'range', from, to: to > ctx.now ? ctx.now : to, what };
  }
  return null;
};

/**
 * A bare ordinal before a verb, a comparison or "time" counts occurrences, it names no day: "1st went sub 3.1 m",
 * "2nd time it tripped". With "on" or "the" ("on the 1st went ...") it is a day.
 */
const COUNTING_ORDINAL =
  /^\s+(?:time|tym|tme|went|go(?:es)?|rose|fell|dropped|dipped|got|hit|reached|crossed|breach\w*|exceed\w*|exced\w*|top(?:ped|s)?|broke|sank|slipped|climbed|above|over|under|below|sub|[<>])\b/;

/** "the 8th", "on the 29th": that day of this month, or of the last month when it has not come yet. */
export const ordinalDayRule: TimeRule = (text, ctx) => {
  // A month written before the day ("october 3rd", "dec 3rd") makes a date, read by chrono-node: not a day of this month.
  const days = new RegExp(
    `(?<!\\b(?:${MONTH_RE})\\.?\\s+)\\b((?:on|for|of)\\s+)?((?:the\\s+)?)(\\d{1,2})(st|nd|rd|th)\\b(?!\\s*(?:of\\s+)?(?:${MONTH_RE})\\b)`,
    'g',
  );
  const match = [...text.matchAll(days)].find(
    (m) => m[1] !== undefined || m[2] !== '' || !COUNTING_ORDINAL.test(text.slice((m.index ?? 0) + m[0].length)),
  );
  if (!match) return null;
  const dayNumber = Number(match[3]);
  if (dayNumber < 1 || dayNumber > 31) return null;
  const tz = ctx.timezone;
  const today = toWall(ctx.now, tz);
  let month = { year: today.year, month: today.month };
  if (dayNumber > today.day) month = today.month === 1 ? { year: today.year - 1, month: 12 } : { year: today.year, month: today.month - 1 };
  const from = at({ ...month, day: dayNumber }, 0, tz);
  if (toWall(from, tz).day !== dayNumber) return null;
  const to = at(addDays({ ...month, day: dayNumber }, 1), 0, tz);
  return { index: match.index ?? 0, length: match[0].length, kind: 'range', from, to, what: `on the ${match[3]}${match[4]}` };
};

/**
 * A month named on its own ("alarm count PS2 aug", "DMA02 oct"): the latest such month that has begun. "may" and
 * "mar" alone are words, not months; a month next to a number is a date (read elsewhere).
 */
export const bareMonthRule: TimeRule = (text, ctx) => {
  const match = new RegExp(`(?<!(?:^|\\s)\\d{1,2}(?:st|nd|rd|th)?\\s*)\\b(${MONTH_RE})\\b(?!\\s*\\d)`).exec(text);
  if (!match || match[1] === 'may' || match[1] === 'mar') return null;
  const month = MONTHS[match[1] ?? ''];
  if (!month) return null;
  const tz = ctx.timezone;
  const today = toWall(ctx.now, tz);
  const year = month > today.month ? today.year - 1 : today.year;
  const from = at({ year, month, day: 1 }, 0, tz);
  const to = at({ year, month: month + 1, day: 1 }, 0, tz);
  return { index: match.index, length: match[0].length, kind: 'range', from, to: to > ctx.now ? ctx.now : to, what: `${match[1]} ${year}` };
};

/** "last 3 nights", "the past two nights": from 22:00 that many days ago until now (night-time questions). */
export const nightsRule: TimeRule = (text, ctx) => {
  const match = /\b(?:(?:in|over|during|for)\s+)?(?:the\s+)?(?:last|past|previous)\s+(\d+|two|three|four|five|six|seven)\s+nights\b/.exec(
    text,
  );
  if (!match) return null;
  const words: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7 };
  const count = words[match[1] ?? ''] ?? Number(match[1]);
  const tz = ctx.timezone;
  const today = toWall(ctx.now, tz);
  const from = at(addDays(today, -count), DAY_PARTS.night[0], tz);
  return { index: match.index, length: match[0].length, kind: 'range', from, to: ctx.now, what: `last ${count} nights` };
};
