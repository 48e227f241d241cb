// A run of days written with one month name: "5-11 oct", "1-7 September", "aug 10-16", "1st to 7th of october".
import type { TimeRule } from './calendar-words.ts';
import { MONTHS, MONTH_RE } from './time-words.ts';
import { addDays, fromWall, toWall } from './zoned-time.ts';

const NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY = '(\\d{1,2})(?:st|nd|rd|th|\\.)?';
const TO = '\\s*(?:-|–|to|till|until|thru|through)\\s*';
const YEAR = '(?:,?\\s+((?:19|20)\\d{2}))?';
const LEAD = '(?:(?:on|for|from|in|during|over|between)\\s+)?(?:the\\s+)?';
/** Days before the month ("5-11 oct") or after it ("aug 10-16"); a year may follow. */
const DAYS_MONTH_RE = new RegExp(`\\b${LEAD}${DAY}${TO}${DAY}\\s+(?:of\\s+)?(${MONTH_RE})\\b${YEAR}`);
const MONTH_DAYS_RE = new RegExp(`\\b${LEAD}(${MONTH_RE})\\.?\\s+${DAY}${TO}${DAY}\\b(?!\\s*(?::|am|pm))${YEAR}`);

/**
 * The days `first` to `last` of one month, both whole: [first 00:00, last + 1 day 00:00) in plant time. Without a year,
 * the latest such run that has begun; a run not yet over ends now.
 */
export const dayRangeRule: TimeRule = (text, ctx) => {
  const before = DAYS_MONTH_RE.exec(text);
  const after = before ? null : MONTH_DAYS_RE.exec(text);
  const match = before ?? after;
  if (!match) return null;
  const [first, last, monthWord, yearWord] = before ? [match[1], match[2], match[3], match[4]] : [match[2], match[3], match[1], match[4]];
  const month = MONTHS[monthWord ?? ''];
  const a = Number(first);
  const b = Number(last);
  if (!month || a < 1 || b > 31 || a >= b) return null;
  const tz = ctx.timezone;
  const today = toWall(ctx.now, tz);
  let year = yearWord ? Number(yearWord) : today.year;
  const start = (y: number): Date => fromWall({ year: y, month, day: a, hour: 0, minute: 0, second: 0 }, tz);
  if (!yearWord && start(year) > ctx.now) year -= 1;
  const from = start(year);
  // A day number past the month's end ("1-31 sep") rolls over; that is no run of days of that month.
  if (toWall(from, tz).month !== month || toWall(fromWall({ year, month, day: b, hour: 0, minute: 0, second: 0 }, tz), tz).month !== month)
    return null;
  const to = fromWall({ ...addDays({ year, month, day: b }, 1), hour: 0, minute: 0, second: 0 }, tz);
  return {
    index: match.index,
    length: match[0].length,
    kind: 'range',
    from,
    to: to > ctx.now ? ctx.now : to,
    what: `${a}–${b} ${NAMES[month - 1]} ${year}`,
  };
};
