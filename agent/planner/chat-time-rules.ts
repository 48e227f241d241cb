// Times as chat writes them, without the words a sentence would carry: "since 8", "b4 noon", "24h", "3hrs", "last 24",
// "this am". Each reads a bare clock hour on the 24-hour clock of the plant and a bare span as the span up to now.
import { DAY_PARTS, dayPartRule, type TimeFound, type TimeRule } from './calendar-words.ts';
import { UNIT_MS, unitKey } from './time-words.ts';
import { addDays, clockHour, clockText, fromWall, toWall } from './zoned-time.ts';

/**
 * A clock time as chat writes it after "since", "before", "until": "8", "08", "0800", "8:30", "8am", "at 12:00" (what
 * "noon" becomes). Not a number with a unit or a date ("since 8 oct", "before 3 bar"). Groups: hour, minute, am/pm.
 */
export const CLOCK_AFTER =
  '(?:at\\s+)?([01]?\\d|2[0-3])(?::?([0-5]\\d))?\\s*(am|pm)?(?![\\d.,/]|\\s*(?:st|nd|rd|th|m3|m|bar|kpa|%|a|kw|kwh|mg|ntu|l|h|hrs?|hours?|mins?|minutes?|days?|d|weeks?|wks?|months?|jan\\w*|feb\\w*|mar\\w*|apr\\w*|may|jun\\w*|jul\\w*|aug\\w*|sep\\w*|oct\\w*|nov\\w*|dec\\w*)\\b)';

/** "before 10", "b4 noon", "until 14:00": a clock time after a word that ends a window (question-lexicon leaves these to the planner). */
export const BEFORE_CLOCK_RE = new RegExp(`\\b(?:before|until|till|up\\s+to)\\s+${CLOCK_AFTER}`);

/**
 * "since 8", "since 0600", "since 6:30": from the latest such clock time of the plant's day (today's when it has passed,
 * else yesterday's) up to now. A shift engineer's "since 6" is 06:00 on the 24-hour clock, not 18:00.
 */
export const sinceClockRule: TimeRule = (text, ctx) => {
  const match = new RegExp(`\\bsince\\s+${CLOCK_AFTER}`).exec(text);
  if (!match) return null;
  const hour = clockHour(Number(match[1]), match[3]);
  const minute = Number(match[2] ?? 0);
  if (hour > 23) return null;
  const today = toWall(ctx.now, ctx.timezone);
  let from = fromWall({ ...today, hour, minute, second: 0 }, ctx.timezone);
  if (from > ctx.now) from = fromWall({ ...addDays(today, -1), hour, minute, second: 0 }, ctx.timezone);
  return { index: match.index, length: match[0].length, kind: 'range', from, to: ctx.now, what: `since ${clockText(hour, minute)}` };
};

/**
 * "before noon", "b4 10", "until 14:00": from the start of the day to that clock time (up to now when it has not come
 * yet). The clock times stand without a day, so a day named beside them ("yday b4 noon") places them on that day.
 */
export const beforeClockRule: TimeRule = (text, ctx) => {
  const match = BEFORE_CLOCK_RE.exec(text);
  if (!match) return null;
  const hour = clockHour(Number(match[1]), match[3]);
  const minute = Number(match[2] ?? 0);
  if (hour > 23 || (hour === 0 && minute === 0)) return null;
  const today = toWall(ctx.now, ctx.timezone);
  const from = fromWall({ ...today, hour: 0, minute: 0, second: 0 }, ctx.timezone);
  const to = fromWall({ ...today, hour, minute, second: 0 }, ctx.timezone);
  // Not cut at now here: a day named beside the clock time moves it first (the window is cut at now once placed).
  const found: TimeFound = {
    index: match.index,
    length: match[0].length,
    kind: 'range',
    from,
    to,
    what: `before ${clockText(hour, minute)}`,
    clockOnly: true,
  };
  return found;
};

/** Words after which a span of hours is a duration asked about, not the window ("above 4 m for 2 hours"). */
const DURATION_LEAD = /\b(?:for|than|least|most|over|under|about|every|per|longer|shorter|after|within|exceeding|lasting|next|of)\s+$/;

/**
 * A bare span up to now: "24h", "3hrs", "2 days", "max press 48 hours" (no "last"); "last 24" / "past 48" without a
 * unit are hours when the number is a multiple of 12 (12, 24, 36, 48, 72: nobody counts days or weeks so).
 */
export const bareSpanRule: TimeRule = (text, ctx) => {
  const unitless = /\b(?:last|past|prev(?:ious)?)\s+(\d{2})\b(?![\d.,:/]|\s*[a-z%])/.exec(text);
  if (unitless && Number(unitless[1]) % 12 === 0 && Number(unitless[1]) <= 96) {
    const count = Number(unitless[1]);
    const from = new Date(ctx.now.getTime() - count * 3_600_000);
    return { index: unitless.index, length: unitless[0].length, kind: 'range', from, to: ctx.now, what: `last ${count} hours` };
  }
  for (const match of text.matchAll(
    /\b(\d{1,3})\s*(h|hrs?|hours?|d|days?|wks?|weeks?)\b(?!\s*(?:ago|back|before|after|later|earlier)\b)/g,
  )) {
    if (DURATION_LEAD.test(text.slice(0, match.index))) continue;
    const unit = unitKey(match[2] ?? '');
    const count = Number(match[1]);
    if (!unit || unit === 'mo' || count === 0) continue;
    const from = new Date(ctx.now.getTime() - count * (UNIT_MS[unit] ?? 0));
    const word = { m: 'minutes', h: 'hours', d: 'days', w: 'weeks' }[unit];
    return { index: match.index, length: match[0].length, kind: 'range', from, to: ctx.now, what: `last ${count} ${word}`, weak: true };
  }
  return null;
};

/** "this am", "yesterday pm", "today am": the morning (06-12) or the afternoon (12-18) of that day. */
export const dayHalfRule: TimeRule = (text, ctx) => {
  const match = /\b(this|today|yesterday)\s+(am|pm)\b/.exec(text);
  if (!match) return null;
  const part: keyof typeof DAY_PARTS = match[2] === 'am' ? 'morning' : 'afternoon';
  const found = dayPartRule(`${match[1]} ${part}`, ctx);
  return found ? { ...found, index: match.index, length: match[0].length } : null;
};
