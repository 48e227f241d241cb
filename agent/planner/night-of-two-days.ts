// A night named by the two days it lies between: "the night of 28 to 29 October", "night 28/29 oct", "overnight sat
// into sun", "the night from the 13th to the 14th". It is the night as "last night" reads it: 22:00 to 06:00.
import { DAY_PARTS, ordinalDayRule, type TimeRule } from './calendar-words.ts';
import { chronoPoints } from './chrono-points.ts';
import { MONTH_RE } from './time-words.ts';
import { addDays, fromWall, toWall, type WallTime } from './zoned-time.ts';

const WEEKDAY = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*';
const DAY = String.raw`(?:the\s+)?(\d{1,2}(?:st|nd|rd|th)?|${WEEKDAY})`;
const NIGHT_RE = new RegExp(
  String.raw`\b(?:(?:during|on|in|over)\s+)?(?:the\s+)?(?:night|overnight|nite)\s+(?:of\s+|from\s+)?${DAY}\s*(?:to|into|-|–|/|and|till|until|->)\s*${DAY}(?:\s+(?:of\s+)?(${MONTH_RE})\w*)?\b`,
);

type Day = Pick<WallTime, 'year' | 'month' | 'day'>;

/** The day a word names: a weekday or a date with the month written, else an ordinal of this or last month. */
function dayOf(word: string, month: string | undefined, ctx: Parameters<TimeRule>[1]): Day | null {
  const number = /^(\d{1,2})/.exec(word)?.[1];
  if (number && !month) {
    const found = ordinalDayRule(`the ${Number(number)}th`, ctx);
    return found ? toWall(found.from, ctx.timezone) : null;
  }
  const point = chronoPoints(number ? `${number} ${month}` : word, ctx)[0];
  return point?.hasDay && !point.hasTime ? toWall(point.at, ctx.timezone) : null;
}

const sameDay = (a: Day, b: Day): boolean => a.year === b.year && a.month === b.month && a.day === b.day;

/** The night between two days that follow each other; null when the days do not (then it is no night of theirs). */
export const nightOfTwoDaysRule: TimeRule = (text, ctx) => {
  const match = NIGHT_RE.exec(text);
  if (!match) return null;
  const end = dayOf(match[2] ?? '', match[3], ctx);
  if (!end) return null;
  const start = addDays(end, -1);
  // The first day must be the one before: "28 to 29" is a night, "28 to 30" two days and nights.
  const number = /^\d+/.exec(match[1] ?? '')?.[0];
  const named = number ? null : dayOf(match[1] ?? '', undefined, ctx);
  if (number ? Number(number) !== start.day : !named || !sameDay(named, start)) return null;
  const [startHour, endHour] = DAY_PARTS.night;
  const from = fromWall({ ...start, hour: startHour, minute: 0, second: 0 }, ctx.timezone);
  const to = fromWall({ ...end, hour: endHour, minute: 0, second: 0 }, ctx.timezone);
  if (from >= ctx.now) return null;
  const what = `the night of ${start.day}-${end.day}/${end.month}`;
  return { index: match.index, length: match[0].length, kind: 'range', from, to: to > ctx.now ? ctx.now : to, what };
};
